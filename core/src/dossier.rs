//! Dossiers (hồ sơ), docs/domain.md, "Dossiers": the national status codes and the provincial
//! dossier code.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// TrangThaiHoSo of the national synchronisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[repr(u8)]
pub enum DossierStatus {
    NewlyRegistered = 1,
    Accepted = 2,
    Rejected = 3,
    Processing = 4,
    SupplementRequested = 5,
    FeeRequired = 6,
    WithdrawalRequested = 7,
    Stopped = 8,
    Processed = 9,
    ResultReturned = 10,
}

impl DossierStatus {
    pub const ALL: [DossierStatus; 10] = [
        DossierStatus::NewlyRegistered,
        DossierStatus::Accepted,
        DossierStatus::Rejected,
        DossierStatus::Processing,
        DossierStatus::SupplementRequested,
        DossierStatus::FeeRequired,
        DossierStatus::WithdrawalRequested,
        DossierStatus::Stopped,
        DossierStatus::Processed,
        DossierStatus::ResultReturned,
    ];

    /// The national code, 1–10.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<DossierStatus> {
        DossierStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The national name.
    pub fn name_vi(self) -> &'static str {
        match self {
            DossierStatus::NewlyRegistered => "Mới đăng ký",
            DossierStatus::Accepted => "Được tiếp nhận",
            DossierStatus::Rejected => "Không được tiếp nhận",
            DossierStatus::Processing => "Đang xử lý",
            DossierStatus::SupplementRequested => "Yêu cầu bổ sung giấy tờ",
            DossierStatus::FeeRequired => "Yêu cầu thực hiện nghĩa vụ tài chính",
            DossierStatus::WithdrawalRequested => "Công dân yêu cầu rút hồ sơ",
            DossierStatus::Stopped => "Dừng xử lý",
            DossierStatus::Processed => "Đã xử lý xong",
            DossierStatus::ResultReturned => "Đã trả kết quả",
        }
    }

    /// The national name in English, for the English UI.
    pub fn name_en(self) -> &'static str {
        match self {
            DossierStatus::NewlyRegistered => "Newly registered",
            DossierStatus::Accepted => "Accepted",
            DossierStatus::Rejected => "Not accepted",
            DossierStatus::Processing => "Being processed",
            DossierStatus::SupplementRequested => "More documents requested",
            DossierStatus::FeeRequired => "Fee to be paid",
            DossierStatus::WithdrawalRequested => "Withdrawal requested by the citizen",
            DossierStatus::Stopped => "Processing stopped",
            DossierStatus::Processed => "Processed",
            DossierStatus::ResultReturned => "Result returned",
        }
    }

    /// No further processing happens (overdue no longer applies).
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            DossierStatus::Rejected | DossierStatus::Stopped | DossierStatus::Processed | DossierStatus::ResultReturned
        )
    }
}

/// Why a status change is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.vi())]
pub struct IllegalTransition {
    pub from: DossierStatus,
    pub to: DossierStatus,
}

impl IllegalTransition {
    /// The reason, in Vietnamese.
    pub fn vi(&self) -> String {
        let to = self.to;
        let why = match to {
            DossierStatus::WithdrawalRequested => {
                "chỉ rút được hồ sơ khi hồ sơ mới đăng ký, đã tiếp nhận, đang xử lý hoặc đang chờ bổ sung".to_owned()
            }
            _ if self.from.is_finished() => "hồ sơ đã kết thúc".to_owned(),
            _ => format!("từ “{}” chỉ chuyển được sang: {}", self.from.name_vi(), list(self.from.next())),
        };
        format!("Không thể chuyển hồ sơ từ “{}” sang “{}”: {why}.", self.from.name_vi(), to.name_vi())
    }
}

fn list(statuses: &[DossierStatus]) -> String {
    if statuses.is_empty() {
        return "không trạng thái nào".to_owned();
    }
    statuses.iter().map(|s| format!("“{}”", s.name_vi())).collect::<Vec<_>>().join(", ")
}

