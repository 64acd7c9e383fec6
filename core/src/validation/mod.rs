//! Validation of what citizens enter, written once and run by the app (as they type) and the
//! server (on submit). Each check returns a [`Problem`] that says, in Vietnamese or English,
//! exactly what is wrong ("Số CCCD phải có 12 chữ số", never "Invalid").

mod cccd;
mod contact;
mod files;

pub use cccd::{validate_cccd, PROVINCE_CODES};
pub use contact::{normalize_phone, validate_email};
pub use files::{detect_file_kind, sanitize_file_name, validate_file, FileKind, FileRules};

use crate::date::{Date, DateError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sex {
    Male,
    Female,
}

/// What is wrong with one answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    CccdLength {
        got: usize,
    },
    CccdNotDigits,
    CccdProvince {
        code: String,
    },
    /// Digits 4–6 give another birth year than the one entered.
    CccdBirthYear {
        in_number: i32,
        entered: i32,
    },
    /// Digit 4 gives the other sex for the birth year entered.
    CccdSex {
        entered: Sex,
        expected_digit: u8,
    },
    Phone,
    Email,
    DateFormat,
    DateNoSuchDay,
    BirthDateInFuture,
    BirthDateTooOld,
    FileEmpty,
    FileTooBig {
        max_bytes: u64,
    },
    FileType {
        accepted: Vec<FileKind>,
    },
    TooManyFiles {
        max: usize,
    },
    Number,
    NumberRange {
        min: i64,
        max: i64,
    },
    Choice,
    TaxCode,
    DateInFuture,
    DocumentRequired,
    /// An upload named in the answers is not on the server (expired or never finished).
    UploadMissing,
    /// Control characters, text-direction overrides or markup (`<`, `>`): what would let a
    /// name reorder or restyle a printed receipt.
    Characters,
    /// An answer to a question or a document slot the form does not have.
    NotInForm,
}

impl From<DateError> for Problem {
    fn from(e: DateError) -> Problem {
        match e {
            DateError::Format => Problem::DateFormat,
            DateError::NoSuchDay => Problem::DateNoSuchDay,
        }
    }
}

fn sex_vi(s: Sex) -> &'static str {
    match s {
        Sex::Male => "nam",
        Sex::Female => "nữ",
    }
}

