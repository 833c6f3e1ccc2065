//! Any document a user hands us as text: a Word file, or a plain text file in UTF-8 (with or
//! without a byte-order mark) or in GB18030/GBK, which Chinese Windows still writes by default.

use crate::docx::{DocxError, docx_text};

/// Why a document's text could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// A Word file that could not be read.
    #[error(transparent)]
    Docx(#[from] DocxError),
    /// An old binary Word file (.doc), which is not read: save it as .docx.
    #[error("old Word (.doc) files are not read; save it as .docx")]
    OldWord,
    /// Bytes that are text in neither UTF-8 nor GB18030.
    #[error("the file is not text (neither UTF-8 nor GB18030)")]
    NotText,
}

/// The text of a document: .docx by its zip signature, .doc refused by its OLE signature,
/// otherwise text in UTF-8 or GB18030. Line ends become `\n`.
pub fn document_text(bytes: &[u8]) -> Result<String, TextError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(docx_text(bytes)?);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(TextError::OldWord);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (s, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                return Err(TextError::NotText);
            }
            s.into_owned()
        }
    };
    if text.contains('\0') {
        return Err(TextError::NotText);
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_gbk_and_word_are_read() {
        let s = "会议要求,要加快推进项目建设。\r\n";
        assert_eq!(
            document_text(s.as_bytes()).ok().as_deref(),
            Some("会议要求,要加快推进项目建设。\n")
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        assert_eq!(
            document_text(&gbk).ok().as_deref(),
            Some("会议要求,要加快推进项目建设。\n")
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(
            document_text(&bom).ok().as_deref(),
            Some("会议要求,要加快推进项目建设。\n")
        );
        let docx = crate::docx::tests::make_docx(&["一、稳定工业经济运行", "牵头单位：市工信局"]);
        assert_eq!(
            document_text(&docx).ok().as_deref(),
            Some("一、稳定工业经济运行\n牵头单位：市工信局\n")
        );
    }

    #[test]
    fn binary_files_are_refused() {
        assert!(matches!(
            document_text(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
            Err(TextError::OldWord)
        ));
        assert!(matches!(
            document_text(&[0x89, b'P', b'N', b'G', 0, 0, 0xFF, 0xFE]),
            Err(TextError::NotText)
        ));
    }
}
