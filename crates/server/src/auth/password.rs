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

/// The password policy (configurable: `password_*` settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Shortest length, in characters.
    pub min_length: usize,
    /// Kinds of character to mix, of lower case, upper case, digits and symbols.
    pub min_classes: usize,
    /// How many of the account's last passwords a new one may not be.
    pub history: i64,
    /// Days a password lasts (0: for ever).
    pub max_age_days: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_length: 8,
            min_classes: 3,
            history: 5,
            max_age_days: 0,
        }
    }
}

impl Policy {
    /// What the policy asks, in words.
    pub fn words(&self) -> (String, String) {
        (
            format!(
                "密码至少{}位，且须包含大写字母、小写字母、数字、符号中的至少{}种",
                self.min_length, self.min_classes
            ),
            format!(
                "A password needs at least {} characters mixing at least {} of: upper case, lower case, digits, symbols",
                self.min_length, self.min_classes
            ),
        )
    }

    /// Whether a password set at `changed_at` must be changed at `now` (set by someone else,
    /// or older than the policy allows).
    pub fn must_change(
        &self,
        changed_at: Option<chrono::DateTime<chrono::Utc>>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> bool {
        match changed_at {
            None => true,
            Some(at) => self.max_age_days > 0 && now - at > chrono::Duration::days(self.max_age_days),
        }
    }
}

/// What is wrong with `password` under `policy`, if anything.
pub fn password_problem(password: &str, policy: &Policy) -> Option<luoshi_domain::ValidationError> {
    let long = password.chars().count() >= policy.min_length;
    let classes = [
        password.chars().any(|c| c.is_lowercase()),
        password.chars().any(|c| c.is_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    let hidden = password.chars().any(|c| c.is_control());
    (!long || classes < policy.min_classes || hidden).then(|| {
        let (zh, en) = policy.words();
        luoshi_domain::ValidationError::new("password", luoshi_domain::codes::PASSWORD_TOO_WEAK, zh, en)
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
        assert!(password_problem(&a, &Policy::default()).is_none(), "{a}");
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(a, generate().unwrap());
    }

    #[test]
    fn weak_passwords_are_named_with_the_policy_in_words() {
        let p = Policy::default();
        assert!(password_problem("Short1", &p).is_some());
        assert!(password_problem("longbutnodigits", &p).is_some());
        assert!(password_problem("luoshi2020", &p).is_some(), "two kinds of character");
        assert!(password_problem("Luoshi2020", &p).is_none());
        assert!(password_problem("luoshi@2020", &p).is_none());
        let e = password_problem("abc", &p).unwrap();
        assert!(e.message(luoshi_domain::Lang::Zh).contains("至少8位"));
        let loose = Policy { min_classes: 2, ..p };
        assert!(password_problem("luoshi2020", &loose).is_none());
    }

    #[test]
    fn a_password_set_by_someone_else_or_too_old_must_be_changed() {
        let now = chrono::Utc::now();
        let p = Policy {
            max_age_days: 90,
            ..Policy::default()
        };
        assert!(p.must_change(None, now));
        assert!(!p.must_change(Some(now - chrono::Duration::days(89)), now));
        assert!(p.must_change(Some(now - chrono::Duration::days(91)), now));
        assert!(!Policy::default().must_change(Some(now - chrono::Duration::days(900)), now));
    }
}
