//! The keys rule, read from the database's own catalogue: every business table is keyed by
//! region (docs/scaling.md). Its primary key and every unique constraint or unique index begin
//! with `region_id`, and every foreign key to another business table carries `region_id` to
//! the other table's `region_id`, so no row can point into another region and a distributed
//! engine can keep each region's rows on one node. The few tables that are not per region are
//! named here; a table added later is held to the rule by `tests::keys`.

use crate::{
    conn::{Conn, Ex},
    error::Result,
};

/// Shared reference data: the same rows for every region (on a distributed engine, a
/// reference table copied to every node).
pub const SHARED: &[&str] = &["region"];

/// Tables of the installation itself, not of any region: the applied migrations, the job
/// queue (claimed by any instance; each job names its region) and, on SQLite only, the id
/// counters.
pub const INFRASTRUCTURE: &[&str] = &["schema_version", "job", "id_counter"];

/// Tables that exist on SQLite only.
pub const SQLITE_ONLY: &[&str] = &["id_counter"];

/// Whether `table` holds one region's rows.
pub fn per_region(table: &str) -> bool {
    !SHARED.contains(&table) && !INFRASTRUCTURE.contains(&table)
}

/// One table's keys as the catalogue has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableKeys {
    /// The table.
    pub table: String,
    /// Its columns.
    pub columns: Vec<String>,
    /// The primary key's columns, in key order.
    pub primary: Vec<String>,
    /// Each unique constraint or unique index: its name and columns in order.
    pub uniques: Vec<(String, Vec<String>)>,
    /// Each foreign key: its name, its columns, the table it points at and that table's
    /// columns, pair by pair.
    pub foreign: Vec<Foreign>,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Foreign {
    /// Its name (SQLite's have none: `fk<N>`, N as SQLite numbers them).
    pub name: String,
    /// The columns of the table that has it.
    pub from: Vec<String>,
    /// The table it points at.
    pub target: String,
    /// The target's columns, one per column of `from`.
    pub to: Vec<String>,
}

/// Every table's keys, sorted by table.
pub async fn catalogue(conn: &mut Conn) -> Result<Vec<TableKeys>> {
    let mut out = match conn.ex() {
        Ex::Sqlite(c) => sqlite(c).await?,
        Ex::Pg(c) => postgres(c).await?,
    };
    out.sort_by(|a, b| a.table.cmp(&b.table));
    Ok(out)
}

