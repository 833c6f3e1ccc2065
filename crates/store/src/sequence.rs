//! The numbers of official series (督〔2020〕N号, 2020年第N期): one counter row per region,
//! series and year, bumped inside the caller's transaction. The row lock makes a second
//! transaction wait for the first, so two numbers taken at the same moment are different and
//! consecutive, on SQLite and on PostgreSQL alike, without retries.

use crate::{RegionId, conn::Tx, error::Result};

/// A series and the table whose numbers it counts, to start from what is already there.
#[derive(Debug, Clone, Copy)]
pub enum Series {
    /// Supervision orders (`supervision.seq`).
    Supervision,
    /// Bulletins (`bulletin.seq`).
    Bulletin,
}

impl Series {
    fn name(self) -> &'static str {
        match self {
            Series::Supervision => "supervision",
            Series::Bulletin => "bulletin",
        }
    }
}

/// The next number of `series` in `region` for `year`.
pub async fn next(tx: &mut Tx, region: RegionId, series: Series, year: i64) -> Result<i64> {
    // The first number of a year continues from any rows numbered before the counter existed.
    let seed = match series {
        Series::Supervision => {
            "INSERT INTO doc_sequence (region_id, series, year, last)
             SELECT $1, $2, $3, COALESCE(MAX(seq), 0) FROM supervision WHERE region_id = $1 AND year = $3
             ON CONFLICT (region_id, series, year) DO NOTHING"
        }
        Series::Bulletin => {
            "INSERT INTO doc_sequence (region_id, series, year, last)
             SELECT $1, $2, $3, COALESCE(MAX(seq), 0) FROM bulletin WHERE region_id = $1 AND year = $3
             ON CONFLICT (region_id, series, year) DO NOTHING"
        }
    };
    execute!(tx, seed, region, series.name(), year)?;
    Ok(scalar!(
        tx,
        i64,
        "UPDATE doc_sequence SET last = last + 1 WHERE region_id = $1 AND series = $2 AND year = $3 RETURNING last",
        region,
        series.name(),
        year
    )?)
}
