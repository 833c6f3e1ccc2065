//! Time-based one-time codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, six digits), the
//! optional second factor of the three administrators and the supervision office; the secret
//! is shown as base32 and as an `otpauth://` address for an authenticator app's QR scan.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};

/// Seconds a code lasts.
pub const STEP: i64 = 30;

/// A new secret: 20 random bytes (160 bits, as RFC 4226 recommends), in base32.
pub fn new_secret() -> Result<String, String> {
    let mut k = [0u8; 20];
    getrandom::fill(&mut k).map_err(|e| format!("no randomness: {e}"))?;
    Ok(base32(&k))
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for b in bytes {
        buf = (buf << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buf >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// The bytes of a base32 text (spaces and case ignored); `None` if it is not base32.
pub fn unbase32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = ALPHABET.iter().position(|a| *a as char == c.to_ascii_uppercase())? as u32;
        buf = (buf << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push((buf >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The six-digit code of `secret` (bytes) at time step `step` (RFC 4226's HOTP).
pub fn code_at(secret: &[u8], step: i64) -> u32 {
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(secret) else {
        return u32::MAX;
    };
    mac.update(&(step as u64).to_be_bytes());
    let h = mac.finalize().into_bytes();
    let at = (h[19] & 0x0f) as usize;
    let n = u32::from_be_bytes([h[at] & 0x7f, h[at + 1], h[at + 2], h[at + 3]]);
    n % 1_000_000
}

/// The time step of `now`.
pub fn step_of(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(STEP)
}

/// The step whose code `typed` is, for the base32 `secret`, within one step of `now` either
/// way (a phone's clock a little off); `None` when it is no such code.
pub fn matching_step(secret: &str, typed: &str, now: DateTime<Utc>) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != 6 || !typed.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let code: u32 = typed.parse().ok()?;
    let key = unbase32(secret)?;
    let now = step_of(now);
    (now - 1..=now + 1).find(|s| crate::auth::same_secret(&format!("{:06}", code_at(&key, *s)), &format!("{code:06}")))
}

/// The `otpauth://` address an authenticator app scans.
pub fn uri(issuer: &str, account: &str, secret: &str) -> String {
    let enc = |s: &str| crate::error::urlencode(s);
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period={STEP}",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_test_vectors_in_six_digits() {
        let key = b"12345678901234567890";
        // RFC 6238, appendix B (SHA-1): 94287082, 07081804, 14050471 — the last six digits.
        assert_eq!(code_at(key, 59 / 30), 287_082);
        assert_eq!(code_at(key, 1_111_111_109 / 30), 81_804);
        assert_eq!(code_at(key, 1_111_111_111 / 30), 50_471);
    }

    #[test]
    fn base32_round_trips_and_a_code_matches_within_a_step() {
        let s = base32(b"12345678901234567890");
        assert_eq!(s, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(unbase32(&s.to_lowercase()).unwrap(), b"12345678901234567890");
        let now = DateTime::from_timestamp(1_111_111_111, 0).unwrap();
        let code = format!("{:06}", code_at(b"12345678901234567890", step_of(now)));
        assert_eq!(matching_step(&s, &code, now), Some(step_of(now)));
        assert_eq!(
            matching_step(&s, &code, now + chrono::Duration::seconds(30)),
            Some(step_of(now))
        );
        assert_eq!(matching_step(&s, &code, now + chrono::Duration::seconds(95)), None);
        assert_eq!(matching_step(&s, "12345", now), None);
    }
}
