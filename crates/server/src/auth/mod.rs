//! Authentication: password hashes, login with lockout, sessions in the database, the
//! current-user extractor and CSRF checks.

pub mod login;
pub mod password;
pub mod totp;
pub mod viewer;

pub use login::{login, login_region, logout};
pub use viewer::{CsrfForm, Viewer};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "luoshi_session";
/// Name of the cookie holding the pre-login CSRF token (double submit).
pub const LOGIN_CSRF_COOKIE: &str = "luoshi_csrf";
/// Name of the language cookie.
pub const LANG_COOKIE: &str = "luoshi_lang";

/// The stored id of a session token: its SM3 hash, so a leaked database holds no usable token.
pub fn token_id(token: &str) -> String {
    use sm3::{Digest, Sm3};
    crate::ctx::hex(&Sm3::digest(token.as_bytes()))
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, whole site; Secure when configured.
pub fn set_cookie(name: &str, value: &str, max_age_secs: Option<i64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_secs {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue, header::COOKIE};

    #[test]
    fn cookies_are_found_among_several() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("a=1; luoshi_session=abc; b=2"));
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn secrets_compare_by_content_and_length() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
