//! One table reader for every way a table arrives (issue 18): a sheet of a workbook, a table
//! of a Word document, or text pasted with tabs or `|` columns all become a [`Grid`], whose
//! header is found and its columns given roles ([`header`]), then its rows read as items
//! ([`rows`]). The rows are cited from a rendering of the grid, one line per row.

mod cells;
pub mod header;
pub mod ledger;
pub mod ledger_cells;
pub mod rows;

use serde::{Deserialize, Serialize};

pub use header::{Column, Mapping, Role};
pub use rows::RowFacts;

use crate::{DocKind, Extraction, grid::Grid};

/// What a table gave beside its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Where its header is and what its columns hold.
    pub mapping: Mapping,
    /// The facts of each item, in item order.
    pub facts: Vec<RowFacts>,
    /// Footnotes and signature rows.
    pub notes: Vec<String>,
}

/// The grid as text, one line per row, cells separated by tabs (line breaks inside a cell
/// become spaces), and each row's span in it, in characters.
pub fn render(grid: &Grid) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(grid.rows.len());
    let mut at = 0usize;
    for row in &grid.rows {
        let line = row
            .iter()
            .map(|c| if c.merged { "" } else { c.text.as_str() })
            .map(|t| t.replace(['\n', '\r', '\t'], " "))
            .collect::<Vec<_>>()
            .join("\t");
        let n = line.chars().count();
        spans.push((at, at + n));
        at += n + 1;
        text.push_str(&line);
        text.push('\n');
    }
    (text, spans)
}

/// Reads `grid` as a task table, with the column roles in `changes` corrected; relative dates
/// belong to `year`. `None` when no header is found. The extraction's text is the grid's
/// rendering, which its items' spans point into.
pub fn extract(grid: &Grid, year: i32, changes: &[(usize, Role)]) -> Option<Extraction> {
    let mapping = header::find(grid)?.with(changes);
    let (text, spans) = render(grid);
    let read = rows::read(grid, &mapping, year, &spans);
    Some(Extraction {
        doc_kind: DocKind::Division,
        items: read.items,
        text: Some(text),
        table: Some(Table {
            mapping,
            facts: read.facts,
            notes: read.notes,
        }),
    })
}

/// Text pasted as a table (tabs or `|` columns) with a task header, read as a table.
pub fn from_text(text: &str, year: i32) -> Option<Extraction> {
    let grid = crate::grid::from_pasted(text)?;
    extract(&grid, year, &[])
}

#[cfg(test)]
mod tests;
