//! Theme pages: a Pelican theme's Jinja templates rendered with minijinja, given the
//! context Pelican builds for an article or a page.
//!
//! The environment is Pelican's (autoescape off, `trim_blocks` and `lstrip_blocks` on,
//! the theme's templates first, then the built-in `simple` theme, and `!simple/` and
//! `!theme/` to name either), with what real themes use beyond minijinja's builtins:
//! Python's string and dict methods, dates that answer `.strftime()` and `.isoformat()`,
//! Pelican's `strftime` filter, Jinja2's `truncate`, `striptags` and `escape`, `_` and
//! `gettext` as the null translation, and the `plugin_enabled` test. Templates are read
//! through [`TemplateFiles`], which the caller implements: this crate reads no file.

mod context;
mod links;
mod markup;
mod summary;
mod url_format;
mod values;

use std::sync::Arc;

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, State, UndefinedBehavior};

pub use context::{Entry, EntryKind, FieldValue, Named, Site};
pub use url_format::UrlPatternError;

/// Steps a page's templates may take: real themes take a few thousand for an article
/// page; a loop that never ends runs out of them and fails instead of hanging the preview.
pub const TEMPLATE_FUEL: u64 = 2_000_000;

/// How deep includes, macros calling macros and block nesting may go: a template that
/// includes itself stops here with an error.
pub const TEMPLATE_RECURSION_LIMIT: usize = 200;

/// Where template text comes from. `name` is what the template asked for (`base.html`),
/// `!simple/base.html` for the built-in theme's copy and `!theme/base.html` for the
/// theme's; names with `..`, a leading `/` or a backslash never reach it.
pub trait TemplateFiles: Send + Sync + 'static {
    /// The template's text, `Ok(None)` when no folder has it.
    fn read(&self, name: &str) -> Result<Option<String>, String>;
}

/// Why a page cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    /// A template failed to parse or to render.
    #[error("{}{}: {message}", file.as_deref().unwrap_or("template"), line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Template {
        /// The template it happened in.
        file: Option<String>,
        /// The 1-based line, when known.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
    /// A `*_URL` or `*_SAVE_AS` setting cannot be expanded for this content.
    #[error("{0}")]
    UrlPattern(#[from] UrlPatternError),
    /// The entry asked for is not in the site.
    #[error("the site has no entry number {0}")]
    NoEntry(usize),
}

impl From<minijinja::Error> for ThemeError {
    fn from(e: minijinja::Error) -> ThemeError {
        let mut message = match e.detail() {
            Some(detail) => format!("{}: {detail}", e.kind()),
            None => e.kind().to_string(),
        };
        let mut source = std::error::Error::source(&e);
        while let Some(inner) = source {
            message.push_str(&format!(" ({inner})"));
            source = inner.source();
        }
        ThemeError::Template { file: e.name().map(str::to_string), line: e.line(), message }
    }
}

/// Whether a template name may be looked up: relative, without `..` or backslashes.
pub fn is_safe_template_name(name: &str) -> bool {
    let name =
        name.strip_prefix("!simple/").or_else(|| name.strip_prefix("!theme/")).unwrap_or(name);
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains(['\\', '\0'])
        && !name.split('/').any(|part| part == ".." || part == "." || part.is_empty())
}

/// A theme ready to render pages.
pub struct Theme {
    env: Environment<'static>,
}

impl Theme {
    /// The environment Pelican builds, reading templates through `files`; `plugins` is the
    /// `PLUGINS` setting, which the `plugin_enabled` test looks in.
    pub fn new(files: impl TemplateFiles, plugins: Vec<String>) -> Theme {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_undefined_behavior(UndefinedBehavior::Lenient);
        env.set_fuel(Some(TEMPLATE_FUEL));
        env.set_recursion_limit(TEMPLATE_RECURSION_LIMIT);
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        env.set_formatter(python_formatter);
        let files = Arc::new(files);
        env.set_loader(move |name| {
            if !is_safe_template_name(name) {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("the template name {name:?} leaves the theme folder"),
                ));
            }
            match files.read(name) {
                Ok(text) => Ok(text.map(|t| t.replace("\r\n", "\n").replace('\r', "\n"))),
                Err(why) => Err(minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, why)),
            }
        });
        env.add_filter("strftime", values::strftime_filter);
        env.add_filter("truncate", truncate);
        env.add_filter("striptags", |value: Value| {
            Value::from(markup::striptags(&value.to_string()))
        });
        env.add_filter("escape", escape);
        env.add_filter("e", escape);
        env.add_filter("forceescape", |value: Value| {
            Value::from_safe_string(markup::escape(&value.to_string()))
        });
        let identity = |text: Value| text;
        env.add_function("_", identity);
        env.add_function("gettext", identity);
        env.add_function(
            "ngettext",
            |one: Value, many: Value, n: i64| if n == 1 { one } else { many },
        );
        env.add_test("plugin_enabled", move |name: &str| {
            plugins.iter().any(|p| p == name || p.strip_prefix("pelican.plugins.") == Some(name))
        });
        Theme { env }
    }

    /// Renders `template` (`article.html`) with `context`.
    pub fn render(&self, template: &str, context: &Value) -> Result<String, ThemeError> {
        let template = self.env.get_template(template)?;
        Ok(template.render(context)?)
    }

    /// The page Pelican writes for `site`'s entry `index`: `article.html` for an article,
    /// `page.html` for a page (or the entry's `template` field).
    pub fn render_entry(&self, site: &Site, index: usize) -> Result<String, ThemeError> {
        let (template, context) = site.page_context(index)?;
        self.render(&template, &context)
    }
}

