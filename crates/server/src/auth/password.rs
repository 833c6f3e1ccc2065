//! Password hashing with argon2id (its default parameters: 19 MiB, 2 passes).

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};

/// The PHC string of a new hash of `password`.
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("password hashing failed: {e}"))
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Checks `password` against `phc` off the request threads, at most one check per core at a
/// time: each takes 19 MiB for its duration, so the 9 o'clock rush of logins queues here rather
/// than growing the server's memory by that much per login in flight. `None` if the check's
/// thread failed.
pub async fn check(password: &str, phc: &str) -> Option<bool> {
    let _permit = checks().acquire().await.ok()?;
    let (pw, phc) = (password.to_string(), phc.to_string());
    tokio::task::spawn_blocking(move || verify_password(&pw, &phc))
        .await
        .ok()
}

/// One permit per core for [`check`].
fn checks() -> &'static tokio::sync::Semaphore {
    static CHECKS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    CHECKS.get_or_init(|| tokio::sync::Semaphore::new(cores()))
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// A valid hash of an unguessable password, verified against when the user name is unknown so
/// that a wrong name takes as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$rRBoZ0+gcP2ksY7sw4YmvD0LtSNXZ3VvKrxQxCwBDFY"
}

/// Password rules: at least 8 characters with letters and digits.
pub fn password_problem(password: &str) -> Option<luoshi_domain::ValidationError> {
    let long = password.chars().count() >= 8;
    let letters = password.chars().any(|c| c.is_alphabetic());
    let digits = password.chars().any(|c| c.is_ascii_digit());
    (!(long && letters && digits)).then(|| {
        luoshi_domain::ValidationError::new(
            "password",
            luoshi_domain::codes::PASSWORD_TOO_WEAK,
            "密码至少8位，且须同时包含字母和数字",
            "The password needs at least 8 characters with both letters and digits",
        )
    })
}

/// Letters and digits that cannot be misread when a password is read out or copied from paper
/// (no 0/O, 1/l/I).
const PLAIN: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/// A new password to hand to someone once (an account the administrator made or reset, the
/// first accounts of `luoshi init`): twelve characters with upper- and lower-case letters and
/// digits, from the operating system's randomness.
pub fn generate() -> Result<String, String> {
    loop {
        let mut bytes = [0u8; 48];
        getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
        // Rejection sampling keeps every character equally likely.
        let limit = 256 - 256 % PLAIN.len();
        let pw: String = bytes
            .iter()
            .filter(|b| (**b as usize) < limit)
            .take(12)
            .map(|b| PLAIN[*b as usize % PLAIN.len()] as char)
            .collect();
        let classes = [
            pw.chars().any(|c| c.is_ascii_uppercase()),
            pw.chars().any(|c| c.is_ascii_lowercase()),
            pw.chars().any(|c| c.is_ascii_digit()),
        ];
        if pw.len() == 12 && classes.iter().all(|x| *x) {
            return Ok(pw);
        }
    }
}

/// Hashes `password` off the request threads (tens of milliseconds of a core each).
pub async fn hash_off_thread(password: &str) -> Result<String, String> {
    let pw = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&pw))
        .await
        .map_err(|e| e.to_string())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash_password("Luoshi2020").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("Luoshi2020", &h));
        assert!(!verify_password("luoshi2020", &h));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn logins_at_once_queue_for_the_cores_and_each_gets_its_own_answer() {
        let h = hash_password("Luoshi2020").unwrap();
        let n = 2 * cores() + 2;
        let runs: Vec<_> = (0..n)
            .map(|i| {
                let h = h.clone();
                tokio::spawn(async move {
                    let pw = if i % 2 == 0 { "Luoshi2020" } else { "wrong2020" };
                    (i, check(pw, &h).await)
                })
            })
            .collect();
        for r in runs {
            let (i, answer) = r.await.unwrap();
            assert_eq!(answer, Some(i % 2 == 0), "login {i}");
        }
        // Every permit is back: the next rush gets the same number of cores.
        assert_eq!(checks().available_permits(), cores());
    }

    #[test]
    fn a_malformed_hash_never_matches() {
        assert!(!verify_password("x", "not a hash"));
        assert!(!verify_password("", dummy_hash()));
    }

    #[test]
    fn a_generated_password_meets_the_rules_and_differs_each_time() {
        let a = generate().unwrap();
        assert_eq!(a.len(), 12);
        assert!(password_problem(&a).is_none(), "{a}");
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(a, generate().unwrap());
    }

    #[test]
    fn weak_passwords_are_named() {
        assert!(password_problem("short1").is_some());
        assert!(password_problem("longbutnodigits").is_some());
        assert!(password_problem("Luoshi2020").is_none());
    }
}
