//! Working days, for appointment dates (ngày hẹn trả kết quả): Monday to Friday, less the
//! public holidays of the Labour Code 2019 (art. 112) and the days off that replace holidays
//! falling on a weekend.
//!
//! Holidays: 1/1; Tết, five days (the eve of the lunar new year and its first four days);
//! Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and one day next to it (the day before when
//! that joins a weekend, else the day after). The government fixes each year's exact days off
//! by decision; a province can add those with [`HolidayCalendar::with_days_off`].

use std::collections::BTreeSet;

use crate::date::Date;
use crate::lunar;

#[derive(Clone, Debug, Default)]
pub struct HolidayCalendar {
    /// Extra days off decided for a given year (and working days swapped away).
    extra_days_off: BTreeSet<Date>,
}

impl HolidayCalendar {
    pub fn new() -> HolidayCalendar {
        HolidayCalendar::default()
    }

    /// Adds days off published for a year (an official Tết schedule, a swapped day).
    pub fn with_days_off(mut self, days: impl IntoIterator<Item = Date>) -> HolidayCalendar {
        self.extra_days_off.extend(days);
        self
    }

    /// The public holidays of `year` by law, before weekend compensation.
    pub fn statutory_holidays(year: i32) -> Vec<Date> {
        let d = |month, day| Date::new(year, month, day).expect("a fixed holiday exists every year");
        let tet = lunar::tet(year);
        let national_day = d(9, 2);
        // Tuesday: take Monday 1/9 to join the weekend; otherwise the day after.
        let next_to_national_day = if national_day.weekday() == 1 { d(9, 1) } else { d(9, 3) };
        let mut days =
            vec![d(1, 1), lunar::hung_kings_day(year), d(4, 30), d(5, 1), national_day, next_to_national_day];
        days.extend((-1..=3).map(|i| tet.add_days(i)));
        days.sort_unstable();
        days
    }

    /// Every day off in `year` other than weekends: holidays, the working days that replace
    /// holidays falling on a weekend, and the extra days given.
    pub fn days_off(&self, year: i32) -> BTreeSet<Date> {
        let holidays = HolidayCalendar::statutory_holidays(year);
        let mut off: BTreeSet<Date> = holidays.iter().copied().collect();
        for h in &holidays {
            if h.is_weekend() {
                // The next working day that is not already off.
                let mut day = h.add_days(1);
                while day.is_weekend() || off.contains(&day) {
                    day = day.add_days(1);
                }
                off.insert(day);
            }
        }
        off.extend(self.extra_days_off.iter().filter(|d| d.year == year));
        off
    }

    pub fn is_working_day(&self, day: Date) -> bool {
        !day.is_weekend() && !self.days_off(day.year).contains(&day) && !self.spill_over(day)
    }

    /// A compensation day pushed into January by holidays at the end of December.
    fn spill_over(&self, day: Date) -> bool {
        day.month == 1 && self.days_off(day.year - 1).contains(&day)
    }

