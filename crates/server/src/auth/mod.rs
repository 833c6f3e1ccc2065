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

/// The login form's CSRF token for the pre-login cookie's `nonce`: an HMAC of it under the
/// server's key (the audit key, with a label of its own), so that a cookie someone else managed
/// to plant on the browser comes with no token they could write into a forged form.
pub fn login_form_token(state: &crate::AppState, nonce: &str) -> String {
    use hmac::Mac;
    static SPARE: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    let key: &[u8] = match state.store.audit_key() {
        Some(k) => &k.0,
        None => SPARE.get_or_init(|| {
            let mut k = [0u8; 32];
            let _ = getrandom::fill(&mut k);
            k
        }),
    };
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(b"luoshi login csrf\0");
    mac.update(nonce.as_bytes());
    crate::ctx::hex(&mac.finalize().into_bytes())
}

/// Whether a login-page form's `token` is the one of the browser's pre-login cookie.
pub fn login_token_ok(state: &crate::AppState, headers: &axum::http::HeaderMap, token: &str) -> bool {
    match cookie(headers, LOGIN_CSRF_COOKIE) {
        Some(nonce) if !nonce.is_empty() => same_secret(&login_form_token(state, nonce), token),
        _ => false,
    }
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
