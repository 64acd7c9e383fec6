//! A fixed-window limit per key (a client, a dossier code), for lookups that must not be
//! probed by brute force.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    limit: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter { limit, window, seen: Mutex::new(HashMap::new()) }
    }

    /// Counts one use by `key`: `Ok` if it may go on; else the seconds until it may try again.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.check_scaled(key, 1)
    }

    /// [`RateLimiter::check`] with `factor` times the limit (a kiosk network's many citizens).
    pub fn check_scaled(&self, key: &str, factor: u32) -> Result<(), u64> {
        self.with_entry(key, self.limit.saturating_mul(factor), |entry| entry.1 += 1)
    }

    /// `Ok` while `key` is under its limit, counting nothing (see [`RateLimiter::record`]).
    pub fn allowed(&self, key: &str) -> Result<(), u64> {
        self.allowed_scaled(key, 1)
    }

    pub fn allowed_scaled(&self, key: &str, factor: u32) -> Result<(), u64> {
        self.with_entry(key, self.limit.saturating_mul(factor), |_| ())
    }

    /// Counts one use by `key` (a failed attempt, when only failures are limited).
    pub fn record(&self, key: &str) {
        let _ = self.with_entry(key, u32::MAX, |entry| entry.1 = entry.1.saturating_add(1));
    }

    fn with_entry(&self, key: &str, limit: u32, count: impl FnOnce(&mut (Instant, u32))) -> Result<(), u64> {
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() > 10_000 {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = seen.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            return Err((self.window - now.duration_since(entry.0)).as_secs().max(1));
        }
        count(entry);
        Ok(())
    }
}
