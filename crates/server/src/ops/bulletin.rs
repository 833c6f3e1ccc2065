//! Supervision bulletins (督查通报): the office gathers a period's facts from live data, writes
//! a draft from them, edits it, and publishes it with the next number of the year's series.
//! Published bulletins are read by everyone in the region; public ones also by anyone, on the
//! public site. The .docx is written in the official-document layout.

use crate::ops::bulletin_facts::{draft_at, gather};
use chrono::{Datelike, NaiveDate};
use luoshi_domain::BulletinStatus;
use luoshi_domain::{
    BulletinFacts, BulletinInput, Draft, blocks, check_bulletin, check_period, draft, fmt_date, issue_name,
};
use luoshi_lights::Change;
use luoshi_store::{
    Conn, RegionId, StoreError,
    bulletin::{self, Bulletin, Edit, NewBulletin, Publication, Refreshed},
    region,
};
use serde_json::json;

use super::{Record, fail_if, record};
use crate::{
    AppState,
    access::SupervisorCap,
    auth::Viewer,
    error::{AppError, AppResult},
};

/// The masthead of every bulletin.
pub const MASTHEAD: &str = "督查通报";

/// The supervision office of a region named `region_name`: `云州市人民政府督查室`.
pub fn office_of(region_name: &str) -> String {
    format!("{region_name}人民政府督查室")
}

/// The issuing office's name: `云州市人民政府督查室`.
pub async fn office_name(conn: &mut Conn, region: RegionId) -> AppResult<String> {
    let name = region::region(conn, region).await?.map(|r| r.name).unwrap_or_default();
    Ok(office_of(&name))
}

/// The draft written from `facts`, asking for rectification reports within a week.
async fn write_draft(state: &AppState, conn: &mut Conn, region: RegionId, facts: &BulletinFacts) -> AppResult<Draft> {
    let office = office_name(conn, region).await?;
    let calendar = luoshi_store::calendar::work_calendar(conn, region).await?;
    let reply_by = calendar.on_or_after(state.clock.today() + chrono::Duration::days(7));
    let units = luoshi_store::unit::units(conn, region).await?;
    let active = || units.iter().filter(|u| u.merged_into.is_none());
    let counties: Vec<&str> = active()
        .filter(|u| u.category == luoshi_domain::UnitCategory::County.code())
        .map(|u| u.name.as_str())
        .collect();
    let zones = active().any(|u| u.category == luoshi_domain::UnitCategory::Zone.code());
    // The ladders' number of red periods before accountability, when the plans agree on it.
    let mut periods = luoshi_store::plan::plans(conn, region)
        .await?
        .iter()
        .map(|p| luoshi_domain::Ladder::parse(&p.ladder).red_periods)
        .collect::<Vec<_>>();
    periods.sort_unstable();
    periods.dedup();
    let red_periods = match periods.as_slice() {
        [] => Some(luoshi_domain::Ladder::default().red_periods),
        [one] => Some(*one),
        _ => None,
    };
    Ok(draft(
        facts,
        &office,
        &luoshi_domain::addressees(&counties, zones),
        reply_by,
        red_periods,
    ))
}

/// Default 抄送 of a new bulletin.
pub const DEFAULT_CC: &str = "市委办公室，市人大常委会办公室，市政协办公室。";

