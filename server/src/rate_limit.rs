//! A fixed-window limit per key (a client, a dossier code), for lookups that must not be
//! probed by brute force. The counters are rows of the store, so every instance behind a load
//! balancer counts into the same ones; each count is one atomic upsert.
//!
//! Windows are aligned on the clock (a minute limit counts from hh:mm:00), keys are kept as
//! SHA-256 digests (a client's address is not written down), and a window's rows are deleted
//! once it has passed.

use sha2::{Digest, Sha256};

use crate::db::Connection;
use crate::error::ApiError;

pub struct RateLimiter {
    /// Which limit the counters belong to: limiters of one name share them.
    name: String,
    limit: u32,
    window: i64,
    /// The store's salt for key digests, read at first use.
    salt: std::sync::OnceLock<String>,
}

impl RateLimiter {
    pub fn new(name: impl Into<String>, limit: u32, window: std::time::Duration) -> RateLimiter {
        RateLimiter { name: name.into(), limit, window: (window.as_secs() as i64).max(1), salt: Default::default() }
    }

    /// Counts one use by `key` at `now`: `Ok` if it may go on; else a 429 saying when to try again.
    pub fn check(&self, c: &Connection, key: &str, now: i64) -> Result<(), ApiError> {
        self.check_scaled(c, key, 1, now)
    }

    /// [`RateLimiter::check`] with `factor` times the limit (a kiosk network's many citizens).
    pub fn check_scaled(&self, c: &Connection, key: &str, factor: u32, now: i64) -> Result<(), ApiError> {
        let start = self.window_start(now);
        let counted = c.rows(
            "INSERT INTO rate_limits (name, key, window_start, used) VALUES (?1, ?2, ?3, 1) \
             ON CONFLICT (name, key, window_start) DO UPDATE SET used = rate_limits.used + 1 \
             WHERE rate_limits.used < ?4 RETURNING used",
            crate::params![self.name, self.digest(c, key)?, start, self.limit.saturating_mul(factor)],
        )?;
        match counted.first().map(|r| r.get::<_, i64>(0)).transpose()? {
            Some(1) => self.forget_before(c, start),
            Some(_) => Ok(()),
            None => Err(self.refusal(now)),
        }
    }

    /// `Ok` while `key` is under its limit, counting nothing (see [`RateLimiter::record`]).
    pub fn allowed(&self, c: &Connection, key: &str, now: i64) -> Result<(), ApiError> {
        self.allowed_scaled(c, key, 1, now)
    }

    pub fn allowed_scaled(&self, c: &Connection, key: &str, factor: u32, now: i64) -> Result<(), ApiError> {
        let used: i64 = c
            .rows(
                "SELECT used FROM rate_limits WHERE name = ?1 AND key = ?2 AND window_start = ?3",
                crate::params![self.name, self.digest(c, key)?, self.window_start(now)],
            )?
            .first()
            .map(|r| r.get(0))
            .transpose()?
            .unwrap_or(0);
        if used >= i64::from(self.limit.saturating_mul(factor)) {
            return Err(self.refusal(now));
        }
        Ok(())
    }

    /// Counts one use by `key` (a failed attempt, when only failures are limited).
    pub fn record(&self, c: &Connection, key: &str, now: i64) -> Result<(), ApiError> {
        let start = self.window_start(now);
        let used: i64 = c.query_row(
            "INSERT INTO rate_limits (name, key, window_start, used) VALUES (?1, ?2, ?3, 1) \
             ON CONFLICT (name, key, window_start) DO UPDATE SET used = rate_limits.used + 1 RETURNING used",
            crate::params![self.name, self.digest(c, key)?, start],
            |r| r.get(0),
        )?;
        if used == 1 {
            self.forget_before(c, start)?;
        }
        Ok(())
    }

    fn window_start(&self, now: i64) -> i64 {
        now - now.rem_euclid(self.window)
    }

