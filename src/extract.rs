//! `luoshi extract`: reads a document (plain text or .docx) and prints the tasks it proposes
//! as a table or as JSON, or scores them against a gold file of hand labels.

use std::path::Path;

use luoshi_text::{DocKind, Extraction, deadline, eval};

/// What to print.
pub struct Options<'a> {
    /// The document.
    pub file: &'a Path,
    /// JSON instead of a table.
    pub json: bool,
    /// A gold file to score against.
    pub eval: Option<&'a Path>,
    /// The year relative dates belong to (default: the first year the text writes).
    pub year: Option<i32>,
    /// Include principles, which are recognised but not proposed as tasks.
    pub all: bool,
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// `luoshi extract`
pub fn run(o: &Options<'_>) -> Result<(), String> {
    let bytes = read(o.file)?;
    let name = o.file.display().to_string();
    if o.eval.is_none() && luoshi_office::tables::is_table_file(&bytes, &name) {
        return run_table(o, &bytes, &name);
    }
    let text = luoshi_office::document_text(&bytes).map_err(|e| format!("{}: {e}", o.file.display()))?;
    let year = o
        .year
        .or_else(|| luoshi_text::year_of(&text))
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    if let Some(gold) = o.eval {
        return score(&text, year, gold, o.json);
    }
    let x = luoshi_text::extract(&text, year);
    if o.json {
        emit(&(serde_json::to_string_pretty(&x).map_err(|e| e.to_string())? + "\n"))
    } else {
        emit(&table(&x, o.all))
    }
}

/// A table file (.xlsx, .xls, .ods, .csv, or a .docx holding a task table): the sheet read, its
/// columns and what each is read as, then the tasks as for a text.
fn run_table(o: &Options<'_>, bytes: &[u8], name: &str) -> Result<(), String> {
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let found = luoshi_office::tables::read_tables(bytes, name).map_err(|e| format!("{name}: {e}"))?;
    let (sheet, x) = match o.year {
        Some(y) => found
            .iter()
            .find_map(|f| luoshi_text::table::extract(&f.grid, y, &[]).map(|x| (f.name.clone(), x))),
        None => luoshi_office::tables::first_task_table(&found, this_year),
    }
    .ok_or_else(|| format!("{name}: 未找到表头（须有任务列和责任单位或完成时限列） · no task header found"))?;
    if o.json {
        return emit(&(serde_json::to_string_pretty(&x).map_err(|e| e.to_string())? + "\n"));
    }
    let mut out = format!("工作表 Sheet: {sheet}\n");
    if let Some(t) = &x.table {
        for c in &t.mapping.columns {
            out.push_str(&format!("  {} {} → {}\n", c.index + 1, c.header, c.role.names().0));
        }
        for n in &t.notes {
            out.push_str(&format!("  {n}\n"));
        }
    }
    out.push('\n');
    out.push_str(&table(&x, o.all));
    emit(&out)
}

/// Prints the items as a table whose columns line up in a terminal (CJK characters take two).
fn table(x: &Extraction, all: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let kind = match x.doc_kind {
        DocKind::Division => "任务分工方案 (task division)",
        DocKind::Narrative => "叙述性文本 (narrative)",
    };
    let items: Vec<_> = x
        .items
        .iter()
        .filter(|p| all || p.kind != luoshi_text::ItemKind::Principle)
        .collect();
    let _ = writeln!(
        out,
        "文本类型 Kind: {kind}    建议任务 Proposed tasks: {}\n",
        x.proposals().count()
    );
    let head = [
        "编号 No.",
        "类型 Kind",
        "任务 Task",
        "牵头 Lead",
        "配合 Co-units",
        "时限 Due",
        "指标 Target",
    ];
    let widths = [10, 10, 44, 24, 24, 12, 14];
    let mut row = |cells: [String; 7]| {
        let line: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| crate::commands::pad(&clip(c, w), w))
            .collect();
        let _ = writeln!(out, "{}", line.join(" ").trim_end());
    };
    row(head.map(str::to_string));
    for (i, p) in items.iter().enumerate() {
        let number = if p.number.is_empty() {
            (i + 1).to_string()
        } else {
            format!("{}{}", "  ".repeat(usize::from(p.level.saturating_sub(1))), p.number)
        };
        let due = match &p.deadline {
            Some(d) if d.ongoing => "长期".to_string(),
            Some(d) => deadline::label(d),
            None => String::new(),
        };
        row([
            number,
            p.kind.names().0.to_string(),
            p.title.clone(),
            p.lead_units.join("、"),
            p.co_units.join("、"),
            due,
            p.indicator.as_ref().map(|i| i.text.clone()).unwrap_or_default(),
        ]);
    }
    out
}

/// Writes to standard output; a reader that has gone away (`| head`) is not an error.
fn emit(s: &str) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(s.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

/// `s` cut to `width` terminal columns, with `…` where it was cut.
fn clip(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut cols = 0;
    for c in s.chars() {
        let w = if (c as u32) >= 0x2E80 { 2 } else { 1 };
        if cols + w > width.saturating_sub(1) {
            out.push('…');
            return out;
        }
        cols += w;
        out.push(c);
    }
    out
}

/// Scores the text against a gold file: the phrase rule of the seed's gold file, or the
/// field-by-field rule of a task-division gold file (one with `year` and numbered items).
fn score(text: &str, year: i32, gold_path: &Path, json: bool) -> Result<(), String> {
    use std::fmt::Write;
    let raw = String::from_utf8(read(gold_path)?).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let bad = |e: serde_json::Error| format!("{}: {e}", gold_path.display());
    let value: serde_json::Value = serde_json::from_str(&raw).map_err(bad)?;
    let division = value["items"]
        .as_array()
        .is_some_and(|a| a.iter().any(|i| i.get("number").is_some()));
    let pretty = |v: Result<String, serde_json::Error>| v.map(|s| s + "\n").map_err(|e| e.to_string());
    let mut out = String::new();
    if division {
        let gold: eval::DivisionGold = serde_json::from_value(value).map_err(bad)?;
        let s = eval::score_division(&luoshi_text::extract(text, gold.year), &gold);
        if json {
            return emit(&pretty(serde_json::to_string_pretty(&s))?);
        }
        let _ = writeln!(
            out,
            "条目 Items: 标注 labelled {}, 读出 read {}, 完全正确 exact {}",
            s.expected, s.read, s.exact
        );
        for e in &s.errors {
            let _ = writeln!(out, "  ✗ {e}");
        }
        return emit(&out);
    }
    let gold: eval::Gold = serde_json::from_value(value).map_err(bad)?;
    let s = eval::score(&luoshi_text::extract(text, year), &gold);
    if json {
        return emit(&pretty(serde_json::to_string_pretty(&s))?);
    }
    let _ = writeln!(
        out,
        "精确率 Precision: {:.3} ({}/{})",
        s.precision, s.true_positives, s.proposed
    );
    let _ = writeln!(out, "召回率 Recall:    {:.3} ({}/{})", s.recall, s.found, s.required);
    for m in &s.missed {
        let _ = writeln!(out, "  漏 missed: {m}");
    }
    for f in &s.false_positives {
        let _ = writeln!(out, "  误 false positive: {f}");
    }
    emit(&out)
}