async fn sqlite(c: &mut sqlx::SqliteConnection) -> Result<Vec<TableKeys>> {
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut out = Vec::new();
    for (table,) in tables {
        let cols: Vec<(String, i64)> = sqlx::query_as("SELECT name, pk FROM pragma_table_info($1) ORDER BY cid")
            .bind(&table)
            .fetch_all(&mut *c)
            .await?;
        let mut primary: Vec<(i64, String)> = cols
            .iter()
            .filter(|(_, pk)| *pk > 0)
            .map(|(n, pk)| (*pk, n.clone()))
            .collect();
        primary.sort();
        let indexes: Vec<(String, i64, String)> =
            sqlx::query_as("SELECT name, \"unique\", origin FROM pragma_index_list($1)")
                .bind(&table)
                .fetch_all(&mut *c)
                .await?;
        let mut uniques = Vec::new();
        for (name, unique, origin) in indexes {
            if unique == 0 || origin == "pk" {
                continue;
            }
            let cols: Vec<(String,)> = sqlx::query_as("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                .bind(&name)
                .fetch_all(&mut *c)
                .await?;
            uniques.push((name, cols.into_iter().map(|(n,)| n).collect()));
        }
        let fks: Vec<(i64, String, String, Option<String>)> =
            sqlx::query_as("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list($1) ORDER BY id, seq")
                .bind(&table)
                .fetch_all(&mut *c)
                .await?;
        let mut foreign: Vec<Foreign> = Vec::new();
        for (id, target, from, to) in fks {
            let name = format!("fk{id}");
            match foreign.last_mut() {
                Some(f) if f.name == name => {
                    f.from.push(from);
                    f.to.push(to.unwrap_or_default());
                }
                _ => foreign.push(Foreign {
                    name,
                    from: vec![from],
                    target,
                    to: vec![to.unwrap_or_default()],
                }),
            }
        }
        out.push(TableKeys {
            table,
            columns: cols.into_iter().map(|(n, _)| n).collect(),
            primary: primary.into_iter().map(|(_, n)| n).collect(),
            uniques,
            foreign,
        });
    }
    Ok(out)
}

/// A constraint from `pg_constraint`: table, name, kind (`p`, `u`, `f`), columns, and for a
/// foreign key the target table and columns.
type ConstraintRow = (String, String, String, Vec<String>, Option<String>, Vec<String>);

async fn postgres(c: &mut sqlx::PgConnection) -> Result<Vec<TableKeys>> {
    let cols: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut out: Vec<TableKeys> = Vec::new();
    for (table, col) in cols {
        match out.last_mut() {
            Some(t) if t.table == table => t.columns.push(col),
            _ => out.push(TableKeys {
                table,
                columns: vec![col],
                ..TableKeys::default()
            }),
        }
    }
    // Constraints, their columns in key order (unnest WITH ORDINALITY keeps the order).
    let cons: Vec<ConstraintRow> = sqlx::query_as(
        "SELECT t.relname::text, con.conname::text, con.contype::text,
                ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                f.relname::text,
                COALESCE(ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i), '{}')
         FROM pg_constraint con
         JOIN pg_class t ON t.oid = con.conrelid
         LEFT JOIN pg_class f ON f.oid = con.confrelid
         WHERE con.connamespace = current_schema()::regnamespace AND con.contype IN ('p', 'u', 'f')
         ORDER BY t.relname, con.conname",
    )
    .fetch_all(&mut *c)
    .await?;
    // Unique indexes that no constraint stands behind (CREATE UNIQUE INDEX).
    let idx: Vec<(String, String, Vec<String>)> = sqlx::query_as(
        "SELECT t.relname::text, i.relname::text,
                ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o)
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         WHERE t.relnamespace = current_schema()::regnamespace AND x.indisunique
           AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid)
         ORDER BY t.relname, i.relname",
    )
    .fetch_all(&mut *c)
    .await?;
    for t in &mut out {
        for (table, name, kind, cols, target, to) in &cons {
            if *table != t.table {
                continue;
            }
            match kind.as_str() {
                "p" => t.primary = cols.clone(),
                "u" => t.uniques.push((name.clone(), cols.clone())),
                _ => t.foreign.push(Foreign {
                    name: name.clone(),
                    from: cols.clone(),
                    target: target.clone().unwrap_or_default(),
                    to: to.clone(),
                }),
            }
        }
        for (table, name, cols) in &idx {
            if *table == t.table {
                t.uniques.push((name.clone(), cols.clone()));
            }
        }
    }
    Ok(out)
}

/// What breaks the rule, one line per table and constraint (empty when the schema keeps it).
pub fn violations(tables: &[TableKeys]) -> Vec<String> {
    let mut out = Vec::new();
    let region_first = |cols: &[String]| cols.first().map(String::as_str) == Some("region_id");
    for t in tables.iter().filter(|t| per_region(&t.table)) {
        let name = &t.table;
        if !t.columns.iter().any(|c| c == "region_id") {
            out.push(format!("{name}: has no region_id column"));
        }
        if t.primary.is_empty() {
            out.push(format!("{name}: has no primary key"));
        } else if !region_first(&t.primary) {
            out.push(format!(
                "{name}: primary key ({}) does not begin with region_id",
                t.primary.join(", ")
            ));
        }
        for (u, cols) in &t.uniques {
            if !region_first(cols) {
                out.push(format!(
                    "{name}: unique {u} ({}) does not begin with region_id",
                    cols.join(", ")
                ));
            }
        }
        for f in &t.foreign {
            if SHARED.contains(&f.target.as_str()) {
                continue;
            }
            if INFRASTRUCTURE.contains(&f.target.as_str()) {
                out.push(format!(
                    "{name}: foreign key {} points at {}, which is not per region",
                    f.name, f.target
                ));
                continue;
            }
            let carries = f
                .from
                .iter()
                .zip(&f.to)
                .any(|(a, b)| a == "region_id" && b == "region_id");
            if !carries {
                out.push(format!(
                    "{name}: foreign key {} ({}) → {} ({}) does not carry region_id",
                    f.name,
                    f.from.join(", "),
                    f.target,
                    f.to.join(", ")
                ));
            }
        }
    }
    for t in tables.iter().filter(|t| !per_region(&t.table)) {
        for f in t.foreign.iter().filter(|f| per_region(&f.target)) {
            out.push(format!(
                "{}: foreign key {} points into per-region table {} from a table that is not per region",
                t.table, f.name, f.target
            ));
        }
    }
    out
}
