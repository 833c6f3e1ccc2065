//! Where notifications go besides the app: the supervision office's webhook channels
//! (`/channels`) with the delivery log, and each user's own preferences (`/me`).

use askama::Template;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use luoshi_store::delivery::{self, Channel, Delivery};

use super::{layout::Layout, render};
use crate::{
    AppState,
    auth::Viewer,
    directory::Directory,
    error::AppResult,
    forms::{FieldErrors, Id, Posted},
    ops::channels::{self, ChannelInput},
    views::instant_text,
};

#[derive(Template)]
#[template(path = "channels.html")]
struct ChannelsPage {
    l: Layout,
    channels: Vec<(Channel, String)>,
    units: Vec<(i64, String)>,
    log: Vec<(Delivery, String, String)>,
    e: FieldErrors,
    email_on: bool,
}

async fn show(state: &AppState, viewer: &Viewer, e: FieldErrors) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let l = Layout::new(state, viewer, "/channels").await?;
    let lang = l.lang;
    let (list, log, dir) = {
        let mut c = state.store.conn().await?;
        (
            delivery::channels(&mut c, cap.region).await?,
            delivery::recent(&mut c, cap.region, 100).await?,
            Directory::load(&mut c, cap.region).await?,
        )
    };
    let office = l.t("channel.office");
    let channels = list
        .into_iter()
        .map(|c| {
            let whose = c
                .unit_id
                .map(|u| dir.unit_name(Some(u)))
                .unwrap_or_else(|| office.clone());
            (c, whose)
        })
        .collect();
    let units = dir
        .unit_order
        .iter()
        .filter_map(|id| dir.unit(*id))
        .filter(|u| u.merged_into.is_none())
        .map(|u| (u.id, u.name.clone()))
        .collect();
    let log = log
        .into_iter()
        .map(|d| {
            let at = instant_text(d.sent_at.or(Some(d.created_at)), lang);
            let status = match d.status.as_str() {
                "sent" => lang.pick("已送达", "Sent"),
                "failed" => lang.pick("发送失败", "Failed"),
                _ => lang.pick("待发送", "Pending"),
            }
            .to_string();
            (d, at, status)
        })
        .collect();
    render(&ChannelsPage {
        l,
        channels,
        units,
        log,
        e,
        email_on: state.config.smtp.is_some(),
    })
}

/// `GET /channels`
pub async fn page(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    show(&state, &viewer, FieldErrors::default()).await
}