impl DossierStatus {
    /// Where a dossier may go from here (docs/domain.md, "Dossiers", as the one-stop-shop
    /// systems apply it): received → accepted or rejected; accepted → processing; processing →
    /// supplement requested, fee required, stopped or processed; back to processing once the
    /// citizen supplements or pays; processed → result returned; a withdrawal request from new,
    /// accepted, processing or supplement requested, which the office ends by stopping.
    pub fn next(self) -> &'static [DossierStatus] {
        use DossierStatus::*;
        match self {
            NewlyRegistered => &[Accepted, Rejected, WithdrawalRequested],
            Accepted => &[Processing, WithdrawalRequested],
            Processing => &[SupplementRequested, FeeRequired, Stopped, Processed, WithdrawalRequested],
            SupplementRequested => &[Processing, WithdrawalRequested],
            FeeRequired => &[Processing],
            WithdrawalRequested => &[Stopped],
            Processed => &[ResultReturned],
            Rejected | Stopped | ResultReturned => &[],
        }
    }

    /// Checks a status change against [`DossierStatus::next`].
    pub fn move_to(self, to: DossierStatus) -> Result<DossierStatus, IllegalTransition> {
        if self.next().contains(&to) {
            Ok(to)
        } else {
            Err(IllegalTransition { from: self, to })
        }
    }
}

/// Overdue (quá hạn) is derived, not a status: the appointment day has passed and the
/// dossier is not finished. On the appointment day itself it is still on time.
pub fn is_overdue(status: DossierStatus, appointment: Date, today: Date) -> bool {
    !status.is_finished() && status != DossierStatus::WithdrawalRequested && today > appointment
}

/// `<receiving agency>-yyMMdd-NNNN`, e.g. `000.00.53.H48-220921-0099`: the agency's id, the
/// day received, the day's sequence number, four digits; an agency's 10,000th dossier of a
/// day takes a fifth (`-10000`) rather than being refused.
pub fn dossier_code(agency_id: &str, received: Date, sequence: u32) -> Option<String> {
    (sequence >= 1).then(|| {
        format!(
            "{agency_id}-{:02}{:02}{:02}-{sequence:04}",
            received.year.rem_euclid(100),
            received.month,
            received.day
        )
    })
}

