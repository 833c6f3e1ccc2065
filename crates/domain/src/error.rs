//! Validation errors with stable codes a help desk can look up.

use crate::{codes::Code, lang::Lang};

/// A rejected input: which field, a stable code, and the words for both languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {field}")]
pub struct ValidationError {
    /// The form or API field the problem is in.
    pub field: &'static str,
    /// Its registered code, e.g. `TASK_TITLE_EMPTY`.
    pub code: Code,
    zh: String,
    en: String,
}

impl ValidationError {
    /// A new error for `field` with a stable `code` and the message in both languages.
    pub fn new(field: &'static str, code: Code, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            field,
            code,
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A problem with `field` worded as the registry words its code.
    pub fn of(field: &'static str, code: Code) -> Self {
        Self::new(field, code, code.zh, code.en)
    }

    /// The same error reported against another field.
    pub fn on_field(self, field: &'static str) -> Self {
        Self { field, ..self }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}
