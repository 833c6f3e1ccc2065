//! Office documents as bytes in and bytes out. Pure: no files, no network.

pub mod docx;

pub use docx::{DocxError, docx_text};
