//! The Vietnamese lunisolar calendar, for the holidays that follow it (Tết, Giỗ Tổ Hùng
//! Vương). Astronomical new moons and solar terms computed for UTC+7, after the published
//! algorithm of Hồ Ngọc Đức (the one Vietnamese calendars use); the 1968 and 1985 splits
//! from the Chinese calendar come out right because the time zone is Hanoi's.

use std::f64::consts::PI;

use crate::date::Date;

const TIME_ZONE: f64 = 7.0;
/// Julian day number of 1970-01-01.
const JD_UNIX_EPOCH: i64 = 2_440_588;

fn jd(date: Date) -> i64 {
    date.to_days() + JD_UNIX_EPOCH
}

fn from_jd(jd: i64) -> Date {
    Date::from_days(jd - JD_UNIX_EPOCH)
}

/// Day (Julian day number, local time) of the k-th new moon after 1900-01-01.
fn new_moon_day(k: i64) -> i64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 -= 0.4068 * (mpr * dr).sin() - 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 += 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 -= 0.0074 * (dr * (m - mpr)).sin() - 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 -= 0.0004 * (dr * (2.0 * f - m)).sin() + 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 += 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    (jd1 + c1 - delta_t + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// Which of the 12 thirty-degree arcs the sun is in at the start of a day.
fn sun_longitude_sector(jdn: i64) -> i64 {
    let t = (jdn as f64 - 2_451_545.5 - TIME_ZONE / 24.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= 2.0 * PI * (l / (2.0 * PI)).floor();
    (l / PI * 6.0).floor() as i64
}

/// The day the 11th lunar month (the one holding the winter solstice) starts, of `year`.
fn lunar_month_11(year: i32) -> i64 {
    let off = jd(Date { year, month: 12, day: 31 }) - 2_415_021;
    let k = (off as f64 / 29.530_588_853).floor() as i64;
    let nm = new_moon_day(k);
    if sun_longitude_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_longitude_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_longitude_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The solar date of a lunar date (not a leap month) of lunar year `year`.
pub fn lunar_to_solar(day: u8, month: u8, year: i32) -> Date {
    let (a11, b11) = if month < 11 {
        (lunar_month_11(year - 1), lunar_month_11(year))
    } else {
        (lunar_month_11(year), lunar_month_11(year + 1))
    };
    let k = (0.5 + (a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853).floor() as i64;
    let mut off = month as i64 - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 && off >= leap_month_offset(a11) {
        off += 1;
    }
    from_jd(new_moon_day(k + off) + day as i64 - 1)
}

/// Tết Nguyên Đán: the first day of the first lunar month of `year`.
pub fn tet(year: i32) -> Date {
    lunar_to_solar(1, 1, year)
}

/// Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month.
pub fn hung_kings_day(year: i32) -> Date {
    lunar_to_solar(10, 3, year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date::new(year, month, day).unwrap()
    }

    #[test]
    fn tet_falls_on_the_published_dates() {
        let published = [
            (2020, d(2020, 1, 25)),
            (2021, d(2021, 2, 12)),
            (2022, d(2022, 2, 1)),
            (2023, d(2023, 1, 22)),
            (2024, d(2024, 2, 10)),
            (2025, d(2025, 1, 29)),
            (2026, d(2026, 2, 17)),
            (2027, d(2027, 2, 6)),
            (2028, d(2028, 1, 26)),
            (2029, d(2029, 2, 13)),
        ];
        for (year, date) in published {
            assert_eq!(tet(year), date, "Tết {year}");
        }
    }

    #[test]
    fn vietnam_and_china_differ_where_the_time_zone_says_so() {
        // 1985: Tết in Vietnam on 21/01, a month before the Chinese new year (20/02).
        assert_eq!(tet(1985), d(1985, 1, 21));
    }

    #[test]
    fn hung_kings_day_falls_on_the_published_dates() {
        assert_eq!(hung_kings_day(2024), d(2024, 4, 18));
        assert_eq!(hung_kings_day(2025), d(2025, 4, 7));
        assert_eq!(hung_kings_day(2026), d(2026, 4, 26));
    }
}
