//! The app's one clock: every date and countdown reads it, never `Date` directly. "Today" is
//! the day in Vietnam (the core's rule, the server's too), whatever zone the device is set to.
//! A whole-page test sets the browser's clock; an in-page test calls [`start_at`].

use std::cell::Cell;

use dvc_core::date::{vietnam_date, vietnam_time, Date};

thread_local! {
    /// Milliseconds added to the device's clock (0 but in tests).
    static SHIFT_MS: Cell<f64> = const { Cell::new(0.0) };
}

/// Milliseconds since 1970 (UTC).
pub fn now_ms() -> f64 {
    js_sys::Date::now() + SHIFT_MS.with(Cell::get)
}

/// Seconds since 1970 (UTC).
pub fn now_unix() -> i64 {
    (now_ms() / 1000.0).floor() as i64
}

/// Today's date in Vietnam.
pub fn today() -> Date {
    vietnam_date(now_unix())
}

/// "27/11/2026 09:05", Vietnam time, of an instant in milliseconds.
pub fn format_ms(ms: f64) -> String {
    vietnam_time((ms / 1000.0).floor() as i64)
}

/// For in-page tests: it is `unix_ms` now, and the clock runs on from there.
pub fn start_at(unix_ms: f64) {
    SHIFT_MS.with(|shift| shift.set(unix_ms - js_sys::Date::now()));
}
