//! VietQR (NAPAS 247 on EMVCo merchant-presented QR): the text a banking app scans to make a
//! transfer to an account, with the amount and the bill number filled in. Each field is a
//! two-digit tag, a two-digit length and the value; the last field is a CRC-16/CCITT-FALSE
//! of everything before it. See docs/domain.md, "VietQR".

use serde::{Deserialize, Serialize};

/// NAPAS's GUID for VietQR transfers (tag 38, sub-tag 00).
pub const NAPAS_GUID: &str = "A000000727";
/// Vietnamese đồng (ISO 4217 numeric).
pub const CURRENCY_VND: &str = "704";
/// Merchant category code of government services.
pub const MCC_GOVERNMENT: &str = "9399";
/// Banks keep at most this many characters of a transfer note; longer ones are cut.
pub const NOTE_MAX: usize = 25;

/// Where the money goes: to an account number or a card number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Service {
    ToAccount,
    ToCard,
}

impl Service {
    fn code(self) -> &'static str {
        match self {
            Service::ToAccount => "QRIBFTTA",
            Service::ToCard => "QRIBFTTC",
        }
    }
}

/// What a VietQR carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VietQr {
    /// The receiving bank's 6-digit NAPAS BIN (Vietcombank 970436, …).
    pub bin: String,
    /// Account or card number, up to 19 characters.
    pub account: String,
    /// `None` reads as a transfer to an account.
    #[serde(default)]
    pub service: Option<Service>,
    /// Whole đồng; present in a dynamic code (the citizen cannot change it).
    #[serde(default)]
    pub amount: Option<u64>,
    #[serde(default)]
    pub merchant_category: Option<String>,
    #[serde(default)]
    pub beneficiary_name: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    /// Tag 62/01: the bill the transfer pays, matched when the bank reports it.
    #[serde(default)]
    pub bill_number: Option<String>,
    /// Tag 62/05.
    #[serde(default)]
    pub reference: Option<String>,
    /// Tag 62/08: the transfer note, ASCII without diacritics.
    #[serde(default)]
    pub purpose: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VietQrError {
    #[error("the bank BIN must be 6 digits")]
    Bin,
    #[error("the account number must be 1–19 letters or digits")]
    Account,
    #[error("field {0} is longer than 99 characters")]
    TooLong(&'static str),
    #[error("field {0} must be printable ASCII")]
    NotAscii(&'static str),
    #[error("the text is not a sequence of tag, length, value")]
    Malformed,
    #[error("the checksum is {found}, it should be {expected}")]
    Checksum { found: String, expected: String },
    #[error("not a VietQR transfer (no NAPAS GUID)")]
    NotVietQr,
    #[error("the currency is not the Vietnamese đồng")]
    Currency,
    #[error("the amount is not a whole number of đồng")]
    Amount,
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR.
pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &byte in data {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

fn field(out: &mut String, tag: &str, value: &str, name: &'static str) -> Result<(), VietQrError> {
    if !value.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Err(VietQrError::NotAscii(name));
    }
    if value.len() > 99 {
        return Err(VietQrError::TooLong(name));
    }
    out.push_str(tag);
    out.push_str(&format!("{:02}", value.len()));
    out.push_str(value);
    Ok(())
}

/// The text to draw as a QR code.
pub fn encode(qr: &VietQr) -> Result<String, VietQrError> {
    if qr.bin.len() != 6 || !qr.bin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(VietQrError::Bin);
    }
    if qr.account.is_empty() || qr.account.len() > 19 || !qr.account.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(VietQrError::Account);
    }
    let mut beneficiary = String::new();
    field(&mut beneficiary, "00", &qr.bin, "bin")?;
    field(&mut beneficiary, "01", &qr.account, "account")?;
    let mut account_info = String::new();
    field(&mut account_info, "00", NAPAS_GUID, "guid")?;
    field(&mut account_info, "01", &beneficiary, "beneficiary")?;
    field(&mut account_info, "02", qr.service.unwrap_or(Service::ToAccount).code(), "service")?;

    let mut out = String::new();
    field(&mut out, "00", "01", "format")?;
    field(&mut out, "01", if qr.amount.is_some() { "12" } else { "11" }, "initiation")?;
    field(&mut out, "38", &account_info, "account_info")?;
    if let Some(mcc) = &qr.merchant_category {
        field(&mut out, "52", mcc, "merchant_category")?;
    }
    field(&mut out, "53", CURRENCY_VND, "currency")?;
    if let Some(amount) = qr.amount {
        field(&mut out, "54", &amount.to_string(), "amount")?;
    }
    field(&mut out, "58", "VN", "country")?;
    if let Some(name) = &qr.beneficiary_name {
        field(&mut out, "59", name, "beneficiary_name")?;
    }
    if let Some(city) = &qr.city {
        field(&mut out, "60", city, "city")?;
    }
    let mut additional = String::new();
    if let Some(bill) = &qr.bill_number {
        field(&mut additional, "01", bill, "bill_number")?;
    }
    if let Some(reference) = &qr.reference {
        field(&mut additional, "05", reference, "reference")?;
    }
    if let Some(purpose) = &qr.purpose {
        field(&mut additional, "08", purpose, "purpose")?;
    }
    if !additional.is_empty() {
        field(&mut out, "62", &additional, "additional")?;
    }
    out.push_str("6304");
    let crc = crc16(out.as_bytes());
    out.push_str(&format!("{crc:04X}"));
    Ok(out)
}

/// Splits `tag length value …` into its fields.
fn fields(text: &str) -> Result<Vec<(&str, &str)>, VietQrError> {
    let mut rest = text;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let tag = rest.get(0..2).ok_or(VietQrError::Malformed)?;
        let len: usize = rest.get(2..4).and_then(|l| l.parse().ok()).ok_or(VietQrError::Malformed)?;
        let value = rest.get(4..4 + len).ok_or(VietQrError::Malformed)?;
        out.push((tag, value));
        rest = &rest[4 + len..];
    }
    Ok(out)
}

