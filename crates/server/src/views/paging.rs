//! Pages of long lists, cut in the database: `?page=` (from 1) and `?per_page=` in the query,
//! and the pager a page shows under its table.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Rows a page shows unless asked for another number.
pub const PER_PAGE: i64 = 50;
/// The most rows one page may show.
pub const MAX_PER_PAGE: i64 = 500;

/// Which page of a list.
#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The page, from 1 (default 1; past 1,000,000 is a bad request).
    #[serde(default, deserialize_with = "crate::forms::page_number")]
    pub page: Option<i64>,
    /// Rows per page (default 50, from 1 to 500; else a bad request).
    #[serde(default, deserialize_with = "crate::forms::per_page")]
    pub per_page: Option<i64>,
}

impl PageQuery {
    /// The page asked for (1 when none or below 1).
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).max(1)
    }

    /// Rows per page.
    pub fn per_page(&self) -> i64 {
        self.per_page.unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE)
    }

    /// Rows before this page.
    pub fn offset(&self) -> i64 {
        (self.page() - 1).saturating_mul(self.per_page())
    }

    /// The pager for `total` rows, linking to `path` (which may carry a query of its own).
    pub fn pager(&self, total: i64, path: &str) -> Pager {
        let per = self.per_page();
        let pages = ((total + per - 1) / per).max(1);
        let page = self.page().min(pages);
        let join = if path.contains('?') { '&' } else { '?' };
        let link = |p: i64| {
            if self.per_page.is_some() {
                format!("{path}{join}page={p}&per_page={per}")
            } else {
                format!("{path}{join}page={p}")
            }
        };
        Pager {
            page,
            pages,
            total,
            first: (page - 1) * per + 1,
            last: (page * per).min(total),
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }
}

/// Where a page is in its list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Pager {
    /// This page, from 1.
    pub page: i64,
    /// Pages in all.
    pub pages: i64,
    /// Rows in all.
    pub total: i64,
    /// The first row shown, from 1.
    pub first: i64,
    /// The last row shown.
    pub last: i64,
    /// The previous page's link.
    pub prev: Option<String>,
    /// The next page's link.
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_cut_and_linked() {
        let q = PageQuery {
            page: Some(2),
            per_page: None,
        };
        assert_eq!(q.offset(), 50);
        let p = q.pager(120, "/lists/lagging");
        assert_eq!((p.page, p.pages, p.first, p.last), (2, 3, 51, 100));
        assert_eq!(p.prev.as_deref(), Some("/lists/lagging?page=1"));
        assert_eq!(p.next.as_deref(), Some("/lists/lagging?page=3"));
        let past = PageQuery {
            page: Some(9),
            per_page: Some(1000),
        };
        assert_eq!(past.per_page(), MAX_PER_PAGE);
        assert_eq!(past.pager(10, "/x").page, 1);
    }
}
