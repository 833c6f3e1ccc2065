//! The rows of a table below its header, as items: a 序号 column or outline numbers in the
//! cells give the hierarchy, a section row across the table or a 类别 column groups what
//! follows, a task spanning several measure rows becomes a task with a sub-task per measure,
//! owner and deadline cells covered by a merge take the merge's words, and footnote and
//! signature rows are set aside as notes.

use serde::{Deserialize, Serialize};

use super::{
    cells,
    header::{Mapping, Role},
};
use crate::{
    ItemKind, Proposal,
    deadline::Deadline,
    grid::Grid,
    indicator,
    lexicon::domain_of,
    outline::{Style, marker},
    owners::Owners,
    units,
};

/// What the table says of one item beyond the proposal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RowFacts {
    /// The row it came from, counted from 1 as the spreadsheet shows it.
    pub row: usize,
    /// Its key: the 任务编号 cell, else its outline numbers (`一/(二)/3`), else its title. A
    /// re-import finds the task it created by this key.
    pub key: String,
    /// Whether the key was written in the sheet (a 任务编号 cell) rather than worked out from the
    /// row's place or title: only a written key updates a task whatever its title.
    #[serde(default)]
    pub typed: bool,
    /// 工作要求: the task's words beyond its title, its measure, target and note.
    pub description: String,
    /// The leaders its leader cell names.
    pub leaders: Vec<String>,
}

/// A table read: the items (proposals) and, beside each, its facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Read {
    /// The proposals, in row order.
    pub items: Vec<Proposal>,
    /// The facts of each, in the same order.
    pub facts: Vec<RowFacts>,
    /// Footnotes and signature rows below the table.
    pub notes: Vec<String>,
}