/// Reads a VietQR: checks the checksum and that it is a NAPAS transfer in đồng.
pub fn decode(text: &str) -> Result<VietQr, VietQrError> {
    if !text.is_ascii() || text.len() < 8 {
        return Err(VietQrError::Malformed);
    }
    let (body, crc) = text.split_at(text.len() - 4);
    if !body.ends_with("6304") {
        return Err(VietQrError::Malformed);
    }
    let expected = format!("{:04X}", crc16(body.as_bytes()));
    if !crc.eq_ignore_ascii_case(&expected) {
        return Err(VietQrError::Checksum { found: crc.to_owned(), expected });
    }
    let mut qr = VietQr::default();
    let mut guid = false;
    for (tag, value) in fields(&body[..body.len() - 4])? {
        match tag {
            "38" => {
                let subs = fields(value)?;
                // Without NAPAS's GUID first the rest means something else: not ours to read.
                if subs.first() != Some(&("00", NAPAS_GUID)) {
                    return Err(VietQrError::NotVietQr);
                }
                guid = true;
                for (sub, v) in subs {
                    match sub {
                        "01" => {
                            for (part, p) in fields(v)? {
                                match part {
                                    "00" => qr.bin = p.to_owned(),
                                    "01" => qr.account = p.to_owned(),
                                    _ => {}
                                }
                            }
                        }
                        "02" => {
                            qr.service = match v {
                                "QRIBFTTA" => Some(Service::ToAccount),
                                "QRIBFTTC" => Some(Service::ToCard),
                                _ => None,
                            }
                        }
                        _ => {}
                    }
                }
            }
            "52" => qr.merchant_category = Some(value.to_owned()),
            "53" if value != CURRENCY_VND => return Err(VietQrError::Currency),
            "54" => qr.amount = Some(value.parse().map_err(|_| VietQrError::Amount)?),
            "59" => qr.beneficiary_name = Some(value.to_owned()),
            "60" => qr.city = Some(value.to_owned()),
            "62" => {
                for (sub, v) in fields(value)? {
                    match sub {
                        "01" => qr.bill_number = Some(v.to_owned()),
                        "05" => qr.reference = Some(v.to_owned()),
                        "08" => qr.purpose = Some(v.to_owned()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if !guid || qr.bin.is_empty() || qr.account.is_empty() {
        return Err(VietQrError::NotVietQr);
    }
    Ok(qr)
}

/// A transfer note banks keep whole: no diacritics ("Lệ phí" → "le phi"), letters, digits and
/// single spaces only, at most [`NOTE_MAX`] characters. Put the bill number first so it
/// survives any cut.
pub fn transfer_note(text: &str) -> String {
    let folded: String =
        crate::fold::fold_vietnamese(text).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut note = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    note.truncate(NOTE_MAX);
    note.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTORS: [&str; 5] = [
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C",
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F",
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6",
        "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4",
        "00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62200816test text string6304D9C6",
    ];

    #[test]
    fn crc_check_value_of_ccitt_false() {
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }

    #[test]
    fn every_test_vector_decodes_and_encodes_back_to_the_same_text() {
        for text in VECTORS {
            let qr = decode(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(encode(&qr).unwrap(), text);
        }
    }

    #[test]
    fn the_vietinbank_vector_carries_its_bank_account_amount_and_note() {
        let qr = decode(VECTORS[0]).unwrap();
        assert_eq!((qr.bin.as_str(), qr.account.as_str()), ("970415", "0011001932418"));
        assert_eq!(qr.amount, Some(120_000));
        assert_eq!(qr.purpose.as_deref(), Some("ung ho lu lut"));
        assert_eq!(qr.service, Some(Service::ToAccount));
    }

    #[test]
    fn a_code_without_the_napas_guid_is_refused_even_with_its_right_checksum() {
        let wrong = "0002010102113838000697042201120023457923440208QRIBFTTA530370454061800005802VN62160814ung ho bao lut6304E69F";
        assert_eq!(decode(wrong), Err(VietQrError::Checksum { found: "E69F".into(), expected: "13BC".into() }));
        // With its checksum right it is still refused (its tag 62 is malformed too).
        assert!(decode(&wrong.replace("6304E69F", "630413BC")).is_err());
        // A well-formed code for another scheme (another GUID) is not a VietQR.
        let body = VECTORS[3].strip_suffix("CBB4").unwrap().replace("0010A000000727", "0010A000000999");
        let other = format!("{body}{:04X}", crc16(body.as_bytes()));
        assert_eq!(decode(&other), Err(VietQrError::NotVietQr));
    }

    #[test]
    fn a_changed_character_breaks_the_checksum() {
        let tampered = VECTORS[4].replace("540540123", "540590123");
        assert!(matches!(decode(&tampered), Err(VietQrError::Checksum { .. })));
    }

    #[test]
    fn a_fee_bill_encodes_as_a_dynamic_code_with_the_bill_number() {
        let qr = VietQr {
            bin: "970436".into(),
            account: "0011000123456".into(),
            amount: Some(40_000),
            merchant_category: Some(MCC_GOVERNMENT.into()),
            bill_number: Some("HD2611270001".into()),
            purpose: Some(transfer_note("HD2611270001 Lệ phí đăng ký kết hôn")),
            ..VietQr::default()
        };
        let text = encode(&qr).unwrap();
        assert!(text.starts_with("000201010212"), "dynamic: {text}");
        assert!(text.contains("5405400005802VN"), "amount 40000: {text}");
        assert_eq!(decode(&text).unwrap(), VietQr { service: Some(Service::ToAccount), ..qr });
    }

    #[test]
    fn bad_bank_account_or_text_is_refused() {
        let base = VietQr { bin: "970436".into(), account: "123".into(), ..VietQr::default() };
        assert_eq!(encode(&VietQr { bin: "97043".into(), ..base.clone() }), Err(VietQrError::Bin));
        assert_eq!(encode(&VietQr { account: "1".repeat(20), ..base.clone() }), Err(VietQrError::Account));
        assert_eq!(
            encode(&VietQr { purpose: Some("Lệ phí".into()), ..base.clone() }),
            Err(VietQrError::NotAscii("purpose"))
        );
        assert_eq!(decode("0002"), Err(VietQrError::Malformed));
    }

    #[test]
    fn transfer_notes_lose_diacritics_and_stay_short() {
        assert_eq!(transfer_note("HD0001 Lệ phí: đăng ký khai sinh"), "hd0001 le phi dang ky kha");
        assert!(transfer_note(&"Phí ".repeat(20)).len() <= NOTE_MAX);
    }

    #[test]
    fn build_then_parse_gives_back_every_field_over_generated_inputs() {
        // A small linear congruential generator: the same 500 cases on every run.
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let bins = ["970436", "970415", "970418", "970405", "970416", "970407", "970422", "970423"];
        let alphabet: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123456789 ".chars().collect();
        for _ in 0..500 {
            let account: String = (0..1 + next(19)).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let text = |next: &mut dyn FnMut(u64) -> u64, max: u64| -> String {
                let s: String = (0..1 + next(max)).map(|_| alphabet[next(alphabet.len() as u64) as usize]).collect();
                s.trim().to_owned()
            };
            let purpose = text(&mut next, 25);
            let qr = VietQr {
                bin: bins[next(bins.len() as u64) as usize].into(),
                account,
                service: Some(if next(2) == 0 { Service::ToAccount } else { Service::ToCard }),
                amount: (next(3) > 0).then(|| next(100_000_000)),
                merchant_category: (next(2) == 0).then(|| MCC_GOVERNMENT.to_owned()),
                beneficiary_name: (next(2) == 0).then(|| "VAN PHONG UBND TINH".to_owned()),
                city: (next(3) == 0).then(|| "VINH YEN".to_owned()),
                bill_number: (next(2) == 0).then(|| format!("HP{:011}", next(99_999_999_999))),
                reference: None,
                purpose: (!purpose.is_empty()).then_some(purpose),
            };
            let text = encode(&qr).unwrap();
            assert_eq!(decode(&text).as_ref(), Ok(&qr), "{text}");
        }
    }
}
