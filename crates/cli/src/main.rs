//! `folio`: Folio's core without a window.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};
use folio_blog::check::{CheckOptions, Severity};
use folio_blog::image_import::ImportOptions;
use folio_blog::spelling::{self, Dictionaries, SpellingFinding, SpellingOptions};
use folio_blog::{
    demo, git, render_post_bytes_in, Blog, Error, IncludeFolder, OpenOptions, PostSettings,
    ReadOptions, SettingsReader,
};

#[derive(Parser)]
#[command(name = "folio", version, about = "Write and publish a reStructuredText blog")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    python: PythonArgs,
}

/// How a blog's `pelicanconf.py` is read; given before or after the subcommand.
#[derive(clap::Args)]
struct PythonArgs {
    /// Read pelicanconf.py as plain literals; never run it.
    #[arg(long, global = true)]
    no_python: bool,
    /// The Python to run pelicanconf.py with (default: the blog's virtualenv, the Python
    /// behind `pelican` on PATH, then python3).
    #[arg(long, global = true, value_name = "PATH")]
    python: Option<PathBuf>,
    /// Seconds pelicanconf.py may run before Folio stops it.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = ReadOptions::default().timeout.as_secs_f64())]
    python_timeout: f64,
}

impl PythonArgs {
    /// Opens the blog in `dir` as these flags say, like `pelican` run in that folder.
    fn open(&self, dir: &Path) -> anyhow::Result<Blog> {
        let options = if self.no_python {
            OpenOptions::default()
        } else {
            let timeout = std::time::Duration::try_from_secs_f64(self.python_timeout)
                .context("--python-timeout must be a positive number of seconds")?;
            let read = ReadOptions { python: self.python.clone(), timeout, cache_file: None };
            OpenOptions::run_python(SettingsReader::new(read))
        };
        Blog::open_with(dir, &options).map_err(|e| match e {
            Error::NotABlog(not) if !not.candidates.is_empty() => {
                let folders: Vec<String> =
                    not.candidates.iter().map(|c| format!("{}/", c.display())).collect();
                let (is, folders) = match folders.as_slice() {
                    [one] => ("the blog is in", one.clone()),
                    more => ("blogs are in", more.join(" and ")),
                };
                let runs: Vec<String> =
                    not.candidates.iter().map(|c| format!("`{}`", rerun_in(dir, c))).collect();
                anyhow::anyhow!(
                    "{} is not a Pelican blog itself (no pelicanconf.py and no content \
                     folder): {is} {folders}: run {}",
                    dir.display(),
                    runs.join(" or ")
                )
            }
            e => e.into(),
        })
    }
}

/// This very command line with the blog folder `dir` replaced by its subfolder `sub`, for
/// an error to suggest.
fn rerun_in(dir: &Path, sub: &Path) -> String {
    let mut replaced = false;
    let words: Vec<String> = std::env::args_os()
        .enumerate()
        .map(|(i, arg)| {
            if i == 0 {
                return "folio".to_string();
            }
            if !replaced && Path::new(&arg) == dir {
                replaced = true;
                return dir.join(sub).display().to_string();
            }
            arg.to_string_lossy().into_owned()
        })
        .collect();
    words.join(" ")
}