    /// The appointment date for a dossier received on `received` that takes `days` working
    /// days: counted from the first working day on or after reception (a dossier filed online
    /// on a Sunday is received on Monday); 0 days means that day.
    pub fn add_working_days(&self, received: Date, days: u32) -> Date {
        let mut day = received;
        while !self.is_working_day(day) {
            day = day.add_days(1);
        }
        let mut left = days;
        while left > 0 {
            day = day.add_days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not later.
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        let mut n = 0;
        let mut day = from;
        while day < to {
            day = day.add_days(1);
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date::new(year, month, day).unwrap()
    }

    #[test]
    fn tet_2026_takes_the_published_five_working_days() {
        // Official schedule: off from Saturday 14/02 to Sunday 22/02/2026, i.e. Monday 16 to Friday 20.
        let cal = HolidayCalendar::new();
        for day in 16..=20 {
            assert!(!cal.is_working_day(d(2026, 2, day)), "{day}/02/2026 is off");
        }
        assert!(cal.is_working_day(d(2026, 2, 13)), "Friday before Tết is worked");
        assert!(cal.is_working_day(d(2026, 2, 23)), "work resumes on Monday 23/02");
    }

    #[test]
    fn a_dossier_received_before_tet_waits_through_it() {
        let cal = HolidayCalendar::new();
        // Received Friday 13/02/2026, 3 working days: 23, 24, 25/02.
        assert_eq!(cal.add_working_days(d(2026, 2, 13), 3), d(2026, 2, 25));
        assert_eq!(cal.working_days_between(d(2026, 2, 13), d(2026, 2, 25)), 3);
    }

    #[test]
    fn holidays_on_a_weekend_give_the_next_working_day_off() {
        // 2024: Tết on Saturday 10/02; the eve Friday 9 and Monday 12, Tuesday 13 are holidays;
        // Saturday 10 and Sunday 11 move to Wednesday 14 and Thursday 15.
        let off = HolidayCalendar::new().days_off(2024);
        for day in [9, 12, 13, 14, 15] {
            assert!(off.contains(&d(2024, 2, day)), "{day}/02/2024");
        }
        assert!(!off.contains(&d(2024, 2, 16)));
        // 1/1/2023 was a Sunday: Monday 2/1 off.
        assert!(HolidayCalendar::new().days_off(2023).contains(&d(2023, 1, 2)));
    }

    #[test]
    fn fixed_holidays_and_national_day_pairs() {
        let cal = HolidayCalendar::new();
        assert!(!cal.is_working_day(d(2025, 4, 30)));
        assert!(!cal.is_working_day(d(2025, 5, 1)));
        // 2025: 2/9 a Tuesday, so Monday 1/9 is the second day (as decided that year).
        assert!(!cal.is_working_day(d(2025, 9, 1)));
        assert!(!cal.is_working_day(d(2025, 9, 2)));
        assert!(cal.is_working_day(d(2025, 9, 3)));
        // 2024: 2/9 a Monday, so Tuesday 3/9 (as decided that year).
        assert!(!cal.is_working_day(d(2024, 9, 3)));
        // Giỗ Tổ 2025: Monday 07/04.
        assert!(!cal.is_working_day(d(2025, 4, 7)));
    }

    #[test]
    fn filed_on_a_sunday_counts_from_monday_and_zero_days_is_that_day() {
        let cal = HolidayCalendar::new();
        // Sunday 22/11/2026 → received Monday 23; 2 working days → Wednesday 25.
        assert_eq!(cal.add_working_days(d(2026, 11, 22), 2), d(2026, 11, 25));
        assert_eq!(cal.add_working_days(d(2026, 11, 22), 0), d(2026, 11, 23));
        assert_eq!(cal.add_working_days(d(2026, 11, 27), 0), d(2026, 11, 27));
    }

    #[test]
    fn tet_2027_from_its_eve_the_holiday_and_its_two_weekend_days_moved_on() {
        // Tết 2027 is Saturday 06/02. Off: the eve (Friday 5), Saturday 6 to Tuesday 9, and
        // Wednesday 10 and Thursday 11 for the Saturday and Sunday. Work resumes Friday 12.
        let cal = HolidayCalendar::new();
        assert_eq!(lunar::tet(2027), d(2027, 2, 6));
        assert!(cal.is_working_day(d(2027, 2, 4)));
        for day in 5..=11 {
            assert!(!cal.is_working_day(d(2027, 2, day)), "{day}/02/2027 is off");
        }
        assert!(cal.is_working_day(d(2027, 2, 12)));
        // Filed online on the eve: received on Friday 12, so 1 day → Monday 15, 7 days → Tuesday 23.
        assert_eq!(cal.add_working_days(d(2027, 2, 5), 0), d(2027, 2, 12));
        assert_eq!(cal.add_working_days(d(2027, 2, 5), 1), d(2027, 2, 15));
        assert_eq!(cal.add_working_days(d(2027, 2, 5), 7), d(2027, 2, 23));
        // Asked on Thursday 04/02 for documents within 5 working days: 12, 15, 16, 17, 18.
        assert_eq!(cal.add_working_days(d(2027, 2, 4), 5), d(2027, 2, 18));
    }

    #[test]
    fn friday_before_a_new_year_on_a_saturday_skips_the_monday_given_for_it() {
        // 01/01/2028 is a Saturday, so Monday 03/01 is off instead; Friday 31/12/2027 is worked.
        let cal = HolidayCalendar::new();
        assert_eq!(d(2027, 12, 31).weekday(), 4);
        assert!(cal.is_working_day(d(2027, 12, 31)));
        assert!(!cal.is_working_day(d(2028, 1, 3)));
        assert_eq!(cal.add_working_days(d(2027, 12, 31), 1), d(2028, 1, 4));
        assert_eq!(cal.add_working_days(d(2027, 12, 31), 7), d(2028, 1, 12));
        assert_eq!(cal.working_days_between(d(2027, 12, 31), d(2028, 1, 4)), 1);
        // Filed on New Year's Day itself: received Tuesday 04/01.
        assert_eq!(cal.add_working_days(d(2028, 1, 1), 0), d(2028, 1, 4));
        assert_eq!(cal.add_working_days(d(2028, 1, 1), 1), d(2028, 1, 5));
    }

    #[test]
    fn the_29th_of_february_and_the_first_of_a_month_are_ordinary_working_days() {
        let cal = HolidayCalendar::new();
        // Tuesday 29/02/2028: one day → Wednesday 01/03; seven → Thursday 09/03.
        assert_eq!(cal.add_working_days(d(2028, 2, 29), 1), d(2028, 3, 1));
        assert_eq!(cal.add_working_days(d(2028, 2, 29), 7), d(2028, 3, 9));
        assert_eq!(cal.add_working_days(d(2028, 2, 28), 1), d(2028, 2, 29));
        // Tuesday 01/12/2026: one day → 02/12; seven → Thursday 10/12; the day before, Monday
        // 30/11, one day → the 1st.
        assert_eq!(cal.add_working_days(d(2026, 12, 1), 1), d(2026, 12, 2));
        assert_eq!(cal.add_working_days(d(2026, 12, 1), 7), d(2026, 12, 10));
        assert_eq!(cal.add_working_days(d(2026, 11, 30), 1), d(2026, 12, 1));
    }

    #[test]
    fn published_extra_days_off_are_honoured() {
        let cal = HolidayCalendar::new().with_days_off([d(2024, 2, 8)]);
        assert!(!cal.is_working_day(d(2024, 2, 8)), "2024 also took Thursday 8/02, swapped with a Saturday");
        assert!(HolidayCalendar::new().is_working_day(d(2024, 2, 8)));
    }
}
