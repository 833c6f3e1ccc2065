//! The directory as the system administrator sees it — units, leaders, accounts, each a row
//! with its status in words — and as the template sheet exports it (the same columns it is
//! imported from, so an export imported again changes nothing).

use luoshi_domain::{
    Lang, Role, UnitCategory,
    directory::sheet::{SheetKind, status_words},
};
use luoshi_office::sheet::TableOut;
use luoshi_store::{Conn, user};

use crate::{directory::Directory, error::AppResult, views::instant_text};

/// A unit's row.
#[derive(Debug, Clone)]
pub struct UnitRow {
    /// Id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Category code.
    pub category: String,
    /// Category in words.
    pub category_name: String,
    /// Place in lists.
    pub sort: i64,
    /// In use.
    pub active: bool,
    /// Status in words: 在用, 停用, 已并入….
    pub status: String,
    /// Former names with their dates.
    pub former: String,
    /// Version.
    pub version: i64,
}

/// The region's units, merged and out-of-use ones too.
pub fn units(dir: &Directory, lang: Lang) -> Vec<UnitRow> {
    dir.unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .map(|u| UnitRow {
            id: u.id,
            name: u.name.clone(),
            short_name: u.short_name.clone(),
            category_name: super::admin::category_words(&u.category, lang),
            category: u.category.clone(),
            sort: u.sort,
            active: u.active,
            status: match (u.merged_into, u.active) {
                (Some(into), _) => format!("{}{}", lang.pick("已并入", "Merged into "), dir.unit_name(Some(into))),
                (None, true) => lang.pick("在用", "In use").to_string(),
                (None, false) => lang.pick("停用", "Out of use").to_string(),
            },
            former: super::admin::former_names(dir, u.id, lang),
            version: u.version,
        })
        .collect()
}

/// A leader's row.
#[derive(Debug, Clone)]
pub struct LeaderRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Portfolio.
    pub portfolio: String,
    /// Place in lists.
    pub sort: i64,
    /// In office.
    pub active: bool,
    /// Units overseen, by id.
    pub unit_ids: Vec<i64>,
    /// Units overseen, by short name, joined with 、.
    pub units: String,
    /// Version.
    pub version: i64,
}

/// The region's leaders, in rank order.
pub fn leaders(dir: &Directory) -> Vec<LeaderRow> {
    dir.leader_order
        .iter()
        .filter_map(|id| dir.leader(*id))
        .map(|l| {
            let unit_ids = dir.overseen_by(l.id);
            LeaderRow {
                id: l.id,
                name: l.name.clone(),
                title: l.title.clone(),
                portfolio: l.portfolio.clone(),
                sort: l.sort,
                active: l.active,
                units: unit_ids
                    .iter()
                    .filter_map(|u| dir.unit(*u))
                    .map(|u| u.short_name.clone())
                    .collect::<Vec<_>>()
                    .join("、"),
                unit_ids,
                version: l.version,
            }
        })
        .collect()
}

/// An account's row.
#[derive(Debug, Clone)]
pub struct AccountRow {
    /// The account.
    pub user: user::User,
    /// Role in words.
    pub role_name: String,
    /// Its unit's or leader's name.
    pub of: String,
    /// Status in words: 在用, 停用, 待修改密码.
    pub status: String,
    /// Last login, in words.
    pub last_login: String,
    /// Whether the administrator may change it here (not the three administrators').
    pub editable: bool,
}

/// The region's accounts.
pub async fn accounts(conn: &mut Conn, region: i64, dir: &Directory, lang: Lang) -> AppResult<Vec<AccountRow>> {
    let mut list = user::users(conn, region).await?;
    list.sort_by_key(|u| (Role::ALL.iter().position(|r| *r == u.role), u.username.clone()));
    Ok(list
        .into_iter()
        .map(|u| {
            let (zh, en) = u.role.names();
            let of = match (u.unit_id, u.leader_id) {
                (Some(unit), _) => dir.unit_name(Some(unit)),
                (None, Some(l)) => dir
                    .leader(l)
                    .map(|l| format!("{}{}", l.title, l.name))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let status = if !u.active {
                lang.pick("停用", "Disabled")
            } else if u.password_changed_at.is_none() {
                lang.pick("待修改初始密码", "Must change password")
            } else {
                lang.pick("在用", "Active")
            }
            .to_string();
            AccountRow {
                role_name: lang.pick(zh, en).to_string(),
                of,
                status,
                last_login: instant_text(u.last_login_at, lang),
                editable: u.role.assignable(),
                user: u,
            }
        })
        .collect())
}

/// How far the region's setting up has come: the administrator's home.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    /// Units in use.
    pub units: usize,
    /// Leaders in office.
    pub leaders: usize,
    /// Leaders in office who oversee no unit.
    pub leaders_without_units: usize,
    /// Accounts that may log in.
    pub accounts: usize,
    /// Units in use (not the office's) without an account that may log in, by short name.
    pub units_without_liaison: Vec<String>,
    /// Accounts whose first password is still to be changed.
    pub must_change: usize,
}

