//! `folio`: Folio's core without a window.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use folio_blog::{demo, render_post_bytes, Blog};

#[derive(Parser)]
#[command(name = "folio", version, about = "Write and publish a reStructuredText blog")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render reST posts to HTML (or JSON with title, metadata and diagnostics).
    Render {
        /// The posts to render.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print one JSON object per file, one per line.
        #[arg(long)]
        json: bool,
    },
    /// Create a new demo blog in DIR, with a local bare `origin` beside it.
    New {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// List the posts of the blog in DIR.
    List {
        /// The blog folder.
        dir: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Render { files, json } => render(&files, json),
        Command::New { dir } => {
            let blog = demo::create_demo(&dir)?;
            println!("Created the demo blog in {}", blog.root().display());
            println!("Its origin is {}", demo::origin_path(blog.root()).display());
            Ok(())
        }
        Command::List { dir } => {
            let blog = Blog::open(&dir)?;
            for post in blog.list_posts()? {
                let date = post.date.as_deref().unwrap_or("-");
                println!("{}\t{}\t{}", post.path, date, post.title);
            }
            Ok(())
        }
    }
}

fn render(files: &[PathBuf], json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for file in files {
        let bytes =
            std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
        let rendered = render_post_bytes(&bytes);
        if json {
            let metadata: serde_json::Map<String, serde_json::Value> = rendered
                .pelican_metadata
                .into_iter()
                .map(|(k, v)| (k, serde_json::json!(v)))
                .collect();
            let value = serde_json::json!({
                "title": rendered.preview.title.unwrap_or_default(),
                "metadata": metadata,
                "content": rendered.preview.html,
                "diagnostics": rendered.preview.diagnostics,
            });
            writeln!(out, "{value}")?;
        } else {
            out.write_all(rendered.preview.html.as_bytes())?;
        }
    }
    Ok(())
}
