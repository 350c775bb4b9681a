//! `folio`: Folio's core without a window.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use folio_blog::check::{CheckOptions, Severity};
use folio_blog::image_import::ImportOptions;
use folio_blog::{demo, render_post, Blog};

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
    /// Work with a post's images.
    Image {
        #[command(subcommand)]
        command: ImageCommand,
    },
    /// Check the blog in DIR: markup, links, images, slugs. Exits with 1 on errors.
    Check {
        /// The blog folder.
        dir: PathBuf,
        /// Print the findings as one JSON list.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ImageCommand {
    /// Import images into a post's image folder and print the reST to insert.
    Add {
        /// The blog folder.
        dir: PathBuf,
        /// The slug of the post the images belong to.
        #[arg(long)]
        post: String,
        /// The alternative text (default: made from each file name).
        #[arg(long)]
        alt: Option<String>,
        /// Scale down images wider than this many pixels.
        #[arg(long, default_value_t = ImportOptions::default().max_width)]
        max_width: u32,
        /// The image files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
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
        Command::Image { command: ImageCommand::Add { dir, post, alt, max_width, files } } => {
            let blog = Blog::open(&dir)?;
            let options = ImportOptions { max_width, ..ImportOptions::default() };
            for file in files {
                let imported =
                    blog.import_image_file(&post, &file, alt.as_deref(), &options, |_| {})?;
                println!("{}", imported.rst);
            }
            Ok(())
        }
        Command::Check { dir, json } => check(&dir, json),
    }
}

fn check(dir: &std::path::Path, json: bool) -> anyhow::Result<()> {
    let blog = Blog::open(dir)?;
    let findings = blog.check(&CheckOptions::default())?;
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    if json {
        println!("{}", serde_json::to_string_pretty(&findings)?);
    } else {
        for f in &findings {
            let line = f.line.map(|l| format!(":{l}")).unwrap_or_default();
            let severity = serde_json::to_value(f.severity)?;
            let severity = severity.as_str().unwrap_or_default();
            println!("{}{line}: {severity}: {}", f.file, f.message);
        }
        eprintln!("{} findings, {errors} errors", findings.len());
    }
    if errors > 0 {
        std::process::exit(1);
    }
    Ok(())
}

fn render(files: &[PathBuf], json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for file in files {
        let bytes =
            std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let rendered = render_post(&text);
        if json {
            let metadata: serde_json::Map<String, serde_json::Value> =
                rendered.metadata.into_iter().map(|(k, v)| (k, v.into())).collect();
            let value = serde_json::json!({
                "title": rendered.preview.title,
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
