//! Pygments' token types and the short CSS classes its HTML formatter writes for them,
//! from the table `pygments.token.STANDARD_TYPES` (generated: `tools/generate.py tables`).

include!("generated/token_type.rs");

impl TokenType {
    /// The short CSS class, e.g. `nf` for `Name.Function`; `""` for plain `Text`. This is
    /// what docutils' `code` writes; see [`TokenType::html_classes`] for Pygments' HTML.
    pub fn class(self) -> &'static str {
        // The table lists the variants in declaration order (both are generated so).
        STANDARD_TYPES.get(self as usize).map_or("", |t| t.2)
    }

    /// The `class` attribute Pygments' HTML formatter writes: the short class, after its
    /// parents' for a type outside the standard table (`p p-Indicator`).
    pub fn html_classes(self) -> &'static str {
        STANDARD_TYPES.get(self as usize).map_or("", |t| t.3)
    }

    /// The dotted name without `Token.`, e.g. `Name.Function`; `""` for `Token` itself.
    pub fn name(self) -> &'static str {
        STANDARD_TYPES.get(self as usize).map_or("", |t| t.1)
    }

    /// The type named `name` (as [`TokenType::name`] writes it), or for a type outside the
    /// standard table its nearest standard parent (`Name.Variable.Anonymous` is
    /// `Name.Variable`), as Pygments' formatter falls back to the parent's class.
    pub fn from_name(name: &str) -> TokenType {
        let mut name = name.strip_prefix("Token.").unwrap_or(name);
        loop {
            if let Some(t) = STANDARD_TYPES.iter().find(|t| t.1 == name) {
                return t.0;
            }
            match name.rfind('.') {
                Some(dot) => name = &name[..dot],
                None => return TokenType::Token,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TokenType;

    #[test]
    fn the_table_lists_the_variants_in_declaration_order() {
        for (k, t) in super::STANDARD_TYPES.iter().enumerate() {
            assert_eq!(t.0 as usize, k, "{}", t.1);
        }
    }

    #[test]
    fn classes_and_names_come_from_pygments_standard_table() {
        assert_eq!(TokenType::NameFunction.class(), "nf");
        assert_eq!(TokenType::LiteralStringDouble.class(), "s2");
        assert_eq!(TokenType::GenericPrompt.class(), "gp");
        assert_eq!(TokenType::Text.class(), "");
        assert_eq!(TokenType::PunctuationIndicator.class(), "p-Indicator");
        assert_eq!(TokenType::PunctuationIndicator.html_classes(), "p p-Indicator");
        assert_eq!(TokenType::NameFunction.html_classes(), "nf");
        assert_eq!(TokenType::TextWhitespace.name(), "Text.Whitespace");
        assert_eq!(TokenType::from_name("Keyword.Namespace"), TokenType::KeywordNamespace);
        assert_eq!(TokenType::from_name("Name.Variable.Anonymous"), TokenType::NameVariable);
    }
}