/// Writes values as Jinja2 does: `None`, `True`, `False` as Python spells them.
fn python_formatter(
    out: &mut minijinja::Output,
    state: &State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    let spelled = match value.kind() {
        minijinja::value::ValueKind::None => Some("None"),
        minijinja::value::ValueKind::Bool if value.is_true() => Some("True"),
        minijinja::value::ValueKind::Bool => Some("False"),
        _ => None,
    };
    match spelled {
        Some(word) => out.write_str(word).map_err(minijinja::Error::from),
        None => minijinja::escape_formatter(out, state, value),
    }
}

/// MarkupSafe's `escape`: text already marked safe stays as it is.
fn escape(value: Value) -> Value {
    if value.is_safe() {
        return value;
    }
    Value::from_safe_string(markup::escape(&value.to_string()))
}

/// Jinja2's `truncate(s, length=255, killwords=False, end='...', leeway=None)`, taking
/// its arguments by position or by name; the leeway is Jinja2's default, 5.
fn truncate(
    value: Value,
    args: minijinja::value::Rest<Value>,
    kwargs: Kwargs,
) -> Result<Value, minijinja::Error> {
    let text = value.to_string();
    let arg = |i: usize, name: &str| -> Result<Option<Value>, minijinja::Error> {
        match args.get(i) {
            Some(v) => Ok(Some(v.clone())),
            None => kwargs.get::<Option<Value>>(name),
        }
    };
    let length =
        arg(0, "length")?.and_then(|v| i64::try_from(v).ok()).unwrap_or(255).max(0) as usize;
    let killwords = arg(1, "killwords")?.is_some_and(|v| v.is_true());
    let end = arg(2, "end")?.map_or_else(|| "...".to_string(), |v| v.to_string());
    let leeway = arg(3, "leeway")?.and_then(|v| i64::try_from(v).ok()).unwrap_or(5).max(0) as usize;
    kwargs.assert_all_used()?;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= length + leeway {
        return Ok(value);
    }
    let keep = length.saturating_sub(end.chars().count());
    let head: String = chars[..keep.min(chars.len())].iter().collect();
    let cut = if killwords {
        head
    } else {
        match head.rfind(' ') {
            Some(at) => head[..at].to_string(),
            None => head,
        }
    };
    Ok(Value::from(cut + &end))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Files(Vec<(&'static str, &'static str)>);

    impl TemplateFiles for Files {
        fn read(&self, name: &str) -> Result<Option<String>, String> {
            Ok(self.0.iter().find(|(n, _)| *n == name).map(|(_, t)| t.to_string()))
        }
    }

    fn render(
        templates: Vec<(&'static str, &'static str)>,
        name: &str,
    ) -> Result<String, ThemeError> {
        Theme::new(Files(templates), vec!["sitemap".into()]).render(name, &Value::from(()))
    }

    #[test]
    fn template_names_outside_the_theme_are_refused() {
        for name in ["../x.html", "/etc/passwd", "a/../../b", "a\\b", "!simple/../x"] {
            assert!(!is_safe_template_name(name), "{name}");
        }
        let err = render(vec![("a.html", "{% include '../secret' %}")], "a.html").unwrap_err();
        assert!(err.to_string().contains("leaves the theme folder"), "{err}");
    }

    #[test]
    fn a_template_that_loops_forever_fails_with_its_file_and_line() {
        let looping = "x\n{% for i in range(1000000000) %}{{ i }}{% endfor %}";
        let err = render(vec![("loop.html", looping)], "loop.html").unwrap_err();
        assert!(
            matches!(err, ThemeError::Template { ref file, line: Some(2), .. } if file.as_deref() == Some("loop.html")),
            "{err:?}"
        );
        let err =
            render(vec![("self.html", "{% include 'self.html' %}")], "self.html").unwrap_err();
        assert!(err.to_string().contains("self.html"), "{err}");
    }

    #[test]
    fn jinja2s_filters_and_the_null_translation_behave_as_in_pelican() {
        let text = "{{ 'abc def ghi jkl mno'|truncate(9) }}|{{ _('Hi') }}|{{ \"<a href='x'>\"|escape }}|{{ none }}|{{ 'sitemap' is plugin_enabled }}\r\n{{ 'x' }}";
        assert_eq!(
            render(vec![("t.html", text)], "t.html").unwrap(),
            "abc...|Hi|&lt;a href=&#39;x&#39;&gt;|None|True\nx"
        );
    }
}
