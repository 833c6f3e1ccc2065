//! The base layout every page of a logged-in user extends — user, CSRF token, menu, language,
//! flash message — and the standalone error page.

use askama::Template;
use luoshi_domain::{Lang, Role, fmt_date};
use luoshi_store::region;

use crate::{AppState, auth::Viewer, clock::Clock, error::AppResult, i18n::Tr};

/// A menu entry.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Where it goes.
    pub href: &'static str,
    /// Its label.
    pub label: String,
    /// Whether it is the current section.
    pub active: bool,
}

/// What the base layout needs.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The language.
    pub lang: Lang,
    /// The translator.
    pub tr: Tr,
    /// The user's name.
    pub user_name: String,
    /// The user's role, in words.
    pub role_name: String,
    /// The region's name.
    pub region_name: String,
    /// The CSRF token for this page's forms.
    pub csrf: String,
    /// The menu.
    pub nav: Vec<NavItem>,
    /// Today, in words.
    pub today_text: String,
    /// Whether the clock is fixed (demo).
    pub fixed_clock: bool,
    /// The current path, to come back to after switching language.
    pub path: String,
    /// A one-off message.
    pub flash: Option<String>,
    /// Unread notifications.
    pub unread: i64,
    /// Asset version for cache busting.
    pub asset_version: &'static str,
    /// The user guide's section for this page and this reader (帮助).
    pub help: String,
}

impl Layout {
    /// The layout for `viewer`, with the menu entry `active` highlighted.
    pub async fn new(state: &AppState, viewer: &Viewer, active: &str) -> AppResult<Layout> {
        let rc = crate::ctx::current();
        let lang = rc.lang;
        let tr = Tr::new(lang);
        // One connection for the region's name and the bell.
        let mut c = state.store.conn().await?;
        let region_name = region::region(&mut c, viewer.region())
            .await?
            .map(|r| r.name)
            .unwrap_or_default();
        let unread = luoshi_store::notification::unread_upto(&mut c, viewer.region(), viewer.user.id, 100).await?;
        drop(c);
        let entries: &[(&str, &'static str)] = match viewer.role {
            Role::Supervisor => &[
                ("nav.home", "/home"),
                ("nav.plans", "/plans"),
                ("nav.reviews", "/reviews"),
                ("nav.orders", "/supervisions"),
                ("nav.instructions", "/instructions"),
                ("nav.projects", "/projects"),
                ("nav.indicators", "/indicators"),
                ("nav.task_forces", "/task-forces"),
                ("nav.assessment", "/assessment"),
                ("nav.bulletins", "/bulletins"),
                ("nav.lists", "/lists/overdue"),
                ("nav.units", "/units"),
                ("nav.calendar", "/calendar"),
                ("nav.channels", "/channels"),
            ],
            Role::Leader => &[
                ("nav.home", "/home"),
                ("nav.instructions", "/instructions"),
                ("nav.plans", "/plans"),
                ("nav.orders", "/supervisions"),
                ("nav.projects", "/projects"),
                ("nav.indicators", "/indicators"),
                ("nav.task_forces", "/task-forces"),
                ("nav.assessment", "/assessment"),
                ("nav.bulletins", "/bulletins"),
                ("nav.lists", "/lists/overdue"),
                ("nav.units", "/units"),
            ],
            Role::UnitUser => &[
                ("nav.home", "/home"),
                ("nav.inbox", "/inbox"),
                ("nav.instructions", "/instructions"),
                ("nav.orders", "/supervisions"),
                ("nav.plans", "/plans"),
                ("nav.projects", "/projects"),
                ("nav.indicators", "/indicators"),
                ("nav.task_forces", "/task-forces"),
                ("nav.assessment", "/assessment"),
                ("nav.bulletins", "/bulletins"),
            ],
            Role::Admin => &[
                ("nav.home", "/home"),
                ("nav.units", "/admin/units"),
                ("nav.leaders", "/admin/leaders"),
                ("nav.users", "/admin/users"),
                ("dir.import", "/admin/import"),
            ],
            Role::SecurityOfficer => &[("nav.home", "/home")],
            Role::Auditor => &[("nav.home", "/home")],
        };
        let nav = entries
            .iter()
            .map(|(key, href)| NavItem {
                href,
                label: tr.t(key),
                active: *href == active,
            })
            .collect();
        let (zh, en) = viewer.role.names();
        let flash = flash_from(&rc.path, &tr);
        Ok(Layout {
            lang,
            tr,
            user_name: viewer.user.display_name.clone(),
            role_name: lang.pick(zh, en).to_string(),
            region_name,
            csrf: viewer.session.csrf_token.clone(),
            nav,
            today_text: fmt_date(state.clock.today(), lang),
            fixed_clock: matches!(state.clock, Clock::Fixed(_)),
            help: super::help::link(viewer.role, &rc.path),
            path: rc.path,
            flash,
            unread,
            asset_version: crate::assets::VERSION,
        })
    }

    /// The bell's count: the number, or 99+.
    pub fn unread_text(&self) -> String {
        if self.unread > 99 {
            "99+".to_string()
        } else {
            self.unread.to_string()
        }
    }

    /// Text of a catalogue key.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// One of two texts, in the page's language.
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }

    /// Text of a catalogue key with its `{name}` placeholders filled.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        self.tr.t_with(key, args)
    }

    /// Where a page of a list is, in words: `第2/3页，第51–100项，共120项`.
    pub fn pager_text(&self, p: &crate::views::paging::Pager) -> String {
        self.tr.t_with(
            "pager.position",
            &[
                ("page", p.page.to_string()),
                ("pages", p.pages.to_string()),
                ("first", p.first.to_string()),
                ("last", p.last.to_string()),
                ("total", p.total.to_string()),
            ],
        )
    }
}

/// A flash message named by `?flash=key` (only catalogue keys are shown, never free text).
fn flash_from(path: &str, tr: &Tr) -> Option<String> {
    let q = path.split_once('?')?.1;
    let key = q
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "flash")?
        .1;
    let text = tr.t(key);
    (!text.starts_with('⟦')).then_some(text)
}

/// The standalone error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Every problem, when there are several (a validation error).
    pub details: Vec<String>,
    /// Language.
    pub lang: Lang,
    /// Translator.
    pub tr: Tr,
    /// HTTP status.
    pub status: u16,
    /// Stable code.
    pub code: &'static str,
    /// Message.
    pub message: String,
    /// Request id.
    pub request_id: String,
    /// Where "back to the start" goes: the public site's index for a public page, home
    /// otherwise.
    pub home: &'static str,
}

impl ErrorPage {
    /// An error page.
    pub fn new(lang: Lang, status: u16, code: &'static str, message: String, request_id: String) -> ErrorPage {
        ErrorPage {
            details: Vec::new(),
            lang,
            tr: Tr::new(lang),
            status,
            code,
            message,
            request_id,
            home: if crate::ctx::current().path.starts_with("/public") {
                "/public"
            } else {
                "/home"
            },
        }
    }

    /// Text of a catalogue key.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_catalogue_keys_become_flash_messages() {
        let tr = Tr::new(Lang::Zh);
        assert_eq!(
            flash_from("/login?flash=login.logged_out", &tr).as_deref(),
            Some("您已安全退出。")
        );
        assert_eq!(flash_from("/login?flash=<script>", &tr), None);
    }
}
