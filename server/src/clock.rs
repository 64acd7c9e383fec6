//! Today's date in Vietnam (UTC+7), whatever the server's time zone.

use std::time::{SystemTime, UNIX_EPOCH};

use dvc_core::date::Date;

pub fn today_in_vietnam() -> Date {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default();
    Date::from_days((seconds + 7 * 3600).div_euclid(86_400))
}
