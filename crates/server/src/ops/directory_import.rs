//! Importing the directory sheet (单位, 领导, 用户; .xlsx, .xls or CSV): read off the async
//! workers, planned against the region (a dry run stops there), then carried out whole in one
//! transaction — or not at all, with every problem placed by table, row and column.

use std::collections::HashMap;

use luoshi_domain::{
    UnitCategory,
    directory::{
        plan::{Action, ImportPlan, Known, KnownLeader, KnownUnit, KnownUser, Target, plan_import},
        sheet::{Problem, SheetKind, Table, read_table},
    },
};
use luoshi_lights::Change;
use luoshi_office::sheet::{SheetError, read_book};
use luoshi_store::{Conn, Tx, leader, session, unit, user};
use serde_json::json;

use super::{Record, record};
use crate::{
    AppState,
    access::{Actor, AdminCap},
    auth::password,
    error::{AppError, AppResult},
};

fn file_problem(code: luoshi_domain::Code, zh: &str, en: &str) -> Vec<Problem> {
    vec![Problem::new(None, 0, None, None, code, zh, en)]
}

/// Reads the tables of a file: a workbook's sheets named 单位, 领导, 用户 (or Units, Leaders,
/// Users), or a CSV file's one table, known by its header. Runs on a blocking thread: a large
/// or hostile file does not hold up the server's other requests.
pub async fn read_tables(bytes: Vec<u8>, file_name: String) -> AppResult<Vec<Table>> {
    let read = tokio::task::spawn_blocking(move || tables_of(&bytes, &file_name))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    read.map_err(AppError::Sheet)
}

