//! Calendar dates as citizens write them (dd/mm/yyyy), without a clock: the caller says what
//! "today" is, so the core stays testable and the same in the browser and on the server.
//! Instants are seconds since 1970 (UTC); [`vietnam_date`] turns one into the day it is in
//! Vietnam, so the app and the server agree on "today" whatever time zone a device is set to.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not dd/mm/yyyy.
    Format,
    /// dd/mm/yyyy, but no such day (31/02/2020).
    NoSuchDay,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// "05/09/2024" or "5/9/2024" (also with `-` or `.` between the parts).
    pub fn parse_dmy(text: &str) -> Result<Date, DateError> {
        let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
        let [d, m, y] = parts.as_slice() else { return Err(DateError::Format) };
        let digits =
            |s: &str, max_len: usize| !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(d, 2) && digits(m, 2) && y.len() == 4 && digits(y, 4)) {
            return Err(DateError::Format);
        }
        let (d, m, y) = (
            d.parse().map_err(|_| DateError::Format)?,
            m.parse().map_err(|_| DateError::Format)?,
            y.parse().map_err(|_| DateError::Format)?,
        );
        Date::new(y, m, d).ok_or(DateError::NoSuchDay)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - (self.month <= 2) as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + (month <= 2) as i64) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u8
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    /// Whole years from `self` (a birth date) to `on`.
    pub fn years_until(self, on: Date) -> i32 {
        on.year - self.year - ((on.month, on.day) < (self.month, self.day)) as i32
    }
}