/// The parts of a dossier code (the year read as 20yy); the agency's id is letters, digits and
/// dots, so a text that only ends with a code (an address) is not one.
pub fn parse_dossier_code(code: &str) -> Option<(&str, Date, u32)> {
    let (rest, seq) = code.rsplit_once('-')?;
    let (agency, ymd) = rest.rsplit_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let sequence_digits = seq.len() >= 4
        && seq.len() <= 10
        && seq.bytes().all(|b| b.is_ascii_digit())
        && (seq.len() == 4 || !seq.starts_with('0'));
    let agency_id = !agency.is_empty() && agency.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
    if !agency_id || !digits(ymd, 6) || !sequence_digits {
        return None;
    }
    let (yy, mm, dd) = (ymd[0..2].parse::<i32>().ok()?, ymd[2..4].parse().ok()?, ymd[4..6].parse().ok()?);
    let sequence: u32 = seq.parse().ok()?;
    (sequence >= 1).then_some(())?;
    Some((agency, Date::new(2000 + yy, mm, dd)?, sequence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_follow_the_national_table() {
        assert_eq!(DossierStatus::NewlyRegistered.code(), 1);
        assert_eq!(DossierStatus::FeeRequired.code(), 6);
        assert_eq!(DossierStatus::ResultReturned.code(), 10);
        for s in DossierStatus::ALL {
            assert_eq!(DossierStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(DossierStatus::from_code(0), None);
        assert_eq!(DossierStatus::from_code(11), None);
        assert_eq!(DossierStatus::from_code(5).map(DossierStatus::name_vi), Some("Yêu cầu bổ sung giấy tờ"));
    }

    #[test]
    fn dossier_codes_have_the_provincial_shape() {
        let day = Date::new(2022, 9, 21).unwrap();
        assert_eq!(dossier_code("000.00.53.H48", day, 99).as_deref(), Some("000.00.53.H48-220921-0099"));
        assert_eq!(dossier_code("000.00.53.H48", day, 0), None);
        assert_eq!(dossier_code("000.00.53.H48", day, 9_999).as_deref(), Some("000.00.53.H48-220921-9999"));
        assert_eq!(
            dossier_code("000.00.53.H48", day, 10_000).as_deref(),
            Some("000.00.53.H48-220921-10000"),
            "a busy day goes on"
        );
        assert_eq!(parse_dossier_code("000.00.53.H48-220921-10000"), Some(("000.00.53.H48", day, 10_000)));
        assert_eq!(
            parse_dossier_code("000.00.53.H48-220921-01000"),
            None,
            "four digits, or more without a leading zero"
        );
        assert_eq!(parse_dossier_code("000.00.53.H48-220921-0099"), Some(("000.00.53.H48", day, 99)));
        for bad in [
            "000.00.53.H48-220921-099",
            "000.00.53.H48-221321-0099",
            "-220921-0099",
            "000.00.53.H48-220921-0000",
            "x",
            "https://dvc.example/tra-cuu/000.00.53.H48-220921-0099",
        ] {
            assert_eq!(parse_dossier_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn codes_and_bills_carry_the_day_they_were_made_at_the_date_edges() {
        for (y, m, d, yymmdd) in [
            (2026, 12, 1, "261201"),
            (2028, 1, 1, "280101"),
            (2028, 2, 29, "280229"),
            (2027, 2, 5, "270205"),
            (2027, 12, 31, "271231"),
        ] {
            let day = Date::new(y, m, d).unwrap();
            let code = dossier_code("000.00.53.H62", day, 1).unwrap();
            assert_eq!(code, format!("000.00.53.H62-{yymmdd}-0001"));
            assert_eq!(parse_dossier_code(&code), Some(("000.00.53.H62", day, 1)));
            assert_eq!(crate::payment::bill_number(day, 7).unwrap(), format!("HP{yymmdd}00007"));
        }
        assert_eq!(parse_dossier_code("000.00.53.H62-270229-0001"), None, "29/02/2027 never was");
    }

    #[test]
    fn overdue_turns_at_the_end_of_a_month_a_year_and_a_leap_february() {
        let p = DossierStatus::Processing;
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert!(!is_overdue(p, d(2026, 11, 30), d(2026, 11, 30)));
        assert!(is_overdue(p, d(2026, 11, 30), d(2026, 12, 1)));
        assert!(!is_overdue(p, d(2027, 12, 31), d(2027, 12, 31)));
        assert!(is_overdue(p, d(2027, 12, 31), d(2028, 1, 1)));
        assert!(!is_overdue(p, d(2028, 2, 29), d(2028, 2, 29)));
        assert!(is_overdue(p, d(2028, 2, 28), d(2028, 2, 29)));
        assert!(is_overdue(p, d(2028, 2, 29), d(2028, 3, 1)));
    }

    #[test]
    fn every_pair_of_statuses_is_allowed_exactly_as_the_rules_say() {
        use DossierStatus::*;
        let allowed: &[(u8, u8)] = &[
            (1, 2),
            (1, 3),
            (1, 7),
            (2, 4),
            (2, 7),
            (4, 5),
            (4, 6),
            (4, 8),
            (4, 9),
            (4, 7),
            (5, 4),
            (5, 7),
            (6, 4),
            (7, 8),
            (9, 10),
        ];
        for from in DossierStatus::ALL {
            for to in DossierStatus::ALL {
                let legal = allowed.contains(&(from.code(), to.code()));
                assert_eq!(from.move_to(to).is_ok(), legal, "{} → {}", from.code(), to.code());
            }
        }
        assert_eq!(Processing.move_to(Processed), Ok(Processed));
    }

    #[test]
    fn a_refused_change_says_why() {
        use DossierStatus::*;
        let withdraw = FeeRequired.move_to(WithdrawalRequested).unwrap_err();
        assert!(withdraw.vi().contains("chỉ rút được hồ sơ khi"), "{}", withdraw.vi());
        let finished = ResultReturned.move_to(Processing).unwrap_err();
        assert!(finished.vi().contains("hồ sơ đã kết thúc"), "{}", finished.vi());
        let skip = NewlyRegistered.move_to(Processed).unwrap_err();
        assert!(skip.vi().contains("chỉ chuyển được sang") && skip.vi().contains("Được tiếp nhận"), "{}", skip.vi());
    }

    #[test]
    fn overdue_starts_the_day_after_the_appointment_and_ends_with_the_dossier() {
        // Appointment on Friday 27/11/2026.
        let friday = Date::new(2026, 11, 27).unwrap();
        assert!(!is_overdue(DossierStatus::Processing, friday, friday.add_days(-1)));
        assert!(!is_overdue(DossierStatus::Processing, friday, friday), "the appointment day itself is on time");
        assert!(is_overdue(DossierStatus::Processing, friday, friday.add_days(1)), "Saturday is past the appointment");
        assert!(is_overdue(DossierStatus::SupplementRequested, friday, friday.add_days(3)));
        assert!(!is_overdue(DossierStatus::Processed, friday, friday.add_days(3)), "finished");
        assert!(!is_overdue(DossierStatus::ResultReturned, friday, friday.add_days(30)));
    }
}