/// Writes a new draft for `from..=to`; returns its id.
pub async fn create(
    state: &AppState,
    cap: &SupervisorCap,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    public: bool,
) -> AppResult<i64> {
    fail_if(check_period(from, to, state.clock.today()))?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(AppError::Internal("period checked but missing".into()));
    };
    let facts = gather(state, cap.region, from, to).await?;
    let facts_json = serde_json::to_string(&facts).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut tx = state.store.begin().await?;
    let d = write_draft(state, &mut tx, cap.region, &facts).await?;
    // 责任编辑: the author's name without the office in brackets (刘敏（督查室） → 刘敏).
    let editor = luoshi_store::user::user(&mut tx, cap.region, cap.actor.id)
        .await?
        .map(|u| u.display_name.split('（').next().unwrap_or_default().trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| cap.actor.name.clone());
    let now = state.clock.now();
    let id = bulletin::insert(
        &mut tx,
        cap.region,
        &NewBulletin {
            year: i64::from(to.year()),
            period_from: from,
            period_to: to,
            title: &d.title,
            body: &d.body,
            cc: DEFAULT_CC,
            editor: &editor,
            facts: &facts_json,
            public,
            created_by: Some(cap.actor.id),
        },
        now,
    )
    .await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::BulletinDrafted,
            entity: "bulletin",
            entity_id: id,
            before: None,
            after: json!({ "title": d.title, "from": from, "to": to, "public": public }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The bulletins `viewer` may see: all for the office, published ones for everyone else.
pub async fn list(state: &AppState, viewer: &Viewer) -> AppResult<Vec<Bulletin>> {
    let reader = viewer.reader()?;
    let office = viewer.supervisor().is_ok();
    let mut conn = state.store.conn().await?;
    Ok(bulletin::bulletins(&mut conn, reader.region)
        .await?
        .into_iter()
        .filter(|b| office || b.status == BulletinStatus::Published)
        .collect())
}

/// Saves an edit of a draft made on `version`.
pub async fn edit(
    state: &AppState,
    cap: &SupervisorCap,
    id: i64,
    version: i64,
    input: &BulletinInput,
    public: bool,
) -> AppResult<()> {
    let input = &input.cleaned();
    fail_if(check_bulletin(input))?;
    let mut tx = state.store.begin().await?;
    let before = draft_at(&mut tx, cap.region, id).await?;
    let now = state.clock.now();
    bulletin::update(
        &mut tx,
        cap.region,
        id,
        version,
        &Edit {
            title: input.title.trim(),
            body: &input.body,
            cc: input.cc.trim(),
            editor: input.editor.trim(),
            public,
        },
        now,
    )
    .await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::BulletinEdited,
            entity: "bulletin",
            entity_id: id,
            before: Some(json!({ "title": before.title, "body": before.body, "public": before.public })),
            after: json!({ "title": input.title.trim(), "body": input.body, "public": public }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Gathers a draft's facts again and rewrites its text from them (the editor's changes to the
/// text are replaced; the title, 抄送 and 责任编辑 stay).
pub async fn refresh(state: &AppState, cap: &SupervisorCap, id: i64, version: i64) -> AppResult<()> {
    let b = {
        let mut conn = state.store.conn().await?;
        draft_at(&mut conn, cap.region, id).await?
    };
    let facts = gather(state, cap.region, b.period_from, b.period_to).await?;
    let facts_json = serde_json::to_string(&facts).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut tx = state.store.begin().await?;
    let d = write_draft(state, &mut tx, cap.region, &facts).await?;
    let now = state.clock.now();
    bulletin::refresh(
        &mut tx,
        cap.region,
        id,
        version,
        &Refreshed {
            facts: &facts_json,
            title: &b.title,
            body: &d.body,
        },
        now,
    )
    .await?;
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::BulletinRefreshed,
            entity: "bulletin",
            entity_id: id,
            before: Some(json!({ "facts": b.facts })),
            after: json!({ "facts": facts }),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes a draft made on `version` with the next number of its year's series; returns
/// the number in words (`2020年第3期`).
pub async fn publish(state: &AppState, cap: &SupervisorCap, id: i64, version: i64) -> AppResult<String> {
    let b = {
        let mut conn = state.store.conn().await?;
        draft_at(&mut conn, cap.region, id).await?
    };
    fail_if(check_bulletin(&BulletinInput {
        title: b.title.clone(),
        body: b.body.clone(),
        cc: b.cc.clone(),
        editor: b.editor.clone(),
    }))?;
    let today = state.clock.today();
    let year = i64::from(today.year());
    for attempt in 0..5 {
        let now = state.clock.now();
        let mut tx = state.store.begin().await?;
        let p = Publication {
            year,
            by: Some(cap.actor.id),
            on: today,
        };
        let seq = match bulletin::publish(&mut tx, cap.region, id, version, &p, now).await {
            Err(StoreError::Duplicate(_)) if attempt < 4 => continue,
            other => other?,
        };
        let name = issue_name(year, seq);
        record(
            &mut tx,
            cap.region,
            Record {
                actor: &cap.actor,
                change: Change::BulletinPublished,
                entity: "bulletin",
                entity_id: id,
                before: None,
                after: json!({ "number": name, "title": b.title, "public": b.public }),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        return Ok(name);
    }
    Err(AppError::Internal("no free bulletin number after 5 attempts".into()))
}

/// Deletes a draft made on `version`.
pub async fn discard(state: &AppState, cap: &SupervisorCap, id: i64, version: i64) -> AppResult<()> {
    let mut tx = state.store.begin().await?;
    let b = draft_at(&mut tx, cap.region, id).await?;
    bulletin::delete_draft(&mut tx, cap.region, id, version).await?;
    let now = state.clock.now();
    record(
        &mut tx,
        cap.region,
        Record {
            actor: &cap.actor,
            change: Change::BulletinDiscarded,
            entity: "bulletin",
            entity_id: id,
            before: Some(json!({ "title": b.title })),
            after: json!({}),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The number of a bulletin in words: `2020年第3期`, or `（草稿）` before it is published.
pub fn number_of(b: &Bulletin) -> String {
    match b.seq {
        Some(s) => issue_name(b.year, s),
        None => "（草稿）".into(),
    }
}

/// The .docx of a bulletin in the official-document layout.
pub async fn docx(state: &AppState, region: RegionId, b: &Bulletin) -> AppResult<Vec<u8>> {
    let office = {
        let mut conn = state.store.conn().await?;
        office_name(&mut conn, region).await?
    };
    let day = b.published_on.unwrap_or_else(|| state.clock.today());
    let date = fmt_date(day, luoshi_domain::Lang::Zh);
    let body = blocks(&b.body);
    let number = number_of(b);
    luoshi_office::official_docx(&luoshi_office::OfficialDoc {
        masthead: MASTHEAD,
        number: &number,
        issuer: &office,
        date: &date,
        title: &b.title,
        body: &body,
        cc: &b.cc,
        printed_by: &office,
        printed_on: &date,
    })
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// The demo's bulletins: May 2020 published as public on the first working day of June (第1期),
/// and, when `today` is in June or later, a draft of June so far for the office to edit.
pub async fn seed_demo(
    store: &luoshi_store::Store,
    config: &crate::Config,
    region: RegionId,
    today: NaiveDate,
) -> AppResult<()> {
    let office = {
        let mut conn = store.conn().await?;
        luoshi_store::user::user_by_username(&mut conn, region, "duchashi").await?
    };
    let Some(office) = office else { return Ok(()) };
    let cap = SupervisorCap {
        region,
        actor: crate::access::Actor {
            id: office.id,
            name: office.username.clone(),
        },
    };
    let day = |m, d| NaiveDate::from_ymd_opt(2020, m, d).unwrap_or(today);
    let at = |on: NaiveDate| {
        let mut c = config.clone();
        c.today = Some(on);
        AppState::new(store.clone(), c)
    };
    let june_2 = day(6, 2);
    if today >= june_2 {
        let s = at(june_2);
        let id = create(&s, &cap, Some(day(5, 1)), Some(day(5, 31)), true).await?;
        let v = bulletin::bulletin(&mut store.conn().await?, region, id)
            .await?
            .map(|b| b.version)
            .unwrap_or(1);
        publish(&s, &cap, id, v).await?;
    }
    if today >= day(6, 15) {
        let s = at(today);
        create(&s, &cap, Some(day(6, 1)), Some(today), true).await?;
    }
    Ok(())
}