/// `POST /channels`: adds a channel.
pub async fn add(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    let input = ChannelInput {
        unit_id: form.int("unit_id"),
        kind: form.get("kind").to_string(),
        name: form.get("name").to_string(),
        url: form.get("url").to_string(),
        secret: form.get("secret").to_string(),
    };
    match channels::add(&state, &cap, &input).await {
        Ok(_) => Ok(Redirect::to("/channels?flash=flash.saved").into_response()),
        Err(crate::error::AppError::Validation(errs)) => {
            show(
                &state,
                &viewer,
                FieldErrors::new(&errs, viewer.lang(), &["kind", "name", "url", "secret"]),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `POST /channels/{id}/active`: switches a channel on or off.
pub async fn toggle(State(state): State<AppState>, Id(id): Id, Posted(viewer, form): Posted) -> AppResult<Response> {
    let cap = viewer.supervisor()?;
    channels::set_active(
        &state,
        &cap,
        id,
        form.int("version").unwrap_or(0),
        form.checked("active"),
    )
    .await?;
    Ok(Redirect::to("/channels?flash=flash.saved").into_response())
}

#[derive(Template)]
#[template(path = "me.html")]
struct MePage {
    l: Layout,
    email: String,
    notify_email: bool,
    notify_channels: bool,
    email_on: bool,
    e: FieldErrors,
    /// The password form's problems.
    pe: FieldErrors,
    /// Whether the calendar feed is on.
    feed_on: bool,
    /// The feed's address, just made (shown this once).
    feed_url: Option<String>,
    /// Whether the viewer reads business data (and so has deadlines to subscribe to).
    business: bool,
    /// The viewer's live sessions.
    sessions: Vec<crate::views::admin::SessionOut>,
    /// The password policy in words.
    policy: String,
    /// Whether the viewer's role may use a second factor, and whether it is on.
    totp_offered: bool,
    totp_on: bool,
    /// A second factor being set up: its key and QR code (shown this once).
    totp_setup: Option<(String, String)>,
    /// The second factor form's problems.
    te: FieldErrors,
}

/// Whether the viewer has a calendar feed; the administrators have none to have.
async fn feed_on(state: &AppState, viewer: &Viewer) -> AppResult<bool> {
    let mut c = state.store.conn().await?;
    Ok(luoshi_store::user::has_feed(&mut c, viewer.region(), viewer.user.id).await?)
}

impl MePage {
    /// The page as stored for `viewer`, without problems or a new feed address; the handlers
    /// change what they must.
    async fn of(state: &AppState, viewer: &Viewer) -> AppResult<MePage> {
        let l = Layout::new(state, viewer, "/me").await?;
        let sessions = {
            let mut c = state.store.conn().await?;
            crate::views::admin::own_sessions(
                &mut c,
                viewer.region(),
                viewer.user.id,
                &viewer.session.id,
                l.lang,
                state.clock.now(),
            )
            .await?
        };
        let (zh, en) = state.config.password.words();
        let totp_offered = crate::ops::second_factor::offered(viewer.role);
        let totp_on = totp_offered && crate::ops::second_factor::is_on(state, viewer).await?;
        Ok(MePage {
            totp_offered,
            totp_on,
            totp_setup: None,
            te: FieldErrors::default(),
            policy: l.lang.pick(&zh, &en).to_string(),
            sessions,
            l,
            email: viewer.user.email.clone(),
            notify_email: viewer.user.notify_email,
            notify_channels: viewer.user.notify_channels,
            email_on: state.config.smtp.is_some(),
            e: FieldErrors::default(),
            pe: FieldErrors::default(),
            feed_on: feed_on(state, viewer).await?,
            feed_url: None,
            business: viewer.reader().is_ok(),
        })
    }
}

/// `GET /me`: the user's notification preferences.
pub async fn me(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    render(&MePage::of(&state, &viewer).await?)
}

/// `POST /me`
pub async fn save_me(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let email = form.get("email").trim().to_string();
    let (ne, nc) = (form.checked("notify_email"), form.checked("notify_channels"));
    match channels::set_preferences(&state, &viewer, &email, ne, nc).await {
        Ok(()) => Ok(Redirect::to("/me?flash=flash.saved").into_response()),
        Err(crate::error::AppError::Validation(errs)) => render(&MePage {
            email,
            notify_email: ne,
            notify_channels: nc,
            e: FieldErrors::new(&errs, viewer.lang(), &["email"]),
            ..MePage::of(&state, &viewer).await?
        }),
        Err(e) => Err(e),
    }
}

/// `POST /me/password`: the user's own password (the current one required); their other
/// sessions end.
pub async fn change_password(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let (old, new, again) = (
        form.get("old_password"),
        form.get("new_password"),
        form.get("new_password_again"),
    );
    let result = if new != again {
        Err(crate::error::AppError::Validation(vec![
            luoshi_domain::ValidationError::new(
                "new_password_again",
                luoshi_domain::codes::PASSWORD_MISMATCH,
                "两次输入的新密码不一致",
                "The new passwords do not match",
            ),
        ]))
    } else {
        crate::ops::account::change_password(&state, &viewer, old, new).await
    };
    match result {
        Ok(()) => Ok(Redirect::to("/me?flash=flash.password_changed").into_response()),
        Err(crate::error::AppError::Validation(errs)) => {
            let pe = FieldErrors::new(
                &errs,
                viewer.lang(),
                &["old_password", "new_password", "new_password_again"],
            );
            let mut r = render(&MePage {
                pe,
                ..MePage::of(&state, &viewer).await?
            })?;
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
        Err(e) => Err(e),
    }
}

/// `POST /me/feed`: a new calendar feed address (the old one stops working), shown this once.
pub async fn reset_feed(State(state): State<AppState>, Posted(viewer, _form): Posted) -> AppResult<Response> {
    let url = crate::ops::account::reset_feed(&state, &viewer).await?;
    render(&MePage {
        feed_on: true,
        feed_url: Some(url),
        ..MePage::of(&state, &viewer).await?
    })
}

/// `POST /me/feed/off`: the calendar feed's address stops working.
pub async fn feed_off(State(state): State<AppState>, Posted(viewer, _form): Posted) -> AppResult<Response> {
    crate::ops::account::feed_off(&state, &viewer).await?;
    Ok(Redirect::to("/me?flash=flash.feed_off#calendar-feed").into_response())
}

/// `POST /me/sessions/end`: logs the viewer out everywhere else, or everywhere with `all`.
pub async fn end_sessions(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let all = !form.get("all").is_empty();
    crate::ops::account::end_my_sessions(&state, &viewer, all).await?;
    Ok(if all {
        Redirect::to("/login").into_response()
    } else {
        Redirect::to("/me?flash=flash.sessions_ended#my-sessions").into_response()
    })
}

/// `POST /me/totp/start`: a new second-factor key, shown this once with its QR code.
pub async fn totp_start(State(state): State<AppState>, Posted(viewer, _form): Posted) -> AppResult<Response> {
    let (secret, uri) = crate::ops::second_factor::start(&state, &viewer).await?;
    let qr = crate::views::public::draw_qr(&uri);
    render(&MePage {
        totp_setup: Some((secret, qr)),
        ..MePage::of(&state, &viewer).await?
    })
}

/// `POST /me/totp/confirm`: the first code turns the second factor on.
pub async fn totp_confirm(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let done = crate::ops::second_factor::confirm(&state, &viewer, form.get("totp")).await;
    totp_answer(&state, &viewer, done, "flash.totp_on").await
}

/// `POST /me/totp/off`: a current code turns the second factor off.
pub async fn totp_off(State(state): State<AppState>, Posted(viewer, form): Posted) -> AppResult<Response> {
    let done = crate::ops::second_factor::turn_off(&state, &viewer, form.get("totp")).await;
    totp_answer(&state, &viewer, done, "flash.totp_off").await
}

/// Back to /me with `flash` when a code was taken; the page with the code's problem otherwise.
async fn totp_answer(state: &AppState, viewer: &Viewer, done: AppResult<()>, flash: &str) -> AppResult<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/me?flash={flash}#totp")).into_response()),
        Err(crate::error::AppError::Validation(errs)) => {
            let mut r = render(&MePage {
                te: FieldErrors::new(&errs, viewer.lang(), &["totp"]),
                ..MePage::of(state, viewer).await?
            })?;
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
        Err(e) => Err(e),
    }
}
