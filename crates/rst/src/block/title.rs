//! Section titles and transitions, decided as docutils decides them: a line of one repeated
//! punctuation character is an overline or a transition (docutils' `Line` state), a text
//! line followed by such a line is an underlined title (the `Text` state's underline).
//! Each way a heading can be malformed gives docutils' message at docutils' level, and a
//! marker too short to be meant (under four characters) is read again as text.

use super::{BlockParser, Line};
use crate::{Severity, Span};

/// What a heading check made of the lines at `i`.
pub(super) enum Heading {
    /// No heading: line `i` starts text (a paragraph, a definition list or an underlined
    /// title, which the caller checks next).
    Text,
    /// Lines up to this index are taken: a transition, or a system message in their place.
    Taken(usize),
    /// A section title; the lines up to `next` are its heading.
    Section(Title),
}

pub(super) struct Title {
    /// The adornment: its character and whether it has an overline.
    pub(super) style: (char, bool),
    /// The title's text, without surrounding whitespace.
    pub(super) text: Line,
    /// The heading's lines.
    pub(super) span: Span,
    /// "Title underline/overline too short.": the line it is reported at and the heading.
    pub(super) warning: Option<(Span, &'static str, String)>,
    pub(super) next: usize,
}

/// Markers shorter than this are read as text when they cannot be a heading.
const SHORT_MARKER: usize = 4;

impl<'s> BlockParser<'s> {
    /// The raw text of `lines`, one per line (a system message's literal block).
    fn heading_text(&self, lines: &[Line]) -> String {
        // docutils reads every line without its trailing whitespace.
        lines.iter().map(|l| self.text(*l).trim_end()).collect::<Vec<_>>().join("\n")
    }

    /// `line` without trailing whitespace.
    fn trimmed(&self, line: Line) -> Line {
        Line { start: line.start, end: line.start + self.text(line).trim_end().len() as u32 }
    }

    fn info_at(&mut self, parent: crate::NodeId, line: Line, message: &str) {
        self.system_message(parent, self.span_of(&[line]), Severity::Info, message, None);
    }

    /// Line `i` is a marker (`self.adornment` holds): docutils' `Body.line` and `Line` state.
    pub(super) fn overline(
        &mut self,
        lines: &[Line],
        i: usize,
        parent: crate::NodeId,
        top: bool,
    ) -> Heading {
        let over = lines[i];
        let marker = self.text(over).trim();
        let short = marker.chars().count() < SHORT_MARKER;
        if !top {
            if marker == "::" {
                return Heading::Text;
            }
            if short {
                self.info_at(
                    parent,
                    over,
                    "Unexpected possible title overline or transition.\nTreating it as ordinary text because it's so short.",
                );
                return Heading::Text;
            }
            let lit = self.heading_text(&[over]);
            let span = self.span_of(&[over]);
            self.system_message(
                parent,
                span,
                Severity::Error,
                "Unexpected section title or transition.",
                Some(&lit),
            );
            return Heading::Taken(i + 1);
        }
        let short_overline = |p: &mut Self| {
            p.info_at(
                parent,
                over,
                "Possible incomplete section title.\nTreating the overline as ordinary text because it's so short.",
            );
            Heading::Text
        };
        let Some(&title) = lines.get(i + 1).filter(|l| !self.blank(**l)) else {
            // A marker alone: a transition.
            if short {
                return Heading::Text;
            }
            self.doc.push(parent, crate::NodeKind::Transition, self.span_of(&[over]));
            return Heading::Taken(i + 1);
        };
        let over_span = self.span_of(&[over]);
        if self.indent(title) == 0 && self.adornment(title).is_some() {
            if short {
                return short_overline(self);
            }
            let lit = self.heading_text(&lines[i..i + 2]);
            self.system_message(
                parent,
                over_span,
                Severity::Error,
                "Invalid section title or transition marker.",
                Some(&lit),
            );
            return Heading::Taken(i + 2);
        }
        let Some(&under) = lines.get(i + 2) else {
            if short {
                return short_overline(self);
            }
            let lit = self.heading_text(&lines[i..i + 2]);
            self.system_message(
                parent,
                over_span,
                Severity::Error,
                "Incomplete section title.",
                Some(&lit),
            );
            return Heading::Taken(i + 2);
        };
        let over_t = self.text(over).trim_end();
        let under_t = self.text(under).trim_end();
        let problem = if self.adornment(under).is_none() || self.indent(under) > 0 {
            Some("Missing matching underline for section title overline.")
        } else if over_t != under_t {
            Some("Title overline & underline mismatch.")
        } else {
            None
        };
        if let Some(message) = problem {
            if short {
                return short_overline(self);
            }
            let lit = self.heading_text(&lines[i..i + 3]);
            self.system_message(parent, over_span, Severity::Error, message, Some(&lit));
            return Heading::Taken(i + 3);
        }
        let title_t = self.text(title).trim_end();
        let mut warning = None;
        if crate::char_width::width(title_t) > over_t.len() {
            if short {
                return short_overline(self);
            }
            let lit = self.heading_text(&lines[i..i + 3]);
            warning = Some((over_span, "Title overline too short.", lit));
        }
        let text = self.trimmed(self.skip(title, self.indent(title)));
        let style = (marker.chars().next().unwrap_or('='), true);
        Heading::Section(Title {
            style,
            text,
            span: self.span_of(&lines[i..i + 3]),
            warning,
            next: i + 3,
        })
    }

    /// Line `i` is text: is the next line its underline? docutils' `Text.underline`.
    pub(super) fn underline(
        &mut self,
        lines: &[Line],
        i: usize,
        parent: crate::NodeId,
        top: bool,
    ) -> Heading {
        let Some(&under) = lines.get(i + 1) else {
            return Heading::Text;
        };
        if self.indent(under) > 0 {
            return Heading::Text;
        }
        let Some((c, n)) = self.adornment(under) else {
            return Heading::Text;
        };
        let line = lines[i];
        let title_t = self.text(line).trim_end();
        let under_span = self.span_of(&[under]);
        let mut warning = None;
        if crate::char_width::width(title_t) > n {
            if n < SHORT_MARKER {
                if top {
                    self.info_at(
                        parent,
                        under,
                        "Possible title underline, too short for the title.\nTreating it as ordinary text because it's so short.",
                    );
                }
                return Heading::Text;
            }
            let lit = self.heading_text(&lines[i..i + 2]);
            warning = Some((under_span, "Title underline too short.", lit));
        }
        if !top {
            if let Some((span, message, lit)) = warning {
                self.system_message(parent, span, Severity::Warning, message, Some(&lit));
            }
            let lit = self.heading_text(&lines[i..i + 2]);
            self.system_message(
                parent,
                under_span,
                Severity::Error,
                "Unexpected section title.",
                Some(&lit),
            );
            return Heading::Taken(i + 2);
        }
        Heading::Section(Title {
            style: (c, false),
            text: self.trimmed(line),
            span: self.span_of(&lines[i..i + 2]),
            warning,
            next: i + 2,
        })
    }
}
