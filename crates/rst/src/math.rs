//! LaTeX math to HTML the way docutils' math2html writes it (the subset blog posts use:
//! scripts, fractions, roots, big operators with limits, Greek letters, common relations).

/// Deepest brace nesting converted; deeper groups are written as text. Motivated by
/// `{{{{…}}}}` inputs, since conversion recurses once per group.
pub const MAX_MATH_DEPTH: u32 = 32;

/// Converts `tex` to math2html markup; `display` selects block layout for big operators.
pub fn to_html(tex: &str, display: bool) -> String {
    let chars: Vec<char> = tex.chars().collect();
    let mut c = Conv { s: &chars, i: 0, display };
    c.seq(0, false)
}

struct Conv<'a> {
    s: &'a [char],
    i: usize,
    display: bool,
}

fn greek(name: &str) -> Option<char> {
    Some(match name {
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "epsilon" => 'ϵ',
        "varepsilon" => 'ε',
        "zeta" => 'ζ',
        "eta" => 'η',
        "theta" => 'θ',
        "iota" => 'ι',
        "kappa" => 'κ',
        "lambda" => 'λ',
        "mu" => 'μ',
        "nu" => 'ν',
        "xi" => 'ξ',
        "pi" => 'π',
        "rho" => 'ρ',
        "sigma" => 'σ',
        "tau" => 'τ',
        "phi" => 'ϕ',
        "varphi" => 'φ',
        "chi" => 'χ',
        "psi" => 'ψ',
        "omega" => 'ω',
        "Gamma" => 'Γ',
        "Delta" => 'Δ',
        "Theta" => 'Θ',
        "Lambda" => 'Λ',
        "Pi" => 'Π',
        "Sigma" => 'Σ',
        "Phi" => 'Φ',
        "Omega" => 'Ω',
        _ => return None,
    })
}

fn relation(name: &str) -> Option<&'static str> {
    Some(match name {
        "approx" => "≈",
        "leq" | "le" => "≤",
        "geq" | "ge" => "≥",
        "neq" | "ne" => "≠",
        "times" => "×",
        "cdot" => "⋅",
        "pm" => "±",
        "to" | "rightarrow" => "→",
        "equiv" => "≡",
        "in" => "∈",
        _ => return None,
    })
}

/// What math2html writes for the punctuation it changes (its `FormulaConfig.modified`):
/// binary operators between thin spaces, `/` as a fraction slash, `~` a no-break space.
fn modified(c: char) -> Option<&'static str> {
    Some(match c {
        '$' | '@' => "",
        '&' => "\t",
        '\'' => "\u{2019}",
        '+' => "\u{2009}+\u{2009}",
        ',' => ",\u{2009}",
        '-' => "\u{2009}\u{2212}\u{2009}",
        '/' => "\u{2009}\u{2044}\u{2009}",
        ':' => " : ",
        '<' => "\u{2009}&lt;\u{2009}",
        '=' => "\u{2009}=\u{2009}",
        '>' => "\u{2009}&gt;\u{2009}",
        '~' => "\u{a0}",
        _ => return None,
    })
}

fn escape(c: char) -> String {
    match c {
        '<' => "&lt;".into(),
        '>' => "&gt;".into(),
        '&' => "&amp;".into(),
        _ => c.to_string(),
    }
}

