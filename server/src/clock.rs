//! Today's date in Vietnam (UTC+7), whatever the server's time zone.

use std::time::{SystemTime, UNIX_EPOCH};

use dvc_core::date::Date;

pub fn today_in_vietnam() -> Date {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default();
    Date::from_days((seconds + 7 * 3600).div_euclid(86_400))
}

/// Seconds since 1970 (UTC).
pub fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}

/// "27/11/2026 09:05" in Vietnam time.
pub fn vietnam_time(unix: i64) -> String {
    let local = unix + 7 * 3600;
    let date = Date::from_days(local.div_euclid(86_400));
    let minutes = local.rem_euclid(86_400) / 60;
    format!("{date} {:02}:{:02}", minutes / 60, minutes % 60)
}
