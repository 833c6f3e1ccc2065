//! Office documents as bytes in and bytes out. Pure: no files, no network.

pub mod docx;
pub mod docx_tables;
pub mod export;
pub mod ics;
pub mod numbering;
pub mod official;
pub mod plain;
pub mod sheet;
pub mod tables;

pub use docx::{DocxError, docx_text};
pub use official::{OfficialDoc, official_docx};
pub use plain::{TextError, document_text};