impl Conv<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn command(&mut self) -> String {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        if self.i == start && self.peek().is_some() {
            self.i += 1;
        }
        self.s[start..self.i].iter().collect()
    }

    /// One argument: a `{group}` or a single token.
    fn arg(&mut self, depth: u32) -> String {
        self.skip_ws();
        match self.peek() {
            Some('{') => {
                self.i += 1;
                self.seq(depth + 1, true)
            }
            Some('\\') => {
                self.i += 1;
                let name = self.command();
                self.command_html(&name, depth)
            }
            Some(c) => {
                self.i += 1;
                if c.is_alphabetic() {
                    format!("<i>{}</i>", escape(c))
                } else {
                    escape(c)
                }
            }
            None => String::new(),
        }
    }

    fn command_html(&mut self, name: &str, depth: u32) -> String {
        if let Some(g) = greek(name) {
            return format!("<i>{g}</i>");
        }
        if let Some(r) = relation(name) {
            return format!(" {r} ");
        }
        match name {
            "," | ";" | " " | "quad" | ":" => " ".into(),
            "!" => String::new(),
            "frac" => {
                let n = self.arg(depth);
                let d = self.arg(depth);
                format!("<span class=\"fraction\"><span class=\"ignored\">(</span><span class=\"numerator\">{n}</span><span class=\"ignored\">)/(</span><span class=\"denominator\">{d}</span><span class=\"ignored\">)</span></span>")
            }
            "sqrt" => {
                let r = self.arg(depth);
                format!("<span class=\"sqrt\"><span class=\"radical\">√</span><span class=\"ignored\">(</span><span class=\"root\">{r}</span><span class=\"ignored\">)</span></span>")
            }
            "sum" | "prod" | "int" => {
                let (sym, class) = match name {
                    "sum" => ("∑", "bigoperator"),
                    "prod" => ("∏", "bigoperator"),
                    _ => ("∫", "bigoperator integral"),
                };
                let (mut sup, mut sub) = (None, None);
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some('^') if sup.is_none() => {
                            self.i += 1;
                            sup = Some(self.arg(depth));
                        }
                        Some('_') if sub.is_none() => {
                            self.i += 1;
                            sub = Some(self.arg(depth));
                        }
                        _ => break,
                    }
                }
                let op =
                    format!("<span class=\"limit\"><span class=\"{class}\">{sym}</span></span>");
                if self.display {
                    let mut s = String::from("<span class=\"limits\">");
                    if let Some(x) = &sup {
                        s.push_str(&format!("<sup class=\"limit\">{x}</sup>"));
                    }
                    s.push_str(&op);
                    if let Some(x) = &sub {
                        s.push_str(&format!("<sub class=\"limit\">{x}</sub>"));
                    }
                    s.push_str("</span>");
                    s
                } else {
                    let mut s = format!("<span class=\"limits\">{op}</span>");
                    if sup.is_some() || sub.is_some() {
                        s.push_str("<span class=\"scripts\">");
                        if let Some(x) = &sup {
                            s.push_str(&format!("<sup class=\"script\">{x}</sup>"));
                        }
                        if let Some(x) = &sub {
                            s.push_str(&format!("<sub class=\"script\">{x}</sub>"));
                        }
                        s.push_str("</span>");
                    }
                    s
                }
            }
            "infty" => "∞".into(),
            "ldots" | "dots" => "…".into(),
            "{" | "}" | "%" | "$" | "_" | "#" => name.into(),
            _ => format!("\\{name}"),
        }
    }

    fn seq(&mut self, depth: u32, in_group: bool) -> String {
        let mut out = String::new();
        if depth > MAX_MATH_DEPTH {
            // Too deep: the rest of the group as text.
            let start = self.i;
            while self.peek().is_some_and(|c| c != '}') {
                self.i += 1;
            }
            self.i += 1;
            return self.s[start..(self.i - 1).min(self.s.len())].iter().collect();
        }
        while let Some(c) = self.peek() {
            match c {
                '}' if in_group => {
                    self.i += 1;
                    return out;
                }
                c if c.is_whitespace() => self.i += 1,
                '{' => {
                    self.i += 1;
                    out.push_str(&self.seq(depth + 1, true));
                }
                '^' | '_' => {
                    self.i += 1;
                    let a = self.arg(depth);
                    let tag = if c == '^' { "sup" } else { "sub" };
                    out.push_str(&format!("<{tag}>{a}</{tag}>"));
                }
                '\\' => {
                    self.i += 1;
                    let name = self.command();
                    let h = self.command_html(&name, depth);
                    out.push_str(&h);
                }
                c if modified(c).is_some() => {
                    self.i += 1;
                    out.push_str(modified(c).unwrap_or_default());
                }
                c if c.is_ascii_alphabetic() => {
                    let start = self.i;
                    while self.peek().is_some_and(|x| x.is_ascii_alphabetic()) {
                        self.i += 1;
                    }
                    let w: String = self.s[start..self.i].iter().collect();
                    out.push_str(&format!("<i>{w}</i>"));
                }
                _ => {
                    self.i += 1;
                    out.push_str(&escape(c));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_operators_are_spaced_like_math2html() {
        assert_eq!(
            to_html("a^2 + b^2 = c^2", false),
            "<i>a</i><sup>2</sup>\u{2009}+\u{2009}<i>b</i><sup>2</sup>\u{2009}=\u{2009}<i>c</i><sup>2</sup>"
        );
    }

    #[test]
    fn punctuation_is_written_as_math2html_modifies_it() {
        assert_eq!(
            to_html("a/b, c:d~e'f@g-h", false),
            "<i>a</i>\u{2009}\u{2044}\u{2009}<i>b</i>,\u{2009}<i>c</i> : <i>d</i>\u{a0}<i>e</i>\u{2019}<i>f</i><i>g</i>\u{2009}\u{2212}\u{2009}<i>h</i>"
        );
    }

    #[test]
    fn deep_braces_stop_at_the_limit() {
        let tex = "{".repeat(10_000) + &"}".repeat(10_000);
        let _ = to_html(&tex, true);
    }
}
