//! One Hunspell dictionary, made from its `.aff` and `.dic` files' bytes.

/// A Hunspell dictionary for one language.
pub struct Dictionary {
    language: String,
    inner: spellbook::Dictionary,
}

/// Why a dictionary could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// The files are not a dictionary spellbook can read.
    #[error("the {language} dictionary cannot be read: {reason}")]
    Unreadable {
        /// The language it was for.
        language: String,
        /// The parser's reason.
        reason: String,
    },
}

impl Dictionary {
    /// Reads a dictionary from the bytes of its `.aff` and `.dic` files. Files that are not
    /// UTF-8 are read as ISO 8859-1, the encoding of Hunspell dictionaries without `SET`.
    pub fn from_hunspell(language: &str, aff: &[u8], dic: &[u8]) -> Result<Self, DictionaryError> {
        let (aff, dic) = (decode(aff), decode(dic));
        let inner = spellbook::Dictionary::new(&aff, &dic).map_err(|e| {
            DictionaryError::Unreadable { language: language.to_string(), reason: e.to_string() }
        })?;
        Ok(Dictionary { language: language.to_string(), inner })
    }

    /// The language this dictionary is for, as the caller named it (`en_US`, `de_DE`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Whether the dictionary accepts `word`.
    pub fn check(&self, word: &str) -> bool {
        self.inner.check(word)
    }

    /// The dictionary's corrections for `word`, best first.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.inner.suggest(word, &mut out);
        out
    }
}

fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        // ISO 8859-1 maps each byte to the code point of the same number.
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}