impl Setup {
    /// The region's setup as it stands.
    pub async fn of(conn: &mut Conn, region: i64, dir: &Directory) -> AppResult<Setup> {
        let users = user::users(conn, region).await?;
        let active: Vec<&user::User> = users.iter().filter(|u| u.active).collect();
        let units: Vec<&luoshi_store::unit::Unit> = dir
            .unit_order
            .iter()
            .filter_map(|id| dir.unit(*id))
            .filter(|u| u.active)
            .collect();
        let leaders: Vec<i64> = dir
            .leader_order
            .iter()
            .filter(|id| dir.leader(**id).is_some_and(|l| l.active))
            .copied()
            .collect();
        Ok(Setup {
            units: units.len(),
            leaders: leaders.len(),
            leaders_without_units: leaders.iter().filter(|l| dir.overseen_by(**l).is_empty()).count(),
            accounts: active.len(),
            units_without_liaison: units
                .iter()
                .filter(|u| u.category != UnitCategory::Office.code())
                .filter(|u| {
                    !active
                        .iter()
                        .any(|a| a.unit_id == Some(u.id) && a.role == Role::UnitUser)
                })
                .map(|u| u.short_name.clone())
                .collect(),
            must_change: active.iter().filter(|u| u.password_changed_at.is_none()).count(),
        })
    }
}

fn widths(kind: SheetKind) -> Vec<f64> {
    kind.columns()
        .iter()
        .map(|c| match c.key {
            "id" | "sort" | "status" => 8.0,
            "name" | "former_names" | "units" => 32.0,
            "portfolio" | "email" => 24.0,
            _ => 14.0,
        })
        .collect()
}

fn lists(kind: SheetKind) -> Vec<(u16, Vec<String>)> {
    let words = |key: &str, choices: Vec<String>| {
        kind.columns()
            .iter()
            .position(|c| c.key == key)
            .map(|i| (i as u16, choices))
    };
    let status = vec!["在用".to_string(), "停用".to_string()];
    match kind {
        SheetKind::Units => vec![
            words(
                "category",
                UnitCategory::ALL.iter().map(|c| c.names().0.to_string()).collect(),
            ),
            words("status", status),
        ],
        SheetKind::Leaders => vec![words("status", status)],
        SheetKind::Users => vec![
            words(
                "role",
                Role::ASSIGNABLE.iter().map(|r| r.names().0.to_string()).collect(),
            ),
            words("status", status),
        ],
    }
    .into_iter()
    .flatten()
    .collect()
}

/// A blank table of the template, or the region's rows (`rows`).
pub fn table(kind: SheetKind, rows: Vec<Vec<String>>) -> TableOut {
    TableOut {
        name: kind.title().0.to_string(),
        header: kind.header(),
        required: kind.columns().iter().map(|c| c.required).collect(),
        rows,
        widths: widths(kind),
        lists: lists(kind),
    }
}

/// The region's directory in the template's columns, table by table.
pub async fn export_rows(
    conn: &mut Conn,
    region: i64,
    dir: &Directory,
) -> AppResult<Vec<(SheetKind, Vec<Vec<String>>)>> {
    let units = units(dir, Lang::Zh)
        .into_iter()
        .map(|u| {
            vec![
                u.id.to_string(),
                u.name,
                u.short_name,
                u.category_name,
                u.sort.to_string(),
                status_words(u.active).to_string(),
                if u.status.starts_with("已并入") {
                    format!("{}；{}", u.status, u.former)
                } else {
                    u.former
                },
            ]
        })
        .collect();
    let leaders = leaders(dir)
        .into_iter()
        .map(|l| {
            vec![
                l.id.to_string(),
                l.name,
                l.title,
                l.portfolio,
                l.unit_ids
                    .iter()
                    .map(|u| dir.unit_name(Some(*u)))
                    .collect::<Vec<_>>()
                    .join("、"),
                l.sort.to_string(),
                status_words(l.active).to_string(),
            ]
        })
        .collect();
    let users = accounts(conn, region, dir, Lang::Zh)
        .await?
        .into_iter()
        .map(|a| {
            let u = a.user;
            vec![
                u.id.to_string(),
                u.username,
                u.display_name,
                a.role_name,
                u.unit_id.map(|x| dir.unit_name(Some(x))).unwrap_or_default(),
                u.leader_id
                    .and_then(|l| dir.leader(l))
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                u.email,
                status_words(u.active).to_string(),
            ]
        })
        .collect();
    Ok(vec![
        (SheetKind::Units, units),
        (SheetKind::Leaders, leaders),
        (SheetKind::Users, users),
    ])
}

/// The template's notes sheet: how to fill each column.
pub fn notes() -> Vec<(String, String)> {
    let mut out = vec![
        (
            "使用方法".to_string(),
            "在“单位”“领导”“用户”三张表中每行填写一条记录（不用的表可以留空或删除），保存后在系统“组织机构导入”页面上传：先检查，无误后确认导入。导入要么全部成功，要么一条也不写入，问题会按表、行、列列出。也可以把每张表另存为CSV分别导入（表头不变）。".to_string(),
        ),
        (
            "修改已有记录".to_string(),
            "先在系统中“导出现有数据”，在导出的表格上修改后再导入：编号不变即修改该记录（改全称即更名，旧名称保留在历史记录中）；没有编号的行按全称、姓名或登录名匹配已有记录，匹配不到的新增。".to_string(),
        ),
        ("红色表头".to_string(), "为必填列。".to_string()),
    ];
    for kind in SheetKind::ALL {
        for c in kind.columns() {
            out.push((format!("{}表·{}", kind.title().0, c.zh), c.note.to_string()));
        }
    }
    out
}