fn sex_en(s: Sex) -> &'static str {
    match s {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

fn kinds(accepted: &[FileKind]) -> String {
    accepted.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ")
}

impl Problem {
    /// The message in Vietnamese.
    pub fn vi(&self) -> String {
        match self {
            Problem::Required => "Vui lòng nhập thông tin này.".into(),
            Problem::TooLong { max } => format!("Nội dung dài quá {max} ký tự."),
            Problem::CccdLength { got } => format!("Số CCCD phải có 12 chữ số (bạn đã nhập {got})."),
            Problem::CccdNotDigits => "Số CCCD chỉ gồm chữ số, không có chữ cái hay dấu cách.".into(),
            Problem::CccdProvince { code } => {
                format!("Ba chữ số đầu của số CCCD là mã tỉnh nơi đăng ký khai sinh; “{code}” không phải mã tỉnh nào.")
            }
            Problem::CccdBirthYear { in_number, entered } => {
                format!("Số CCCD này của người sinh năm {in_number}, không khớp với năm sinh {entered} đã nhập.")
            }
            Problem::CccdSex { entered, expected_digit } => format!(
                "Số CCCD không khớp với giới tính {}: với năm sinh đã nhập, chữ số thứ tư phải là {expected_digit}.",
                sex_vi(*entered)
            ),
            Problem::Phone => {
                "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (hoặc +84).".into()
            }
            Problem::Email => "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.vn.".into(),
            Problem::DateFormat => "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/09/2024.".into(),
            Problem::DateNoSuchDay => "Ngày này không có trong lịch, hãy kiểm tra ngày và tháng.".into(),
            Problem::BirthDateInFuture => "Ngày sinh không thể sau ngày hôm nay.".into(),
            Problem::BirthDateTooOld => "Ngày sinh quá xa, hãy kiểm tra năm sinh.".into(),
            Problem::FileEmpty => "Tệp này trống.".into(),
            Problem::FileTooBig { max_bytes } => {
                format!("Tệp lớn quá {}. Hãy chụp hoặc quét lại với dung lượng nhỏ hơn.", megabytes(*max_bytes))
            }
            Problem::FileType { accepted } => format!("Chỉ nhận tệp {}.", kinds(accepted)),
            Problem::TooManyFiles { max } => format!("Chỉ đính kèm tối đa {max} tệp cho giấy tờ này."),
            Problem::Number => "Nhập một số nguyên, chỉ gồm chữ số.".into(),
            Problem::NumberRange { min, max } => format!("Nhập một số từ {min} đến {max}."),
            Problem::Choice => "Hãy chọn một trong các lựa chọn có sẵn.".into(),
            Problem::TaxCode => {
                "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị phụ thuộc).".into()
            }
            Problem::DateInFuture => "Ngày này không thể sau ngày hôm nay.".into(),
            Problem::DocumentRequired => "Hãy đính kèm giấy tờ này, hoặc chọn nộp bản giấy tại Bộ phận Một cửa.".into(),
            Problem::UploadMissing => "Tệp đính kèm này không còn trên hệ thống, hãy tải lên lại.".into(),
            Problem::Characters => {
                "Có ký tự không dùng được ở đây (ký tự điều khiển, đảo chiều chữ, dấu < hoặc >).".into()
            }
            Problem::NotInForm => "Mẫu đơn của thủ tục này không có mục này.".into(),
        }
    }

    /// The message in English.
    pub fn en(&self) -> String {
        match self {
            Problem::Required => "Enter this information.".into(),
            Problem::TooLong { max } => format!("This is longer than {max} characters."),
            Problem::CccdLength { got } => format!("The ID number must have 12 digits (you entered {got})."),
            Problem::CccdNotDigits => "The ID number has digits only, no letters or spaces.".into(),
            Problem::CccdProvince { code } => {
                format!("The first three digits of the ID number are the province of birth registration; “{code}” is not one.")
            }
            Problem::CccdBirthYear { in_number, entered } => {
                format!("This ID number belongs to someone born in {in_number}, not {entered} as entered.")
            }
            Problem::CccdSex { entered, expected_digit } => format!(
                "The ID number does not match the sex entered ({}): for that birth year its fourth digit must be {expected_digit}.",
                sex_en(*entered)
            ),
            Problem::Phone => "A mobile number has 10 digits and starts with 03, 05, 07, 08 or 09 (or +84).".into(),
            Problem::Email => "Enter an e-mail address like name@example.vn.".into(),
            Problem::DateFormat => "Enter the date as day/month/year, for example 05/09/2024.".into(),
            Problem::DateNoSuchDay => "There is no such day; check the day and month.".into(),
            Problem::BirthDateInFuture => "The date of birth cannot be after today.".into(),
            Problem::BirthDateTooOld => "The date of birth is too far back; check the year.".into(),
            Problem::FileEmpty => "The file is empty.".into(),
            Problem::FileTooBig { max_bytes } => format!("The file is larger than {}. Scan or photograph it again, smaller.", megabytes(*max_bytes)),
            Problem::FileType { accepted } => format!("Only {} files are accepted.", kinds(accepted)),
            Problem::TooManyFiles { max } => format!("Attach at most {max} files for this document."),
            Problem::Number => "Enter a whole number, digits only.".into(),
            Problem::NumberRange { min, max } => format!("Enter a number from {min} to {max}."),
            Problem::Choice => "Choose one of the options given.".into(),
            Problem::TaxCode => "A tax code has 10 digits, or 10 digits, a dash and 3 digits (for a branch).".into(),
            Problem::DateInFuture => "This date cannot be after today.".into(),
            Problem::DocumentRequired => "Attach this document, or choose to hand in the paper copy at the one-stop desk.".into(),
            Problem::UploadMissing => "This attachment is no longer on the server; upload it again.".into(),
            Problem::Characters => "This contains characters not allowed here (control or text-direction characters, < or >).".into(),
            Problem::NotInForm => "This procedure's form has no such item.".into(),
        }
    }
}

/// An ID number (CCCD, tax code) as stored and compared: without the spaces people type
/// between groups of digits ("001 099 000 001").
pub fn normalize_id_number(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// An organisation's tax code (mã số thuế): 10 digits, or 10-3 for a dependent unit.
pub fn validate_tax_code(text: &str) -> Result<String, Problem> {
    let code = normalize_id_number(text);
    if code.is_empty() {
        return Err(Problem::Required);
    }
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match code.split_once('-') {
        None => digits(&code, 10),
        Some((main, branch)) => digits(main, 10) && digits(branch, 3),
    };
    if ok {
        Ok(code)
    } else {
        Err(Problem::TaxCode)
    }
}

/// A required answer: present once trimmed.
pub fn require(value: &str) -> Result<&str, Problem> {
    let v = value.trim();
    if v.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(v)
    }
}

/// Text a person typed, safe to store and print: no control characters (line breaks and tabs
/// only where `multiline`), no text-direction controls (a right-to-left override makes "Nguyễn
/// Văn A" print as something else), no `<` or `>`.
pub fn plain_text(value: &str, multiline: bool) -> Result<(), Problem> {
    let bidi =
        |c: char| matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let allowed_control = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| (c.is_control() && !allowed_control(c)) || bidi(c) || c == '<' || c == '>') {
        Err(Problem::Characters)
    } else {
        Ok(())
    }
}

