//! The citizen ID number (CCCD / số định danh cá nhân), docs/domain.md, "Identity numbers"
//! (Circulars 07/2016 and 59/2021/TT-BCA): 12 digits; 1–3 the province of birth registration;
//! 4 century and sex (even male, odd female; century = 1900 + 100 × ⌊d/2⌋); 5–6 the last two
//! digits of the birth year; 7–12 random. There is no checksum, so none is checked.

use super::{Problem, Sex};
use crate::date::Date;

/// The provinces' codes (General Statistics Office, 63 provinces), zero-padded as in the number.
pub const PROVINCE_CODES: [&str; 63] = [
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
    "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
    "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
    "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
];

/// Checks an ID number's structure, and when the birth date and sex are known, that the number
/// agrees with them. Spaces a citizen types between groups of digits are allowed.
pub fn validate_cccd(text: &str, birth: Option<Date>, sex: Option<Sex>) -> Result<String, Problem> {
    let number = super::normalize_id_number(text);
    if number.is_empty() {
        return Err(Problem::Required);
    }
    if !number.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::CccdNotDigits);
    }
    if number.len() != 12 {
        return Err(Problem::CccdLength { got: number.len() });
    }
    let province = &number[..3];
    if !PROVINCE_CODES.contains(&province) {
        return Err(Problem::CccdProvince { code: province.to_owned() });
    }
    let digits = number.as_bytes();
    let century_sex = digits[3] - b'0';
    let yy = ((digits[4] - b'0') * 10 + (digits[5] - b'0')) as i32;
    let year_in_number = 1900 + 100 * (century_sex as i32 / 2) + yy;
    if let Some(birth) = birth {
        if birth.year != year_in_number {
            return Err(Problem::CccdBirthYear { in_number: year_in_number, entered: birth.year });
        }
    }
    if let Some(sex) = sex {
        let female = century_sex % 2 == 1;
        if female != (sex == Sex::Female) {
            let century_digit = 2 * ((year_in_number - 1900) / 100) as u8;
            let expected_digit = century_digit + (sex == Sex::Female) as u8;
            return Err(Problem::CccdSex { entered: sex, expected_digit });
        }
    }
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn born(y: i32) -> Option<Date> {
        Date::new(y, 6, 1)
    }

    #[test]
    fn accepts_numbers_that_agree_with_birth_year_and_sex() {
        // Vĩnh Phúc (026), male born 1990.
        assert_eq!(validate_cccd("026090123456", born(1990), Some(Sex::Male)), Ok("026090123456".into()));
        // Female born 2005 (digit 3 = 2000s, odd).
        assert_eq!(validate_cccd("001 305 123 456", born(2005), Some(Sex::Female)), Ok("001305123456".into()));
        // Structure alone, before birth date and sex are known.
        assert!(validate_cccd("079199000001", None, None).is_ok());
    }

    #[test]
    fn rejects_wrong_length_and_non_digits() {
        assert_eq!(validate_cccd("02609012345", None, None), Err(Problem::CccdLength { got: 11 }));
        assert_eq!(validate_cccd("0260901234567", None, None), Err(Problem::CccdLength { got: 13 }));
        assert_eq!(validate_cccd("02609O123456", None, None), Err(Problem::CccdNotDigits));
        assert_eq!(validate_cccd("   ", None, None), Err(Problem::Required));
    }

    #[test]
    fn rejects_a_province_code_that_does_not_exist() {
        assert_eq!(validate_cccd("003090123456", None, None), Err(Problem::CccdProvince { code: "003".into() }));
        assert_eq!(validate_cccd("097090123456", None, None), Err(Problem::CccdProvince { code: "097".into() }));
    }

    #[test]
    fn rejects_a_century_digit_that_contradicts_the_birth_year() {
        // Digit 4 = 0 says 1900s; the citizen entered 2005.
        assert_eq!(
            validate_cccd("026005123456", born(2005), None),
            Err(Problem::CccdBirthYear { in_number: 1905, entered: 2005 })
        );
        // Year digits 91 but born 1990.
        assert_eq!(
            validate_cccd("026091123456", born(1990), None),
            Err(Problem::CccdBirthYear { in_number: 1991, entered: 1990 })
        );
    }

    #[test]
    fn rejects_a_sex_digit_that_contradicts_the_sex_entered() {
        // Digit 4 = 0: male born in the 1900s.
        assert_eq!(
            validate_cccd("026090123456", born(1990), Some(Sex::Female)),
            Err(Problem::CccdSex { entered: Sex::Female, expected_digit: 1 })
        );
        // Digit 4 = 3: female born in the 2000s.
        assert_eq!(
            validate_cccd("026305123456", born(2005), Some(Sex::Male)),
            Err(Problem::CccdSex { entered: Sex::Male, expected_digit: 2 })
        );
    }

    #[test]
    fn the_province_list_has_63_distinct_codes_including_vinh_phuc() {
        let mut codes = PROVINCE_CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 63);
        assert!(codes.contains(&"026"));
    }
}
