//! Dossiers (hồ sơ), DOMAIN.md §3: the national status codes and the provincial dossier code.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// TrangThaiHoSo of the national synchronisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DossierStatus {
    NewlyRegistered,
    Accepted,
    Rejected,
    Processing,
    SupplementRequested,
    FeeRequired,
    WithdrawalRequested,
    Stopped,
    Processed,
    ResultReturned,
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
        DossierStatus::ALL.iter().position(|s| *s == self).map_or(0, |i| i as u8 + 1)
    }

    pub fn from_code(code: u8) -> Option<DossierStatus> {
        DossierStatus::ALL.get((code as usize).checked_sub(1)?).copied()
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

    /// No further processing happens (overdue no longer applies).
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            DossierStatus::Rejected | DossierStatus::Stopped | DossierStatus::Processed | DossierStatus::ResultReturned
        )
    }
}

/// `<receiving agency>-yyMMdd-NNNN`, e.g. `000.00.53.H48-220921-0099`: the agency's id, the
/// day received, the day's sequence number (1–9999).
pub fn dossier_code(agency_id: &str, received: Date, sequence: u32) -> Option<String> {
    (1..=9999).contains(&sequence).then(|| {
        format!("{agency_id}-{:02}{:02}{:02}-{sequence:04}", received.year.rem_euclid(100), received.month, received.day)
    })
}

/// The parts of a dossier code (the year read as 20yy).
pub fn parse_dossier_code(code: &str) -> Option<(&str, Date, u32)> {
    let (rest, seq) = code.rsplit_once('-')?;
    let (agency, ymd) = rest.rsplit_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if agency.is_empty() || !digits(ymd, 6) || !digits(seq, 4) {
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
        assert_eq!(dossier_code("000.00.53.H48", day, 10_000), None);
        assert_eq!(parse_dossier_code("000.00.53.H48-220921-0099"), Some(("000.00.53.H48", day, 99)));
        for bad in ["000.00.53.H48-220921-099", "000.00.53.H48-221321-0099", "-220921-0099", "000.00.53.H48-220921-0000", "x"] {
            assert_eq!(parse_dossier_code(bad), None, "{bad}");
        }
    }
}