#[derive(Subcommand)]
enum Command {
    /// Render reST posts to HTML (or JSON with title, metadata and diagnostics), with the
    /// settings of the blog each is in (TYPOGRIFY), found from its folder upward.
    Render {
        /// The posts to render.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print one JSON object per file, one per line.
        #[arg(long, conflicts_with = "page")]
        json: bool,
        /// Print each post's whole page as the blog's theme renders it (article.html or
        /// page.html), as the preview shows it.
        #[arg(long)]
        page: bool,
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
        /// Print the posts as one JSON list, with every field (category, slug, status, kind)
        /// as the blog's settings give it.
        #[arg(long)]
        json: bool,
    },
    /// Show the git state of the blog in DIR and of each post (no network).
    Status {
        /// The blog folder.
        dir: PathBuf,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Publish POSTs (default: every new or modified post) of the blog in DIR: commit,
    /// integrate the remote's changes, push and verify. Progress goes to stderr.
    Publish {
        /// The blog folder.
        dir: PathBuf,
        /// Posts to publish, relative to DIR (e.g. content/my-post.rst).
        posts: Vec<String>,
        /// Show what would be committed (files and diff) and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Publish even when `folio check` finds errors in the files to commit.
        #[arg(long)]
        ignore_checks: bool,
    },
    /// List the commits that changed POST in the blog in DIR, newest first, following
    /// renames: hash, date, author, whether it is published, message.
    History {
        /// The blog folder.
        dir: PathBuf,
        /// The post, relative to DIR (e.g. content/my-post.rst).
        post: String,
        /// Print one JSON object per commit, one per line (`commit`, `date`, `author`,
        /// `message`, `path`, `published`).
        #[arg(long)]
        json: bool,
    },
    /// Print POST's text as committed in REV (a hash from `folio history`, or HEAD~2).
    Show {
        /// The blog folder.
        dir: PathBuf,
        /// The post, relative to DIR, as it is named now.
        post: String,
        /// The commit.
        rev: String,
    },
    /// Remove the blog repository's `.git/index.lock` left behind by a git that stopped;
    /// refuses while a git program runs in the repository.
    Unlock {
        /// The blog folder.
        dir: PathBuf,
    },
    /// Work with a post's images.
    Image {
        #[command(subcommand)]
        command: ImageCommand,
    },
    /// Check the blog in DIR: markup, links, images, slugs. Exits with 1 on errors.
    /// With --spelling, checks the spelling of the prose of every reST post of each blog
    /// folder and of each reST file given instead; spelling findings are never errors.
    Check {
        /// The blog folder (with --spelling: blog folders and reST files).
        #[arg(required = true, value_name = "DIR|FILE")]
        paths: Vec<PathBuf>,
        /// Print the findings as one JSON list.
        #[arg(long)]
        json: bool,
        /// Check spelling, in each post's :lang:, else the blog's DEFAULT_LANG, else the
        /// system's language, accepting the words of the blog's .folio/words.txt.
        #[arg(long)]
        spelling: bool,
        /// With --spelling: the languages to check in instead (`--lang en_US,de`); a word
        /// is right when any of them knows it.
        #[arg(long, value_delimiter = ',', value_name = "LANG")]
        lang: Vec<String>,
        /// With --spelling: do not look up corrections (faster).
        #[arg(long)]
        no_suggestions: bool,
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
    let cli = Cli::parse();
    let python = &cli.python;
    match cli.command {
        Command::Render { files, page: true, .. } => render_pages(&files, python),
        Command::Render { files, json, page: false } => render(&files, json, python),
        Command::New { dir } => {
            let blog = demo::create_demo(&dir)?;
            println!("Created the demo blog in {}", blog.root().display());
            println!("Its origin is {}", demo::origin_path(blog.root()).display());
            Ok(())
        }
        Command::List { dir, json } => {
            let blog = python.open(&dir)?;
            if json {
                println!("{}", serde_json::to_string(&blog.list_posts()?)?);
                return Ok(());
            }
            for post in blog.list_posts()? {
                let date = post.date.as_deref().unwrap_or("-");
                println!("{}\t{}\t{}", post.path, date, post.title);
            }
            Ok(())
        }
        Command::Status { dir, json } => status(&python.open(&dir)?, json),
        Command::Publish { dir, posts, dry_run, ignore_checks } => {
            publish(&python.open(&dir)?, posts, dry_run, ignore_checks)
        }
        Command::History { dir, post, json } => history(&python.open(&dir)?, &post, json),
        Command::Show { dir, post, rev } => {
            let text = git::read_post_at(&python.open(&dir)?, &post, &rev)?;
            std::io::stdout().write_all(text.as_bytes())?;
            Ok(())
        }
        Command::Unlock { dir } => {
            let blog = python.open(&dir)?;
            match git::read_index_lock(&blog)? {
                None => println!("{} has no index.lock", blog.root().display()),
                Some(lock) => {
                    git::remove_stale_index_lock(&blog)?;
                    println!("Removed {}", lock.path);
                }
            }
            Ok(())
        }
        Command::Image { command: ImageCommand::Add { dir, post, alt, max_width, files } } => {
            let blog = python.open(&dir)?;
            let options = ImportOptions { max_width, ..ImportOptions::default() };
            for file in files {
                let imported =
                    blog.import_image_file(&post, &file, alt.as_deref(), &options, |_| {})?;
                println!("{}", imported.rst);
            }
            Ok(())
        }
        Command::Check { paths, json, spelling: true, lang, no_suggestions } => {
            let options = SpellingOptions { languages: lang, suggestions: !no_suggestions };
            check_spelling(&paths, json, &options, python)
        }
        Command::Check { paths, json, .. } => match paths.as_slice() {
            [dir] => check(&python.open(dir)?, json),
            _ => anyhow::bail!("folio check takes one blog folder (several only with --spelling)"),
        },
    }
}

fn history(blog: &Blog, post: &str, json: bool) -> anyhow::Result<()> {
    let history = git::read_post_history(blog, post)?;
    let mut out = std::io::stdout().lock();
    if history.uncommitted && !json {
        writeln!(out, "(not committed yet)\t{}", history.path)?;
    }
    for version in &history.versions {
        if json {
            writeln!(out, "{}", serde_json::to_string(version)?)?;
        } else {
            let published = if version.published { "published" } else { "not published" };
            writeln!(
                out,
                "{}\t{}\t{}\t{published}\t{}",
                &version.commit[..12.min(version.commit.len())],
                version.date,
                version.author,
                version.message
            )?;
        }
    }
    Ok(())
}

fn status(blog: &Blog, json: bool) -> anyhow::Result<()> {
    let status = git::read_status(blog)?;
    if json {
        println!("{}", serde_json::to_string(&status)?);
        return Ok(());
    }
    let branch = status.branch.as_deref().unwrap_or("(detached HEAD)");
    let upstream = status.upstream.as_deref().unwrap_or("no upstream");
    println!("{branch} -> {upstream}: {} ahead, {} behind", status.ahead, status.behind);
    for post in &status.posts {
        let change = match post.change {
            git::Change::New => "new",
            git::Change::Modified => "modified",
            git::Change::Unchanged => "",
        };
        let mut flags: Vec<&str> = vec![&post.status];
        flags.extend([change].into_iter().filter(|c| !c.is_empty()));
        if post.ahead {
            flags.push("committed, not published");
        }
        if post.behind {
            flags.push("changed on the remote");
        }
        println!("{}\t{}\t{}", post.path, flags.join(", "), post.title);
    }
    Ok(())
}

fn publish(
    blog: &Blog,
    posts: Vec<String>,
    dry_run: bool,
    ignore_checks: bool,
) -> anyhow::Result<()> {
    let selection =
        if posts.is_empty() { git::Selection::AllChanged } else { git::Selection::Posts(posts) };
    let plan = git::plan_publish(blog, &selection)?;
    for finding in &plan.checks {
        let at = finding.line.map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!("{}{at}: {:?}: {}", finding.file, finding.severity, finding.message);
    }
    let errors = plan.checks.iter().filter(|f| f.severity == Severity::Error).count();
    let refused = errors > 0 && !ignore_checks;
    if dry_run {
        for commit in &plan.unpushed {
            println!("would push {} {}", &commit.id[..12.min(commit.id.len())], commit.summary);
        }
        for file in &plan.files {
            println!("would commit {file}");
        }
        print!("{}", plan.diff);
    }
    // A dry run ends as the publish would: refused on errors, else without pushing.
    if refused {
        anyhow::bail!(
            "not published: folio check found {errors} error(s) in the files to commit \
             (fix them, or publish with --ignore-checks)"
        );
    }
    if dry_run {
        return Ok(());
    }
    let mut stderr = std::io::stderr();
    let report =
        git::publish(blog, &selection, &git::AuthOptions::from_env(), &mut TerminalPrompts, |p| {
            let _ = if p.total > 0 {
                writeln!(
                    stderr,
                    "{:?}: {}/{} objects, {} bytes",
                    p.stage, p.current, p.total, p.bytes
                )
            } else {
                writeln!(stderr, "{:?}", p.stage)
            };
        })
        .context("not published")?;
    for file in &report.files {
        println!("committed {file}");
    }
    println!(
        "published {} to {} {}",
        &report.commit[..12.min(report.commit.len())],
        report.remote,
        report.refname
    );
    Ok(())
}

/// One line on what the blog's plugins provide, for `check`.
fn describe_plugins(plugins: &folio_blog::Plugins) -> String {
    use folio_blog::Plugins;
    match plugins {
        Plugins::Unknown { reason } => {
            format!("plugin directives and roles cannot be known: {reason}")
        }
        Plugins::Loaded(r) if r.loaded.is_empty() => "no plugins".to_string(),
        Plugins::Loaded(r) => {
            let list = |names: &[String]| {
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            };
            format!(
                "plugins: {}; their directives: {}; their roles: {}",
                r.loaded.join(", "),
                list(&r.directives),
                list(&r.roles)
            )
        }
    }
}

/// Prints the findings on stdout, and on stderr first where the settings came from: a line
/// of text, or with `--json` one JSON object `{"settings": ...}`, so stdout stays the list.
fn check(blog: &Blog, json: bool) -> anyhow::Result<()> {
    let findings = blog.check(&CheckOptions::default())?;
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let plugins = blog.plugins();
    if json {
        let source = serde_json::json!({
            "settings": blog.settings_source(),
            "language": blog.language().code(),
            "plugins": plugins,
        });
        eprintln!("{source}");
        println!("{}", serde_json::to_string_pretty(&findings)?);
    } else {
        eprintln!("{}", blog.settings_source());
        eprintln!("{}", describe_plugins(&plugins));
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

/// Prints the misspellings of each blog's reST posts and of each reST file, as
/// `file:line:column: spelling (language): word (suggestions)`, or with `--json` one list
/// of findings shaped as `folio check`'s with the word, language and suggestions added.
/// Always exits with 0 when the files could be checked: spelling is never an error.
fn check_spelling(
    paths: &[PathBuf],
    json: bool,
    options: &SpellingOptions,
    python: &PythonArgs,
) -> anyhow::Result<()> {
    let dictionaries = Dictionaries::system();
    let mut found: Vec<(String, SpellingFinding)> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let blog = python.open(path)?;
            for post in blog.list_posts()? {
                if !post.path.ends_with(".rst") {
                    continue;
                }
                let text = blog.read_post(&post.path)?.text;
                let file = path.join(&post.path).display().to_string();
                let findings = blog
                    .check_spelling(&text, &dictionaries, options)
                    .with_context(|| format!("cannot check the spelling of {file}"))?;
                found.extend(findings.into_iter().map(|f| (file.clone(), f)));
            }
        } else {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
            let folder = path.canonicalize().ok().and_then(|p| p.parent().map(Path::to_path_buf));
            let root = folder
                .iter()
                .flat_map(|f| f.ancestors())
                .find(|dir| dir.join("pelicanconf.py").is_file())
                .map(Path::to_path_buf);
            let file = path.display().to_string();
            let findings = match root {
                Some(root) => python.open(&root)?.check_spelling(&text, &dictionaries, options),
                None => {
                    let languages = spelling::languages_without_blog(&text, options);
                    spelling::check_text(
                        &text,
                        &languages,
                        Vec::new(),
                        &dictionaries,
                        options.suggestions,
                    )
                }
            }
            .with_context(|| format!("cannot check the spelling of {file}"))?;
            found.extend(findings.into_iter().map(|f| (file.clone(), f)));
        }
    }
    if json {
        let list: Vec<serde_json::Value> = found
            .iter()
            .map(|(file, f)| {
                serde_json::json!({
                    "file": file,
                    "line": f.line,
                    "column": f.column,
                    "severity": "info",
                    "kind": "spelling",
                    "message": spelling_message(f),
                    "word": f.word,
                    "language": f.language,
                    "suggestions": f.suggestions,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else {
        for (file, f) in &found {
            println!("{file}:{}:{}: spelling: {}", f.line, f.column, spelling_message(f));
        }
        eprintln!("{} misspellings", found.len());
    }
    Ok(())
}

fn spelling_message(f: &SpellingFinding) -> String {
    match f.suggestions.as_slice() {
        [] => format!("{:?} is not in the {} dictionary", f.word, f.language),
        s => format!(
            "{:?} is not in the {} dictionary (perhaps {})",
            f.word,
            f.language,
            s.join(", ")
        ),
    }
}

/// The settings a post renders with: those of the blog it is in (the nearest folder up
/// with a `pelicanconf.py`), else Pelican's defaults.
fn post_settings_for(
    file: &Path,
    python: &PythonArgs,
    blogs: &mut std::collections::HashMap<PathBuf, PostSettings>,
) -> anyhow::Result<PostSettings> {
    let folder = file.canonicalize().ok().and_then(|f| f.parent().map(Path::to_path_buf));
    let Some(root) = folder
        .iter()
        .flat_map(|f| f.ancestors())
        .find(|dir| dir.join("pelicanconf.py").is_file())
        .map(Path::to_path_buf)
    else {
        return Ok(PostSettings::default());
    };
    if let Some(settings) = blogs.get(&root) {
        return Ok(settings.clone());
    }
    let blog = python.open(&root)?;
    let settings = blog
        .post_settings()
        .with_context(|| format!("the settings of {} cannot be applied", root.display()))?;
    blogs.insert(root, settings.clone());
    Ok(settings)
}

/// The folder a file's includes must stay in: its blog (the nearest folder above it with a
/// `pelicanconf.py`), else the current folder when the file is in it, else its own folder.
fn include_root(dir: &Path) -> PathBuf {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if let Some(blog) = dir.ancestors().find(|d| d.join("pelicanconf.py").is_file()) {
        return blog.to_path_buf();
    }
    match std::env::current_dir().and_then(|c| c.canonicalize()) {
        Ok(cwd) if dir.starts_with(&cwd) => cwd,
        _ => dir,
    }
}

fn render(files: &[PathBuf], json: bool, python: &PythonArgs) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let mut blogs = std::collections::HashMap::new();
    for file in files {
        let bytes =
            std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
        let mut settings = post_settings_for(file, python, &mut blogs)?;
        // Includes are read beside the file, as docutils reads them, but not from outside
        // the folder that holds it and its siblings' folders (the blog, or the file's parent).
        let dir = file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
        let root = include_root(&dir);
        settings.includes = Some(IncludeFolder { dir, root });
        let rendered = render_post_bytes_in(&bytes, &settings);
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

/// Prints each post's page through its blog's theme; the blog is the nearest folder up
/// with a `pelicanconf.py`.
fn render_pages(files: &[PathBuf], python: &PythonArgs) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for file in files {
        let path =
            file.canonicalize().with_context(|| format!("could not read {}", file.display()))?;
        let root = path
            .ancestors()
            .skip(1)
            .find(|dir| dir.join("pelicanconf.py").is_file())
            .with_context(|| {
                format!(
                    "{} is not in a Pelican blog (no pelicanconf.py above it), so it has no theme",
                    file.display()
                )
            })?;
        let blog = python.open(root)?;
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", file.display()))?;
        let rel = folio_blog::blog_path::relative(blog.root(), &path);
        let html = blog
            .render_page(&rel, &text)
            .with_context(|| format!("the page of {} cannot be rendered", file.display()))?;
        out.write_all(html.as_bytes())?;
    }
    Ok(())
}

/// Asks on the terminal; with no terminal (scripts, CI) every answer is "no".
struct TerminalPrompts;

impl git::Prompter for TerminalPrompts {
    fn passphrase(&mut self, key: &Path) -> Option<String> {
        ask_hidden(&format!("Passphrase for {}: ", key.display()))
    }

    fn username_password(&mut self, url: &str, user: Option<&str>) -> Option<(String, String)> {
        let name = match user {
            Some(user) => user.to_string(),
            None => ask(&format!("Username for {url}: "))?,
        };
        let password = ask_hidden(&format!("Password or token for {name} at {url}: "))?;
        Some((name, password))
    }

    fn trust_host(&mut self, key: &git::HostKey) -> bool {
        let question = format!(
            "The host {} is not in known_hosts. Its {} key fingerprint is {}.\n\
             Trust it and remember it? [y/N] ",
            key.host, key.key_type, key.fingerprint
        );
        ask(&question).is_some_and(|a| matches!(a.to_ascii_lowercase().as_str(), "y" | "yes"))
    }
}

fn ask(prompt: &str) -> Option<String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("{prompt}");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).ok()?;
    Some(line.trim_end_matches(['\r', '\n']).to_string()).filter(|s| !s.is_empty())
}

/// Like [`ask`] with the terminal's echo off, so secrets do not show.
fn ask_hidden(prompt: &str) -> Option<String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return None;
    }
    let stty = |arg: &str| std::process::Command::new("stty").arg(arg).status();
    let _ = stty("-echo");
    let answer = ask(prompt);
    let _ = stty("echo");
    eprintln!();
    answer
}