impl fmt::Display for Date {
    /// dd/mm/yyyy.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// Vietnam keeps UTC+7 all year round (no daylight saving).
pub const VIETNAM_UTC_OFFSET: i64 = 7 * 3600;

const SECONDS_PER_DAY: i64 = 86_400;

/// The calendar day in Vietnam at `unix` (seconds since 1970, UTC).
pub fn vietnam_date(unix: i64) -> Date {
    Date::from_days((unix + VIETNAM_UTC_OFFSET).div_euclid(SECONDS_PER_DAY))
}

/// "27/11/2026 09:05": the time in Vietnam at `unix`.
pub fn vietnam_time(unix: i64) -> String {
    let local = unix + VIETNAM_UTC_OFFSET;
    let minutes = local.rem_euclid(SECONDS_PER_DAY) / 60;
    format!("{} {:02}:{:02}", vietnam_date(unix), minutes / 60, minutes % 60)
}

/// The instant `hour:minute` Vietnam time on `day`, in seconds since 1970.
pub fn vietnam_instant(day: Date, hour: u8, minute: u8) -> i64 {
    day.to_days() * SECONDS_PER_DAY + i64::from(hour) * 3600 + i64::from(minute) * 60 - VIETNAM_UTC_OFFSET
}

/// An RFC 3339 instant, `2027-02-05T09:00:00+07:00` or `2027-02-04T02:00:00Z` (seconds may be
/// left out, a fraction is dropped), as seconds since 1970. Used to start a clock somewhere.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let number = |s: &str, len: usize| -> Option<i64> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let mut ymd = date.split('-');
    let (y, m, d) = (number(ymd.next()?, 4)?, number(ymd.next()?, 2)?, number(ymd.next()?, 2)?);
    if ymd.next().is_some() {
        return None;
    }
    let day = Date::new(y as i32, m as u8, d as u8)?;
    let (clock, offset) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (clock, zone) = time.split_at(at);
        let (hours, minutes) = zone[1..].split_once(':')?;
        let (hours, minutes) = (number(hours, 2)?, number(minutes, 2)?);
        if hours > 23 || minutes > 59 {
            return None;
        }
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        (clock, sign * (hours * 3600 + minutes * 60))
    };
    let clock = clock.split_once('.').map_or(clock, |(whole, fraction)| {
        if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) {
            whole
        } else {
            ""
        }
    });
    let mut hms = clock.split(':');
    let (h, min) = (number(hms.next()?, 2)?, number(hms.next()?, 2)?);
    let s = match hms.next() {
        Some(s) => number(s, 2)?,
        None => 0,
    };
    if hms.next().is_some() || h > 23 || min > 59 || s > 59 {
        return None;
    }
    Some(day.to_days() * SECONDS_PER_DAY + h * 3600 + min * 60 + s - offset)
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_dd_mm_yyyy() {
        let d = Date::parse_dmy("5/9/2024").unwrap();
        assert_eq!(d, Date { year: 2024, month: 9, day: 5 });
        assert_eq!(d.to_string(), "05/09/2024");
        assert_eq!(Date::parse_dmy(" 29/02/2024 "), Ok(Date { year: 2024, month: 2, day: 29 }));
    }

    #[test]
    fn rejects_other_shapes_and_days_that_do_not_exist() {
        assert_eq!(Date::parse_dmy("2024-09-05x"), Err(DateError::Format));
        assert_eq!(Date::parse_dmy("2024/09/05"), Err(DateError::Format));
        assert_eq!(Date::parse_dmy("05/09/24"), Err(DateError::Format));
        assert_eq!(Date::parse_dmy(""), Err(DateError::Format));
        assert_eq!(Date::parse_dmy("29/02/2023"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_dmy("31/04/2024"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_dmy("00/01/2024"), Err(DateError::NoSuchDay));
    }

    #[test]
    fn day_numbers_round_trip_and_weekdays_are_right() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2026, 11, 27).unwrap().weekday(), 4, "27/11/2026 is a Friday");
        assert_eq!(Date::new(2024, 2, 10).unwrap().weekday(), 5, "Tết 2024 fell on a Saturday");
        assert_eq!(Date::new(2024, 12, 31).unwrap().add_days(1), Date::new(2025, 1, 1).unwrap());
    }

    #[test]
    fn the_day_in_vietnam_turns_at_midnight_utc_plus_7_not_at_midnight_utc() {
        // 17:00 UTC on 31/12/2027 is midnight in Hà Nội: already the new year there.
        let new_year = parse_rfc3339("2027-12-31T17:00:00Z").unwrap();
        assert_eq!(vietnam_date(new_year - 1), Date::new(2027, 12, 31).unwrap());
        assert_eq!(vietnam_date(new_year), Date::new(2028, 1, 1).unwrap());
        assert_eq!(vietnam_time(new_year - 60), "31/12/2027 23:59");
        assert_eq!(vietnam_time(new_year), "01/01/2028 00:00");
        assert_eq!(vietnam_instant(Date::new(2028, 1, 1).unwrap(), 0, 0), new_year);
        // Before 1970 too.
        assert_eq!(vietnam_date(-1), Date::new(1970, 1, 1).unwrap());
        assert_eq!(vietnam_date(-7 * 3600 - 1), Date::new(1969, 12, 31).unwrap());
    }

    #[test]
    fn reads_rfc3339_instants_with_any_offset() {
        let tet_eve = parse_rfc3339("2027-02-05T09:00:00+07:00").unwrap();
        assert_eq!(parse_rfc3339("2027-02-05T02:00:00Z"), Some(tet_eve));
        assert_eq!(parse_rfc3339("2027-02-04T21:00-05:00"), Some(tet_eve));
        assert_eq!(parse_rfc3339("2027-02-05T09:00:00.750+07:00"), Some(tet_eve));
        assert_eq!(vietnam_time(tet_eve), "05/02/2027 09:00");
        assert_eq!(parse_rfc3339("2028-02-29T12:00:00+07:00").map(vietnam_date), Date::new(2028, 2, 29));
        for bad in [
            "",
            "2027-02-05",
            "2027-02-29T09:00:00Z",
            "2027-2-05T09:00:00Z",
            "2027-02-05T24:00:00Z",
            "2027-02-05T09:00:00",
            "2027-02-05T09:00:00+7",
            "2027-02-05T09:00:00.+07:00",
            "2027-02-05T09:00:00+07:00x",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn counts_whole_years_of_age() {
        let born = Date::new(2000, 6, 15).unwrap();
        assert_eq!(born.years_until(Date::new(2018, 6, 14).unwrap()), 17);
        assert_eq!(born.years_until(Date::new(2018, 6, 15).unwrap()), 18);
    }
}