fn cell_of(grid: &Grid, m: &Mapping, r: usize, role: Role) -> String {
    m.of(role)
        .map(|c| grid.text(r, c).trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether the row's cell of `role` is covered by a merge from above (it then says what the
/// cell above says).
fn merged_at(grid: &Grid, m: &Mapping, r: usize, role: Role) -> bool {
    m.of(role).any(|c| {
        grid.rows
            .get(r)
            .and_then(|x| x.get(c))
            .is_some_and(|c| c.merged && !c.across)
    })
}

/// Owners, deadline and leaders: what a merged cell carries down to the rows it covers.
#[derive(Clone, Default)]
struct Carried {
    owners: Owners,
    deadline: Option<Deadline>,
    leaders: Vec<String>,
}

/// The title of a task cell: its first line, up to the first 。; and the rest of its words.
fn title_and_rest(cell: &str) -> (String, String) {
    let cell = cell.trim();
    let first_line = cell.lines().next().unwrap_or("");
    let title = first_line
        .split('。')
        .next()
        .unwrap_or(first_line)
        .trim()
        .trim_end_matches(['；', ';', '，', ','])
        .to_string();
    let rest = cell
        .get(cell.find(&title).map_or(0, |i| i + title.len())..)
        .unwrap_or("")
        .trim_start_matches(['。', '；', ';', '，', ','])
        .trim()
        .to_string();
    (title, rest)
}

/// Reads the rows of `grid` under the header `m`; relative dates belong to `year`; `spans` are
/// the rows' places in the text the items cite.
pub fn read(grid: &Grid, m: &Mapping, year: i32, spans: &[(usize, usize)]) -> Read {
    let mut out = Read {
        items: Vec::new(),
        facts: Vec::new(),
        notes: Vec::new(),
    };
    let mut styles: Vec<Style> = Vec::new();
    // (rank, item, number as written)
    let mut stack: Vec<(usize, usize, String)> = Vec::new();
    let base = usize::from(m.has(Role::Section));
    let mut section: Option<String> = None;
    let mut carried = Carried::default();
    // The task whose measures the rows below are (its item), with a Measure column.
    let mut task_of_measures: Option<usize> = None;
    let measures = m.has(Role::Measure) && m.has(Role::Task);
    let mut last_rank: Option<usize> = None;
    for r in m.body..grid.rows.len() {
        let Some(row) = grid.rows.get(r) else { break };
        let filled: Vec<(usize, &str)> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.merged && !c.text.trim().is_empty())
            .map(|(i, c)| (i, c.text.trim()))
            .collect();
        let Some(&(first_col, first)) = filled.first() else {
            continue;
        };
        if cells::is_foot(first) {
            out.notes
                .push(filled.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("  "));
            continue;
        }
        let span = spans.get(r).copied().unwrap_or((0, 0));
        // A 类别 cell that changes starts a section.
        let sec = cell_of(grid, m, r, Role::Section);
        if !sec.is_empty() && !merged_at(grid, m, r, Role::Section) && section.as_deref() != Some(&sec) {
            section = Some(sec.clone());
            stack.clear();
            task_of_measures = None;
            let (title, rest) = title_and_rest(&sec);
            push(&mut out, &mut stack, 0, heading(title, span), facts(r, &sec, rest));
        }
        let mut number = cell_of(grid, m, r, Role::Number);
        let mut task = cell_of(grid, m, r, Role::Task);
        let measure = if measures {
            cell_of(grid, m, r, Role::Measure)
        } else {
            String::new()
        };
        // A row of one cell (a section row across the table, or a heading in the 序号 column):
        // its outline number, if any, is its number.
        // (A cell merged from above makes it a row of the table, not a heading.)
        let lone = filled.len() == 1
            && !row.iter().any(|c| c.merged && !c.across)
            && !matches!(
                m.columns.get(first_col).map(|c| c.role),
                Some(
                    Role::Lead
                        | Role::Co
                        | Role::Responsible
                        | Role::Deadline
                        | Role::Leader
                        | Role::Key
                        | Role::Measure
                )
            );
        if lone && (task.is_empty() || first_col != m.of(Role::Task).next().unwrap_or(usize::MAX)) {
            number.clear();
            task = first.to_string();
            task_of_measures = None;
        }
        if task.is_empty() && measure.is_empty() {
            continue;
        }
        let (number, task) = match marker(&task) {
            Some((_, n, len)) if number.is_empty() && task.chars().count() > len => {
                (n, task.chars().skip(len).collect::<String>().trim().to_string())
            }
            _ => (number, task),
        };
        // A measure under the task above (its task cell merged or left empty), or the first
        // of a task's several measures.
        let in_group = measures && task.is_empty() && task_of_measures.is_some();
        let starts_group = measures && !task.is_empty() && !measure.is_empty() && group_len(grid, m, r) > 1;
        if !in_group {
            task_of_measures = None;
        }
        let own_rank = (!in_group).then(|| rank_of(&number, &mut styles, base));
        let key_cell = cell_of(grid, m, r, Role::Key);
        if starts_group {
            let (title, rest) = title_and_rest(&task);
            let rank = own_rank.unwrap_or(base);
            let mut f = facts(r, "", rest);
            f.key = key_for(&stack, rank, &number, &title, &section, "");
            let mut h = heading(title, span);
            h.number = number.clone();
            task_of_measures = push(&mut out, &mut stack, rank, h, f);
        }
        let grouped = starts_group || in_group;
        let rank = match own_rank {
            Some(rk) if !starts_group => rk,
            _ => stack
                .iter()
                .find(|(_, i, _)| Some(*i) == task_of_measures)
                .map_or(base + styles.len(), |(rk, _, _)| rk + 1),
        };
        let (words, number) = if grouped {
            (measure.clone(), String::new())
        } else {
            (task.clone(), number)
        };
        let (title, rest) = title_and_rest(&words);
        if title.is_empty() {
            continue;
        }
        // The row's owners, deadline and leaders; a merged cell carries the one above, and
        // so does an empty one in a row at the level of the one above or deeper.
        // A merged lead (or 责任) cell carries the row above's leads; a merged 配合 cell its
        // helpers; the row's own cells say the rest.
        // (A row of one cell merged across the table is a heading: it carries nothing down.)
        let carried_here = |role: Role| !lone && cell_of(grid, m, r, role).is_empty() && merged_at(grid, m, r, role);
        let mut owners = Owners::default();
        // (A measure row of a task spanning rows, pasted or saved without its merges, leaves
        // the lead cell empty too.)
        let lead_empty = m.has(Role::Lead) && cell_of(grid, m, r, Role::Lead).is_empty();
        if carried_here(Role::Lead)
            || (in_group && lead_empty)
            || (!m.has(Role::Lead) && carried_here(Role::Responsible))
        {
            owners.lead = carried.owners.lead.clone();
            if !m.has(Role::Co) {
                owners.co = carried.owners.co.clone();
            }
        } else {
            for (role, lead) in [(Role::Lead, true), (Role::Responsible, false)] {
                owners.merge(cells::units(&cell_of(grid, m, r, role), lead));
            }
        }
        let helpers = if carried_here(Role::Co) {
            Owners {
                lead: vec![],
                co: carried.owners.co.clone(),
            }
        } else {
            cells::units(&cell_of(grid, m, r, Role::Co), false)
        };
        let owner_merged = [Role::Lead, Role::Responsible, Role::Co]
            .iter()
            .any(|x| merged_at(grid, m, r, *x));
        let mut owners = owners.settle();
        owners.merge(Owners {
            lead: vec![],
            co: helpers.co.into_iter().chain(helpers.lead).collect(),
        });
        let mut owners = owners.settle();
        if owners.is_empty() && !lone && (owner_merged || last_rank.is_some_and(|l| rank >= l)) {
            owners = carried.owners.clone();
        }
        let deadline_cell = cell_of(grid, m, r, Role::Deadline);
        let deadline = if carried_here(Role::Deadline) {
            carried.deadline.clone()
        } else {
            cells::deadline(&deadline_cell, year).or_else(|| cells::deadline(&words, year))
        };
        let mut leaders = cells::people(&cell_of(grid, m, r, Role::Leader));
        if leaders.is_empty() && carried_here(Role::Leader) {
            leaders = carried.leaders.clone();
        }
        carried = Carried {
            owners: owners.clone(),
            deadline: deadline.clone(),
            leaders: leaders.clone(),
        };
        let mut description = vec![rest, cell_of(grid, m, r, Role::Description)];
        if !grouped && !measure.is_empty() {
            description.push(measure.clone());
        }
        for (role, label) in [(Role::Target, "工作目标"), (Role::Note, "备注")] {
            let t = cell_of(grid, m, r, role);
            if !t.is_empty() {
                description.push(format!("{label}：{t}"));
            }
        }
        let description = description
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let ind = indicator::find(&words).map(|(x, _, _)| x);
        let mut mentioned = owners.lead.clone();
        for u in owners.co.iter().cloned().chain(units::mentions(&words)) {
            if !mentioned.contains(&u) {
                mentioned.push(u);
            }
        }
        let key = key_for(&stack, rank, &number, &title, &section, &key_cell);
        let p = Proposal {
            kind: if ind.is_some() {
                ItemKind::Indicator
            } else {
                ItemKind::Task
            },
            domain: domain_of(&title).map(str::to_string),
            title,
            span,
            level: 1,
            number,
            parent: None,
            lead_units: owners.lead,
            co_units: owners.co,
            units: mentioned,
            deadline,
            indicator: ind,
        };
        let f = RowFacts {
            row: r + 1,
            key,
            typed: !key_cell.is_empty(),
            description,
            leaders,
        };
        push(&mut out, &mut stack, rank, p, f);
        last_rank = Some(rank);
    }
    settle_groups(&mut out);
    unique_keys(&mut out.facts);
    out
}

/// How many rows, from `r`, belong to the task in row `r`: the rows below whose task cell is
/// merged or empty and whose measure cell is not.
fn group_len(grid: &Grid, m: &Mapping, r: usize) -> usize {
    let mut n = 1;
    while r + n < grid.rows.len()
        && cell_of(grid, m, r + n, Role::Task).is_empty()
        && !cell_of(grid, m, r + n, Role::Measure).is_empty()
    {
        n += 1;
    }
    n
}

/// The rank of a row numbered `number`: outline styles rank in the order they first appear;
/// a row without a number ranks below every style seen.
fn rank_of(number: &str, styles: &mut Vec<Style>, base: usize) -> usize {
    let style = [format!("{number}、 "), number.to_string(), format!("{number}. ")]
        .iter()
        .find_map(|x| marker(x).map(|(s, _, _)| s));
    match style {
        _ if number.is_empty() => base + styles.len(),
        Some(s) => {
            if !styles.contains(&s) {
                styles.push(s);
            }
            base + styles.iter().position(|x| *x == s).unwrap_or(0)
        }
        None => base + styles.len(),
    }
}

fn heading(title: String, span: (usize, usize)) -> Proposal {
    Proposal {
        kind: ItemKind::Task,
        domain: domain_of(&title).map(str::to_string),
        title,
        span,
        level: 1,
        number: String::new(),
        parent: None,
        lead_units: vec![],
        co_units: vec![],
        units: vec![],
        deadline: None,
        indicator: None,
    }
}

fn facts(r: usize, key: &str, rest: String) -> RowFacts {
    RowFacts {
        row: r + 1,
        key: key.to_string(),
        typed: false,
        description: rest,
        leaders: vec![],
    }
}

/// The key of a row: its 任务编号 cell, else the numbers of its ancestors and its own, else
/// its title.
fn key_for(
    stack: &[(usize, usize, String)],
    rank: usize,
    number: &str,
    title: &str,
    section: &Option<String>,
    key_cell: &str,
) -> String {
    if !key_cell.is_empty() {
        return key_cell.to_string();
    }
    if number.is_empty() {
        return title.chars().take(30).collect();
    }
    let mut parts: Vec<String> = section.iter().map(|s| s.chars().take(12).collect()).collect();
    parts.extend(
        stack
            .iter()
            .filter(|(rk, _, n)| *rk < rank && !n.is_empty())
            .map(|(_, _, n)| n.clone()),
    );
    parts.push(number.to_string());
    parts.join("/")
}

/// Pushes an item under the nearest item of a lower rank; returns its index (`None` for an item
/// without a title, which is not pushed).
fn push(
    out: &mut Read,
    stack: &mut Vec<(usize, usize, String)>,
    rank: usize,
    mut p: Proposal,
    f: RowFacts,
) -> Option<usize> {
    if p.title.trim().is_empty() {
        return None;
    }
    while stack.last().is_some_and(|(rk, _, _)| *rk >= rank) {
        stack.pop();
    }
    p.parent = stack.last().map(|(_, i, _)| *i);
    p.level = u8::try_from(stack.len() + 1).unwrap_or(u8::MAX);
    let idx = out.items.len();
    let mut f = f;
    if f.key.is_empty() {
        f.key = p.title.chars().take(30).collect();
    }
    stack.push((rank, idx, p.number.clone()));
    out.items.push(p);
    out.facts.push(f);
    Some(idx)
}

/// A task over several measures ends when its last measure does: its deadline is theirs.
fn settle_groups(out: &mut Read) {
    // The deepest first, so a heading sees its groups' settled deadlines.
    for i in (0..out.items.len()).rev() {
        if out.items[i].deadline.is_some() {
            continue;
        }
        let children: Vec<&Proposal> = out.items.iter().filter(|c| c.parent == Some(i)).collect();
        if children.is_empty() {
            continue;
        }
        if children.iter().all(|c| c.deadline.as_ref().is_some_and(|d| d.ongoing)) {
            out.items[i].deadline = children[0].deadline.clone();
        } else if let Some(latest) = children
            .iter()
            .filter_map(|c| c.deadline.as_ref().filter(|d| d.date.is_some()))
            .max_by_key(|d| d.date)
            .cloned()
        {
            out.items[i].deadline = Some(latest);
        }
    }
}

/// Keys made unique within the table: a repeat gets `#2`, `#3`….
fn unique_keys(facts: &mut [RowFacts]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in facts.iter_mut() {
        let n = seen.entry(f.key.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            f.key = format!("{}#{}", f.key, n);
        }
    }
}
