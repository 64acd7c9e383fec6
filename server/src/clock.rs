//! The server's one clock. Every handler reads the time from `AppState::clock`, never from the
//! system, so a test or a demo can set the date: `DVC_CLOCK=2027-02-05T09:00:00+07:00` starts
//! the clock at that instant and lets it run; tests pin it (it then stands still) and move it
//! by hand across midnight, a month's end or Tết.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use dvc_core::date::{vietnam_date, vietnam_time, Date};

#[derive(Clone, Debug)]
pub struct Clock {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// Pinned: `value` is the time itself. Running: `value` is added to the system's time.
    pinned: bool,
    value: AtomicI64,
}

impl Clock {
    /// The system's time.
    pub fn system() -> Clock {
        Clock::running_from(system_now())
    }

    /// Reads `unix` now and runs on in real time from there.
    pub fn running_from(unix: i64) -> Clock {
        Clock { inner: Arc::new(Inner { pinned: false, value: AtomicI64::new(unix - system_now()) }) }
    }

    /// Stands still at `unix` until [`Clock::set`] or [`Clock::advance`] moves it.
    pub fn pinned(unix: i64) -> Clock {
        Clock { inner: Arc::new(Inner { pinned: true, value: AtomicI64::new(unix) }) }
    }

    /// Seconds since 1970 (UTC).
    pub fn now(&self) -> i64 {
        let value = self.inner.value.load(Ordering::Relaxed);
        if self.inner.pinned {
            value
        } else {
            system_now() + value
        }
    }

    /// Today's date in Vietnam (UTC+7), whatever the server's time zone.
    pub fn today(&self) -> Date {
        vietnam_date(self.now())
    }

    /// "27/11/2026 09:05", now, in Vietnam.
    pub fn vietnam_time(&self) -> String {
        vietnam_time(self.now())
    }

    /// Makes it `unix` now (a running clock runs on from there). Every copy of this clock moves.
    pub fn set(&self, unix: i64) {
        let value = if self.inner.pinned { unix } else { unix - system_now() };
        self.inner.value.store(value, Ordering::Relaxed);
    }

    pub fn advance(&self, seconds: i64) {
        self.inner.value.fetch_add(seconds, Ordering::Relaxed);
    }
}

fn system_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dvc_core::date::parse_rfc3339;

    #[test]
    fn a_pinned_clock_stands_still_until_moved() {
        let tet_eve = parse_rfc3339("2027-02-05T23:59:30+07:00").unwrap();
        let clock = Clock::pinned(tet_eve);
        assert_eq!(clock.now(), tet_eve);
        assert_eq!(clock.today(), Date::new(2027, 2, 5).unwrap());
        let copy = clock.clone();
        copy.advance(30);
        assert_eq!(clock.today(), Date::new(2027, 2, 6).unwrap(), "every copy moves: Tết");
        assert_eq!(clock.vietnam_time(), "06/02/2027 00:00");
        clock.set(0);
        assert_eq!(copy.now(), 0);
    }

    #[test]
    fn a_running_clock_starts_where_it_is_told_and_runs_on() {
        let start = parse_rfc3339("2028-02-29T12:00:00+07:00").unwrap();
        let clock = Clock::running_from(start);
        assert!((start..start + 5).contains(&clock.now()));
        assert_eq!(clock.today(), Date::new(2028, 2, 29).unwrap());
        clock.set(start + 86_400);
        assert_eq!(clock.today(), Date::new(2028, 3, 1).unwrap());
        let system = Clock::system();
        assert!((system.now() - system_now()).abs() <= 1);
    }
}