    fn refusal(&self, now: i64) -> ApiError {
        ApiError::TooManyRequests((self.window_start(now) + self.window - now).max(1) as u64)
    }

    /// Deletes this limit's counters of windows before `start` (done when a window's first
    /// row is written, so once per key and window at most).
    fn forget_before(&self, c: &Connection, start: i64) -> Result<(), ApiError> {
        c.execute("DELETE FROM rate_limits WHERE name = ?1 AND window_start < ?2", crate::params![self.name, start])?;
        Ok(())
    }

    /// The key as stored: a digest salted with the store's own random salt, so neither the
    /// table nor a guess at an address (there are only 2^32 IPv4 ones) tells whose counter a
    /// row is. Every instance sharing the store reads the same salt, so they count into the
    /// same rows; each limiter reads it once.
    fn digest(&self, c: &Connection, key: &str) -> Result<String, ApiError> {
        let salt = match self.salt.get() {
            Some(salt) => salt,
            None => {
                c.execute(
                    "INSERT INTO meta (key, value) VALUES ('rate_limit_salt', ?1) ON CONFLICT (key) DO NOTHING",
                    crate::params![crate::random::token()],
                )?;
                let salt: String =
                    c.query_row("SELECT value FROM meta WHERE key = 'rate_limit_salt'", crate::params![], |r| {
                        r.get(0)
                    })?;
                self.salt.get_or_init(|| salt)
            }
        };
        let mut hasher = Sha256::new();
        hasher.update(salt.as_bytes());
        hasher.update(key.as_bytes());
        Ok(hasher.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::RateLimiter;
    use crate::db::Db;
    use crate::error::ApiError;
    use sha2::{Digest, Sha256};
    use std::time::Duration;

    #[test]
    fn a_window_counts_to_its_limit_then_refuses_until_the_next_one() {
        let db = Db::open_in_memory().unwrap();
        let limit = RateLimiter::new("test", 3, Duration::from_secs(60));
        db.with(|c| {
            // 10:00:30: three pass, the fourth waits the 30 s left of the minute.
            let now = 1_800_000_030;
            for _ in 0..3 {
                limit.check(c, "203.0.113.7", now).unwrap();
            }
            assert!(matches!(limit.check(c, "203.0.113.7", now), Err(ApiError::TooManyRequests(30))));
            limit.check(c, "203.0.113.8", now).expect("another client counts apart");
            limit.check(c, "203.0.113.7", now + 30).expect("the next minute starts afresh");
            let kept: i64 = c.query_row("SELECT count(*) FROM rate_limits", crate::params![], |r| r.get(0)).unwrap();
            assert_eq!(kept, 1, "the passed minute's counters are deleted");
            let stored: String = c.query_row("SELECT key FROM rate_limits", crate::params![], |r| r.get(0)).unwrap();
            assert!(!stored.contains("203.0.113"), "no address is stored: {stored}");
            let unsalted: String = Sha256::digest(b"203.0.113.7").iter().take(16).map(|b| format!("{b:02x}")).collect();
            assert_ne!(stored, unsalted, "a guessed address's plain digest does not find its row");
        });
    }

    #[test]
    fn recorded_failures_close_the_door_that_allowed_checks() {
        let db = Db::open_in_memory().unwrap();
        let limit = RateLimiter::new("failures", 2, Duration::from_secs(900));
        db.with(|c| {
            let now = 1_800_000_000;
            limit.allowed(c, "H62-270310-0001", now).unwrap();
            limit.record(c, "H62-270310-0001", now).unwrap();
            limit.allowed(c, "H62-270310-0001", now).expect("one failure of two");
            limit.record(c, "H62-270310-0001", now).unwrap();
            assert!(limit.allowed(c, "H62-270310-0001", now).is_err());
            assert!(limit.allowed_scaled(c, "H62-270310-0001", 20, now).is_ok(), "a kiosk's larger budget");
        });
    }
}
