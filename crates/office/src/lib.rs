//! Office documents as bytes in and bytes out. Pure: no files, no network.

pub mod docx;
mod numbering;
pub mod plain;

pub use docx::{DocxError, docx_text};
pub use plain::{TextError, document_text};
