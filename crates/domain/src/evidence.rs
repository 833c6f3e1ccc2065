//! Evidence files attached to a progress report (佐证材料): which kinds are accepted, how big,
//! and a safe name. The kind is decided by the file's first bytes, not only by its name.

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// An accepted kind of evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// PDF.
    Pdf,
    /// JPEG photo.
    Jpeg,
    /// PNG image.
    Png,
    /// Word (.docx).
    Docx,
    /// Excel (.xlsx).
    Xlsx,
    /// Word 97–2003 (.doc).
    Doc,
    /// Excel 97–2003 (.xls).
    Xls,
    /// OFD, China's fixed-layout document format (GB/T 33190).
    Ofd,
}

impl EvidenceKind {
    /// The MIME type it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            EvidenceKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            EvidenceKind::Doc => "application/msword",
            EvidenceKind::Xls => "application/vnd.ms-excel",
            EvidenceKind::Ofd => "application/ofd",
        }
    }
}

/// The accepted file name endings, for the form's hint and `accept` attribute.
pub const ACCEPTED: &str = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.doc,.xls,.ofd";

/// Decides the kind of an upload from its name and first bytes; refuses anything else, an empty
/// file, and a file over `max_bytes`.
pub fn check_evidence(name: &str, bytes: &[u8], max_bytes: usize) -> Result<EvidenceKind, ValidationError> {
    if bytes.is_empty() {
        return Err(ValidationError::new(
            "evidence",
            crate::codes::EVIDENCE_EMPTY,
            format!("文件“{name}”是空的"),
            format!("The file “{name}” is empty"),
        ));
    }
    if bytes.len() > max_bytes {
        return Err(ValidationError::new(
            "evidence",
            crate::codes::EVIDENCE_TOO_LARGE,
            format!("文件“{name}”超过{}MB", max_bytes / (1024 * 1024)),
            format!("The file “{name}” is larger than {} MB", max_bytes / (1024 * 1024)),
        ));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let kind = match ext.as_str() {
        "pdf" if bytes.starts_with(b"%PDF-") => Some(EvidenceKind::Pdf),
        "jpg" | "jpeg" if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) => Some(EvidenceKind::Jpeg),
        "png" if bytes.starts_with(b"\x89PNG\r\n\x1a\n") => Some(EvidenceKind::Png),
        "docx" if zip => Some(EvidenceKind::Docx),
        "xlsx" if zip => Some(EvidenceKind::Xlsx),
        "ofd" if zip => Some(EvidenceKind::Ofd),
        "doc" if ole => Some(EvidenceKind::Doc),
        "xls" if ole => Some(EvidenceKind::Xls),
        _ => None,
    };
    kind.ok_or_else(|| {
        ValidationError::new(
            "evidence",
            crate::codes::EVIDENCE_TYPE_NOT_ALLOWED,
            format!("文件“{name}”的类型不受支持，仅接受 PDF、图片（JPG/PNG）、Word、Excel 和 OFD 文件"),
            format!("The file “{name}” is not accepted; only PDF, JPG/PNG images, Word, Excel and OFD files are"),
        )
    })
}

/// A file name safe to store and to send back: no directories, no control characters, no
/// quotes, at most 100 characters (keeping the extension).
pub fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !crate::text::is_hidden(*c) && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        return "file".into();
    }
    if cleaned.chars().count() <= 100 {
        return cleaned;
    }
    let (stem, ext) = cleaned.rsplit_once('.').unwrap_or((&cleaned, ""));
    let keep: String = stem.chars().take(90).collect();
    if ext.is_empty() { keep } else { format!("{keep}.{ext}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: usize = 1024 * 1024;

    #[test]
    fn a_file_name_loses_its_direction_overrides_and_controls() {
        assert_eq!(safe_file_name("发票\u{202E}fdp.exe"), "发票fdp.exe");
        assert_eq!(safe_file_name("..\\..\\a\u{0}b.pdf"), "ab.pdf");
    }

    #[test]
    fn a_pdf_is_accepted_by_its_bytes_and_name() {
        assert_eq!(
            check_evidence("方案.pdf", b"%PDF-1.7\n...", MB).unwrap(),
            EvidenceKind::Pdf
        );
        assert_eq!(
            check_evidence("照片.JPG", &[0xFF, 0xD8, 0xFF, 0xE0], MB).unwrap(),
            EvidenceKind::Jpeg
        );
    }

    #[test]
    fn a_renamed_executable_is_refused() {
        let e = check_evidence("报告.pdf", b"MZ\x90\x00", MB).unwrap_err();
        assert_eq!(e.code, "EVIDENCE_TYPE_NOT_ALLOWED");
        assert_eq!(
            check_evidence("x.exe", b"MZ", MB).unwrap_err().code,
            "EVIDENCE_TYPE_NOT_ALLOWED"
        );
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert_eq!(check_evidence("a.pdf", b"", MB).unwrap_err().code, "EVIDENCE_EMPTY");
        let big = vec![b'%'; MB + 1];
        assert_eq!(
            check_evidence("a.pdf", &big, MB).unwrap_err().code,
            "EVIDENCE_TOO_LARGE"
        );
    }

    #[test]
    fn file_names_lose_directories_and_control_characters() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\tmp\\进展\"报告\".pdf"), "进展报告.pdf");
        assert_eq!(safe_file_name("a\r\nb.pdf"), "ab.pdf");
        assert_eq!(safe_file_name(".."), "file");
        let long = format!("{}.pdf", "长".repeat(150));
        let s = safe_file_name(&long);
        assert!(s.ends_with(".pdf") && s.chars().count() == 94);
    }
}