/// A date of birth in dd/mm/yyyy: a real day, not after `today`, at most 130 years back.
pub fn validate_birth_date(text: &str, today: Date) -> Result<Date, Problem> {
    let date = Date::parse_dmy(require(text)?)?;
    if date > today {
        return Err(Problem::BirthDateInFuture);
    }
    if date.years_until(today) > 130 {
        return Err(Problem::BirthDateTooOld);
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 27).unwrap()
    }

    #[test]
    fn birth_dates_must_be_real_past_and_plausible() {
        assert_eq!(validate_birth_date("05/09/2024", today()), Ok(Date::new(2024, 9, 5).unwrap()));
        assert_eq!(validate_birth_date("28/11/2026", today()), Err(Problem::BirthDateInFuture));
        assert_eq!(validate_birth_date("01/01/1890", today()), Err(Problem::BirthDateTooOld));
        assert_eq!(validate_birth_date("30/02/2020", today()), Err(Problem::DateNoSuchDay));
        assert_eq!(validate_birth_date("2020-02-03", today()), Err(Problem::DateFormat));
        assert_eq!(validate_birth_date("  ", today()), Err(Problem::Required));
    }

    #[test]
    fn a_birth_date_is_checked_against_the_day_it_is_at_the_date_edges() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        // Born today is fine, tomorrow is not, whichever month or year tomorrow falls in.
        for (today, tomorrow) in [
            (d(2026, 12, 1), "02/12/2026"),
            (d(2026, 11, 30), "01/12/2026"),
            (d(2027, 12, 31), "01/01/2028"),
            (d(2028, 2, 28), "29/02/2028"),
            (d(2028, 2, 29), "01/03/2028"),
            (d(2027, 2, 5), "06/02/2027"),
        ] {
            assert_eq!(validate_birth_date(&today.to_string(), today), Ok(today));
            assert_eq!(validate_birth_date(tomorrow, today), Err(Problem::BirthDateInFuture), "{tomorrow} on {today}");
        }
        assert_eq!(validate_birth_date("29/02/2027", d(2027, 3, 1)), Err(Problem::DateNoSuchDay));
        // At most 130 whole years of age, counted to the day on 29/02/2028 and on 1 January.
        assert!(validate_birth_date("01/03/1897", d(2028, 2, 29)).is_ok());
        assert_eq!(validate_birth_date("28/02/1897", d(2028, 2, 29)), Err(Problem::BirthDateTooOld));
        assert!(validate_birth_date("02/01/1897", d(2028, 1, 1)).is_ok());
        assert_eq!(validate_birth_date("01/01/1897", d(2028, 1, 1)), Err(Problem::BirthDateTooOld));
    }

    #[test]
    fn tax_codes_have_ten_digits_or_a_branch_suffix() {
        assert_eq!(validate_tax_code("2500150335"), Ok("2500150335".into()));
        assert_eq!(validate_tax_code("2500150335-001"), Ok("2500150335-001".into()));
        for bad in ["250015033", "25001503351", "2500150335-01", "25OO150335"] {
            assert_eq!(validate_tax_code(bad), Err(Problem::TaxCode), "{bad}");
        }
    }

    #[test]
    fn typed_text_has_no_control_direction_or_markup_characters() {
        assert_eq!(plain_text("Nguyễn Thị Lan", false), Ok(()));
        assert_eq!(plain_text("Công ty TNHH Hoa Sen (chi nhánh 2) & cộng sự", false), Ok(()));
        for bad in [
            "Nguyễn\u{202E}naL",
            "Lan\u{0000}",
            "Lan\u{2067}x",
            "<b>Lan</b>",
            "Lan\u{200F}",
            "Lan\nAnh",
            "\u{001B}[31m",
        ] {
            assert_eq!(plain_text(bad, false), Err(Problem::Characters), "{bad:?}");
        }
        assert_eq!(plain_text("Dòng một\nDòng hai\tcột", true), Ok(()));
        assert_eq!(plain_text("Dòng một\u{202E}", true), Err(Problem::Characters));
    }

    #[test]
    fn every_problem_has_a_specific_message_in_both_languages() {
        let all = [
            Problem::Required,
            Problem::TooLong { max: 10 },
            Problem::CccdLength { got: 9 },
            Problem::CccdNotDigits,
            Problem::CccdProvince { code: "003".into() },
            Problem::CccdBirthYear { in_number: 1990, entered: 1991 },
            Problem::CccdSex { entered: Sex::Female, expected_digit: 1 },
            Problem::Phone,
            Problem::Email,
            Problem::DateFormat,
            Problem::DateNoSuchDay,
            Problem::BirthDateInFuture,
            Problem::BirthDateTooOld,
            Problem::FileEmpty,
            Problem::FileTooBig { max_bytes: 10 * 1024 * 1024 },
            Problem::FileType { accepted: vec![FileKind::Pdf, FileKind::Jpeg] },
            Problem::TooManyFiles { max: 3 },
            Problem::Number,
            Problem::NumberRange { min: 1, max: 9 },
            Problem::Choice,
            Problem::TaxCode,
            Problem::DateInFuture,
            Problem::DocumentRequired,
            Problem::UploadMissing,
            Problem::Characters,
            Problem::NotInForm,
        ];
        for p in &all {
            assert!(p.vi().ends_with('.') && p.vi().len() > 15, "{p:?}: {}", p.vi());
            assert!(p.en().ends_with('.') && p.en().len() > 15, "{p:?}: {}", p.en());
            assert_ne!(p.vi(), p.en());
        }
        assert_eq!(Problem::CccdLength { got: 9 }.vi(), "Số CCCD phải có 12 chữ số (bạn đã nhập 9).");
        assert!(Problem::FileTooBig { max_bytes: 10 * 1024 * 1024 }.vi().contains("10 MB"));
    }
}
