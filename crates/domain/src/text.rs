//! Text as people type it: the characters a name, a title or a file name must not hold — control
//! characters and the invisible ones that change how the text around them reads (bidirectional
//! overrides and isolates, direction marks, zero-width characters): `发票\u{202E}fdp.exe` shows as
//! `发票exe.pdf`.

use crate::{ValidationError, codes};

/// Whether `c` is a control character or an invisible direction or zero-width character.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{FEFF}')
}

/// Whether `s` holds a hidden character.
pub fn has_hidden(s: &str) -> bool {
    s.chars().any(is_hidden)
}

/// `s` without its hidden characters (for a file name, which is cleaned rather than refused).
pub fn without_hidden(s: &str) -> String {
    s.chars().filter(|c| !is_hidden(*c)).collect()
}

/// The problem of a one-line field (`what` names it) that holds a hidden character.
pub fn hidden_error(field: &'static str, what: (&str, &str)) -> ValidationError {
    ValidationError::new(
        field,
        codes::TEXT_HIDDEN_CHARS,
        format!("{}含有不可见的控制字符或方向字符，请删除后重新输入", what.0),
        format!(
            "The {} holds invisible control or direction characters; type it again",
            what.1
        ),
    )
}

/// The problem of a list of ids that names one twice (`None` when each is there once).
pub fn repeated(field: &'static str, ids: &[i64]) -> Option<ValidationError> {
    let mut seen = std::collections::HashSet::new();
    ids.iter()
        .any(|id| !seen.insert(*id))
        .then(|| ValidationError::of(field, codes::LIST_REPEATED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_overrides_and_controls_are_hidden_and_chinese_is_not() {
        assert!(has_hidden("发票\u{202E}fdp.exe"));
        assert!(has_hidden("a\u{2066}b") && has_hidden("a\tb") && has_hidden("a\u{200B}b"));
        assert!(!has_hidden("关于做好2020年安全生产工作的通知（第3期）"));
        assert_eq!(without_hidden("发票\u{202E}fdp.exe"), "发票fdp.exe");
        assert_eq!(repeated("x", &[1, 2, 1]).unwrap().code, "LIST_REPEATED");
        assert!(repeated("x", &[1, 2]).is_none());
        let e = crate::TaskTitle::parse("抓好\u{202E}安全生产").unwrap_err();
        assert_eq!(e.code, "TEXT_HIDDEN_CHARS");
    }
}