fn tables_of(bytes: &[u8], file_name: &str) -> Result<Vec<Table>, Vec<Problem>> {
    let sheets = read_book(bytes, file_name).map_err(|e| match e {
        SheetError::TooLarge => file_problem(
            luoshi_domain::codes::IMPORT_FILE_UNREADABLE,
            "文件解压后过大，不是正常的表格",
            "The file unpacks to too much to be a sheet",
        ),
        _ => file_problem(
            luoshi_domain::codes::IMPORT_FILE_UNREADABLE,
            "文件无法读取，请使用模板的.xlsx或.csv格式",
            "The file cannot be read; use the template as .xlsx or .csv",
        ),
    })?;
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    let one = sheets.len() == 1;
    for s in &sheets {
        let header: Vec<String> = s
            .rows
            .iter()
            .find(|r| r.iter().any(|c| !c.trim().is_empty()))
            .cloned()
            .unwrap_or_default();
        let kind = SheetKind::by_title(&s.name).or_else(|| one.then(|| SheetKind::by_header(&header)).flatten());
        let Some(kind) = kind else { continue };
        if tables.iter().any(|t: &Table| t.kind == kind) {
            continue;
        }
        match read_table(kind, &s.rows) {
            Ok(t) => tables.push(t),
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if tables.iter().all(|t| t.rows.is_empty()) {
        return Err(file_problem(
            luoshi_domain::codes::IMPORT_FILE_EMPTY,
            "文件中没有填写内容的单位、领导或用户表（工作表名或表头应与模板一致）",
            "The file has no filled units, leaders or users table (sheet names or headers as in the template)",
        ));
    }
    tables.sort_by_key(|t| t.kind);
    Ok(tables)
}

/// The region's directory as an import finds it, with each record's version.
pub struct Found {
    /// The directory.
    pub known: Known,
    versions: HashMap<(SheetKind, i64), i64>,
}

/// Reads the region's units, leaders and accounts.
pub async fn found(conn: &mut Conn, region: i64) -> AppResult<Found> {
    let mut versions = HashMap::new();
    let units = unit::units(conn, region).await?;
    let oversight = leader::oversight(conn, region).await?;
    let leaders = leader::leaders(conn, region).await?;
    let users = user::users(conn, region).await?;
    let known = Known {
        units: units
            .into_iter()
            .map(|u| {
                versions.insert((SheetKind::Units, u.id), u.version);
                KnownUnit {
                    id: u.id,
                    category: UnitCategory::parse(&u.category).unwrap_or(UnitCategory::Other),
                    name: u.name,
                    short_name: u.short_name,
                    sort: u.sort,
                    active: u.active,
                    merged: u.merged_into.is_some(),
                }
            })
            .collect(),
        leaders: leaders
            .into_iter()
            .map(|l| {
                versions.insert((SheetKind::Leaders, l.id), l.version);
                KnownLeader {
                    units: oversight.iter().filter(|(x, _)| *x == l.id).map(|(_, u)| *u).collect(),
                    id: l.id,
                    name: l.name,
                    title: l.title,
                    portfolio: l.portfolio,
                    sort: l.sort,
                    active: l.active,
                }
            })
            .collect(),
        users: users
            .into_iter()
            .map(|u| {
                versions.insert((SheetKind::Users, u.id), u.version);
                KnownUser {
                    id: u.id,
                    username: u.username,
                    display_name: u.display_name,
                    role: u.role,
                    unit_id: u.unit_id,
                    leader_id: u.leader_id,
                    email: u.email,
                    active: u.active,
                }
            })
            .collect(),
    };
    Ok(Found { known, versions })
}

/// Plans importing `tables` into the region as it is now (a dry run: nothing is written).
pub async fn plan(state: &AppState, cap: AdminCap, tables: &[Table]) -> AppResult<(ImportPlan, Known)> {
    let mut conn = state.store.conn().await?;
    let f = found(&mut conn, cap.region).await?;
    let plan = plan_import(&f.known, tables).map_err(AppError::Sheet)?;
    Ok((plan, f.known))
}

/// A new account's password, shown once after the import.
#[derive(Debug, Clone)]
pub struct GivenPassword {
    /// Login name.
    pub username: String,
    /// Name.
    pub display_name: String,
    /// The password.
    pub password: String,
}

/// Carries out an import whole, in one transaction; returns the plan carried out and the new
/// accounts' passwords. New passwords are hashed before the transaction begins (on every
/// core), so it holds the database only for the writes; if the directory changed in between,
/// the import is refused as a conflict and nothing is written.
pub async fn import(
    state: &AppState,
    cap: AdminCap,
    actor: &Actor,
    tables: &[Table],
) -> AppResult<(ImportPlan, Vec<GivenPassword>)> {
    let (first, _) = plan(state, cap, tables).await?;
    let new_users: Vec<usize> = (0..first.users.len())
        .filter(|i| first.users[*i].action == Action::Add)
        .collect();
    let passwords = hashed_passwords(new_users.len()).await?;
    let now = state.clock.now();
    let mut tx = state.store.begin().await?;
    let f = found(&mut tx, cap.region).await?;
    let plan = plan_import(&f.known, tables).map_err(AppError::Sheet)?;
    if plan != first {
        return Err(AppError::Conflict {
            message: "the directory changed while the file was being read".into(),
            current: None,
        });
    }
    let unit_ids = apply_units(state, &mut tx, cap.region, actor, &plan, &f).await?;
    let leader_ids = apply_leaders(&mut tx, cap.region, actor, &plan, &f, &unit_ids, now).await?;
    let mut given = Vec::new();
    let mut pw = passwords.into_iter();
    for s in &plan.users {
        let target = |t: Option<Target>, ids: &[i64]| {
            t.map(|t| match t {
                Target::Known(id) => id,
                Target::Added(i) => ids[i],
            })
        };
        let (unit_id, leader_id) = (target(s.unit, &unit_ids), target(s.leader, &leader_ids));
        let fields = user::AccountFields {
            username: &s.user.username,
            display_name: &s.user.display_name,
            role: s.user.role.code(),
            unit_id,
            leader_id,
            email: &s.user.email,
            active: s.active,
        };
        let after = json!({ "username": s.user.username, "display_name": s.user.display_name, "role": s.user.role.code(),
            "unit_id": unit_id, "leader_id": leader_id, "active": s.active, "import_row": s.line });
        let (id, change) = match s.action {
            Action::Same(_) => continue,
            Action::Add => {
                let (plain, hash) = pw
                    .next()
                    .ok_or_else(|| AppError::Internal("a password is missing".into()))?;
                let id = user::insert_user(
                    &mut tx,
                    cap.region,
                    &user::NewUser {
                        username: &s.user.username,
                        display_name: &s.user.display_name,
                        password_hash: &hash,
                        role: s.user.role.code(),
                        unit_id,
                        leader_id,
                        must_change: true,
                        email: &s.user.email,
                    },
                    now,
                )
                .await?;
                if !s.active {
                    user::update_account(&mut tx, cap.region, id, 1, fields).await?;
                }
                given.push(GivenPassword {
                    username: s.user.username.clone(),
                    display_name: s.user.display_name.clone(),
                    password: plain,
                });
                (id, Change::AccountAdded)
            }
            Action::Change(id) => {
                let version = f.versions.get(&(SheetKind::Users, id)).copied().unwrap_or(0);
                if !user::update_account(&mut tx, cap.region, id, version, fields).await? {
                    return Err(changed());
                }
                let was = f.known.users.iter().find(|u| u.id == id);
                if !s.active || was.is_some_and(|u| u.role != s.user.role || u.unit_id != unit_id) {
                    session::delete_user_sessions(&mut tx, cap.region, id).await?;
                }
                (id, Change::AccountChanged)
            }
        };
        record(&mut tx, cap.region, rec(actor, change, "user", id, after), now).await?;
    }
    let counts: serde_json::Value = SheetKind::ALL
        .iter()
        .map(|k| {
            let c = plan.counts(*k);
            (
                k.code().to_string(),
                json!({ "added": c.added, "changed": c.changed, "same": c.same }),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    record(
        &mut tx,
        cap.region,
        rec(actor, Change::DirectoryImported, "directory", cap.region, counts),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((plan, given))
}

fn rec<'a>(actor: &'a Actor, change: Change, entity: &'a str, id: i64, after: serde_json::Value) -> Record<'a> {
    Record {
        actor,
        change,
        entity,
        entity_id: id,
        before: None,
        after,
    }
}

fn changed() -> AppError {
    AppError::Conflict {
        message: "a record of the directory was saved by someone else during the import".into(),
        current: None,
    }
}

/// `n` new passwords with their hashes, hashed on every core at once.
async fn hashed_passwords(n: usize) -> AppResult<Vec<(String, String)>> {
    let plain: Vec<String> = (0..n)
        .map(|_| password::generate())
        .collect::<Result<_, _>>()
        .map_err(AppError::Internal)?;
    let cores = std::thread::available_parallelism().map_or(2, |c| c.get());
    let chunk = n.div_ceil(cores).max(1);
    let mut jobs = Vec::new();
    for part in plain.chunks(chunk) {
        let part = part.to_vec();
        jobs.push(tokio::task::spawn_blocking(move || {
            part.into_iter()
                .map(|p| password::hash_password(&p).map(|h| (p, h)))
                .collect::<Result<Vec<_>, _>>()
        }));
    }
    let mut out = Vec::with_capacity(n);
    for j in jobs {
        out.extend(
            j.await
                .map_err(|e| AppError::Internal(e.to_string()))?
                .map_err(AppError::Internal)?,
        );
    }
    Ok(out)
}

/// Writes the units' steps; returns the id of each step's unit, in step order.
async fn apply_units(
    state: &AppState,
    tx: &mut Tx,
    region: i64,
    actor: &Actor,
    plan: &ImportPlan,
    f: &Found,
) -> AppResult<Vec<i64>> {
    let now = state.clock.now();
    let today = state.clock.today();
    let mut ids = Vec::with_capacity(plan.units.len());
    for s in &plan.units {
        let u = &s.unit;
        let sort = u.sort.unwrap_or(0);
        let after = json!({ "name": u.name, "short_name": u.short_name, "category": u.category.code(),
            "sort": sort, "active": s.active, "import_row": s.line });
        match s.action {
            Action::Same(id) => ids.push(id),
            Action::Add => {
                let id = unit::insert_unit(
                    tx,
                    region,
                    &unit::NewUnit {
                        category: u.category.code(),
                        name: &u.name,
                        short_name: &u.short_name,
                        sort,
                        created_on: today,
                    },
                )
                .await?;
                if !s.active {
                    unit::update_unit(tx, region, id, 1, u.category.code(), sort, false).await?;
                }
                record(tx, region, rec(actor, Change::UnitAdded, "unit", id, after), now).await?;
                ids.push(id);
            }
            Action::Change(id) => {
                let was = f.known.units.iter().find(|k| k.id == id).ok_or(AppError::NotFound)?;
                let version = f.versions.get(&(SheetKind::Units, id)).copied().unwrap_or(0);
                if !unit::update_unit(tx, region, id, version, u.category.code(), sort, s.active).await? {
                    return Err(changed());
                }
                if was.name != u.name {
                    unit::rename_unit(tx, region, id, &u.name, &u.short_name, today).await?;
                    record(
                        tx,
                        region,
                        rec(actor, Change::UnitRenamed, "unit", id, after.clone()),
                        now,
                    )
                    .await?;
                } else if was.short_name != u.short_name {
                    unit::set_short_name(tx, region, id, &u.short_name).await?;
                }
                record(tx, region, rec(actor, Change::UnitChanged, "unit", id, after), now).await?;
                if was.active && !s.active {
                    for uid in user::disable_unit_accounts(tx, region, id).await? {
                        session::delete_user_sessions(tx, region, uid).await?;
                    }
                }
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

/// Writes the leaders' steps; returns the id of each step's leader, in step order.
async fn apply_leaders(
    tx: &mut Tx,
    region: i64,
    actor: &Actor,
    plan: &ImportPlan,
    f: &Found,
    unit_ids: &[i64],
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(plan.leaders.len());
    for s in &plan.leaders {
        let l = &s.leader;
        let sort = l.sort.unwrap_or(0);
        let mut units: Vec<i64> = s
            .units
            .iter()
            .map(|t| match t {
                Target::Known(id) => *id,
                Target::Added(i) => unit_ids[*i],
            })
            .collect();
        units.sort_unstable();
        units.dedup();
        let fields = leader::LeaderFields {
            name: &l.name,
            title: &l.title,
            portfolio: &l.portfolio,
            sort,
            active: s.active,
        };
        let after = json!({ "name": l.name, "title": l.title, "portfolio": l.portfolio, "sort": sort,
            "active": s.active, "units": units, "import_row": s.line });
        let (id, change) = match s.action {
            Action::Same(id) => {
                ids.push(id);
                continue;
            }
            Action::Add => {
                let id = leader::insert_leader(tx, region, &l.name, &l.title, &l.portfolio, sort).await?;
                if !s.active {
                    leader::update_leader(tx, region, id, 1, fields).await?;
                }
                (id, Change::LeaderAdded)
            }
            Action::Change(id) => {
                let version = f.versions.get(&(SheetKind::Leaders, id)).copied().unwrap_or(0);
                if !leader::update_leader(tx, region, id, version, fields).await? {
                    return Err(changed());
                }
                (id, Change::LeaderChanged)
            }
        };
        leader::set_oversight(tx, region, id, &units).await?;
        record(tx, region, rec(actor, change, "leader", id, after), now).await?;
        ids.push(id);
    }
    Ok(ids)
}
