//! What a citizen types about themself: CCCD, phone, e-mail, tax code, dates, free text.
//! Nothing panics; what is accepted comes back in its one normal form.
#![no_main]

use dvc_core::date::Date;
use dvc_core::validation::{
    normalize_phone, plain_text, validate_birth_date, validate_cccd, validate_email, validate_tax_code, Sex,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let today = Date::new(2027, 2, 5).unwrap();
    if let Ok(phone) = normalize_phone(text) {
        assert_eq!(normalize_phone(&phone).as_ref(), Ok(&phone), "{text:?}");
        assert!(phone.len() == 10 && phone.bytes().all(|b| b.is_ascii_digit()), "{phone:?}");
    }
    if let Ok(email) = validate_email(text) {
        assert_eq!(validate_email(&email).as_ref(), Ok(&email), "{text:?}");
    }
    if let Ok(code) = validate_tax_code(text) {
        assert_eq!(validate_tax_code(&code).as_ref(), Ok(&code), "{text:?}");
    }
    for sex in [None, Some(Sex::Male), Some(Sex::Female)] {
        if let Ok(cccd) = validate_cccd(text, None, sex) {
            assert!(cccd.len() == 12 && cccd.bytes().all(|b| b.is_ascii_digit()), "{cccd:?}");
        }
    }
    if let Ok(day) = Date::parse_dmy(text) {
        assert_eq!(Date::parse_dmy(&day.to_string()), Ok(day), "{text:?}");
        assert_eq!(Date::from_days(day.to_days()), day);
        let _ = validate_cccd("001099012345", Some(day), Some(Sex::Female));
    }
    if let Ok(born) = validate_birth_date(text, today) {
        assert!(born <= today, "{text:?}");
    }
    let _ = plain_text(text, false);
    let _ = plain_text(text, true);
});
