//! The national e-ID (VNeID) as the app and the server see it: what an identity provider's
//! claims say about a citizen, in the gateway's own names or the standard OpenID Connect ones;
//! the account's identification level; and what a procedure asks of it.
//!
//! The protocol itself (tokens, signatures, keys) is the server's, through a maintained
//! OpenID Connect crate; nothing here reads a token.

use serde::{Deserialize, Deserializer, Serialize};

use crate::catalog::ApplicantType;
use crate::catalog::Procedure;
use crate::date::Date;
use crate::form::Applicant;
use crate::validation::{normalize_id_number, Sex};

/// The claims of the national gateway's userinfo, by its own names. Every one may be missing:
/// the standard claims ([`StandardClaims`]) stand in for those that are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GatewayClaims {
    /// The 12-digit personal identification number.
    #[serde(rename = "SoDinhDanh", default, deserialize_with = "text", skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    #[serde(rename = "HoVaTen", default, deserialize_with = "text", skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// `YYYYMMDD`.
    #[serde(rename = "NgayThangNamSinh", default, deserialize_with = "text", skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// `1` male, `2` female (also "Nam"/"Nữ").
    #[serde(rename = "GioiTinh", default, deserialize_with = "text", skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(rename = "SoDienThoai", default, deserialize_with = "text", skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(rename = "ThuDienTu", default, deserialize_with = "text", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The permanent residence, as one line.
    #[serde(rename = "ThuongTru", default, deserialize_with = "text", skip_serializing_if = "Option::is_none")]
    pub residence: Option<String>,
    /// `1` an individual, `2` a business, `3` an organisation.
    #[serde(rename = "LoaiTaiKhoan", default, deserialize_with = "text", skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
}

/// The standard OpenID Connect claims that say the same things.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StandardClaims {
    pub name: Option<String>,
    /// `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    /// `male` or `female`.
    pub gender: Option<String>,
    pub phone_number: Option<String>,
    pub email: Option<String>,
    /// The address's `formatted` line.
    pub address: Option<String>,
}

/// A citizen as their e-ID names them: the identity fields (name, number, birth date, sex) a
/// dossier takes from the sign-in, and the contact details the form starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EidCitizen {
    pub full_name: String,
    /// The 12 digits.
    pub id_number: String,
    /// dd/mm/yyyy, or empty when the provider did not say.
    pub birth_date: String,
    pub sex: Option<Sex>,
    pub phone: String,
    pub email: String,
    /// The permanent residence as the provider wrote it (one line).
    pub residence: String,
}

/// What makes claims unusable: a dossier cannot be filed for nobody.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClaimProblem {
    #[error("the identity provider gave no personal identification number")]
    NoIdNumber,
    #[error("the identity provider gave no name")]
    NoName,
    #[error("the identity provider's account is not an individual's (LoaiTaiKhoan {0})")]
    NotAnIndividual(String),
}

impl EidCitizen {
    /// One citizen from either claim set; the gateway's names win where both are given.
    pub fn from_claims(g: &GatewayClaims, s: &StandardClaims) -> Result<EidCitizen, ClaimProblem> {
        if let Some(kind) = g.account_type.as_deref().map(str::trim).filter(|k| !k.is_empty() && *k != "1") {
            return Err(ClaimProblem::NotAnIndividual(kind.to_owned()));
        }
        let pick = |a: &Option<String>, b: &Option<String>| {
            a.as_deref().or(b.as_deref()).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
        };
        let id_number = g.id_number.as_deref().map(normalize_id_number).filter(|n| !n.is_empty());
        let birth_date = match (&g.birth_date, &s.birthdate) {
            (Some(compact), _) if compact.trim().len() == 8 => date_of(compact.trim(), [0..4, 4..6, 6..8]),
            (_, Some(iso)) => date_of(iso.trim(), [0..4, 5..7, 8..10]),
            _ => None,
        };
        Ok(EidCitizen {
            full_name: pick(&g.full_name, &s.name).ok_or(ClaimProblem::NoName)?,
            id_number: id_number.ok_or(ClaimProblem::NoIdNumber)?,
            birth_date: birth_date.map(|d| d.to_string()).unwrap_or_default(),
            sex: g.sex.as_deref().or(s.gender.as_deref()).and_then(sex_of),
            phone: pick(&g.phone, &s.phone_number).map(|p| national_phone(&p)).unwrap_or_default(),
            email: pick(&g.email, &s.email).unwrap_or_default(),
            residence: pick(&g.residence, &s.address).unwrap_or_default(),
        })
    }
}

impl EidCitizen {
    /// Writes the identity this e-ID vouches for over an applicant's: name, number, birth date
    /// and sex, as a citizen. What a signed-in citizen files carries these, whatever was typed.
    pub fn stamp(&self, applicant: &mut Applicant) {
        applicant.kind = ApplicantType::Citizen;
        applicant.full_name = self.full_name.clone();
        applicant.id_number = self.id_number.clone();
        if !self.birth_date.is_empty() {
            applicant.birth_date = self.birth_date.clone();
        }
        if self.sex.is_some() {
            applicant.sex = self.sex;
        }
    }

    /// An applicant's step as a signed-in citizen starts it: the identity stamped, and the phone
    /// and e-mail from the e-ID where none was typed yet (those stay editable).
    pub fn prefill(&self, applicant: &mut Applicant) {
        self.stamp(applicant);
        if applicant.phone.trim().is_empty() {
            applicant.phone = self.phone.clone();
        }
        if applicant.email.trim().is_empty() {
            applicant.email = self.email.clone();
        }
    }
}

/// The number as shown on a screen others may see: the province code and the last three digits
/// (`001******345`).
pub fn mask_id_number(id_number: &str) -> String {
    let chars: Vec<char> = id_number.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let (head, tail) = (3, chars.len() - 3);
    chars.iter().enumerate().map(|(i, c)| if i < head || i >= tail { *c } else { '*' }).collect()
}

/// The identification level an `acr` value names: `LoA1`/`LoA2` (any case, also at the end
/// of a URI), or a bare `1`/`2`.
pub fn level_of_acr(acr: &str) -> Option<u8> {
    let acr = acr.trim();
    let tail = acr.rsplit(['/', ':', '#']).next().unwrap_or(acr);
    let digits = if tail.len() > 3 && tail[..3].eq_ignore_ascii_case("loa") { &tail[3..] } else { tail };
    match digits {
        "1" => Some(1),
        "2" => Some(2),
        _ => None,
    }
}

/// The level a procedure asks of whoever files it online. Decree 69/2024/NĐ-CP gives a
/// level-1 account only some services; what commits land, a building or a business asks for
/// level 2 (the fields below, by their catalog slugs). Everything else takes level 1.
pub fn level_required(procedure: &Procedure) -> u8 {
    const LEVEL_2_FIELDS: [&str; 6] = ["dat-dai", "xay-dung", "doanh-nghiep", "ho-kinh-doanh", "hop-tac-xa", "dau-tu"];
    if LEVEL_2_FIELDS.contains(&procedure.field.slug.as_str()) {
        2
    } else {
        1
    }
}

fn date_of(text: &str, [y, m, d]: [std::ops::Range<usize>; 3]) -> Option<Date> {
    let number = |r: std::ops::Range<usize>| text.get(r)?.parse::<u32>().ok();
    Date::new(number(y)? as i32, u8::try_from(number(m)?).ok()?, u8::try_from(number(d)?).ok()?)
}

fn sex_of(value: &str) -> Option<Sex> {
    match crate::fold::fold_vietnamese(value.trim()).as_str() {
        "1" | "nam" | "male" | "m" => Some(Sex::Male),
        "2" | "nu" | "female" | "f" => Some(Sex::Female),
        _ => None,
    }
}

/// `+84912345678` or `84912345678` as the `0912345678` the forms take.
fn national_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("84") {
        Some(rest) if digits.len() == 11 && phone.trim_start().starts_with(['+', '8']) => format!("0{rest}"),
        _ => digits,
    }
}

/// A claim given as text or as a number (`"LoaiTaiKhoan": 1`).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Text {
        S(String),
        N(i64),
    }
    Ok(Option::<Text>::deserialize(d)?.map(|t| match t {
        Text::S(s) => s,
        Text::N(n) => n.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gateway() -> GatewayClaims {
        serde_json::from_str(
            r#"{"SoDinhDanh":"001099012345","HoVaTen":"Nguyễn Văn An","NgayThangNamSinh":"19990517",
               "GioiTinh":"1","SoDienThoai":"0912345678","ThuDienTu":"an@example.vn",
               "ThuongTru":"Số 12 phố Hàng Bài, Hà Nội","LoaiTaiKhoan":1,"IAL":2}"#,
        )
        .unwrap()
    }

    #[test]
    fn the_gateways_claims_make_a_citizen() {
        let citizen = EidCitizen::from_claims(&gateway(), &StandardClaims::default()).unwrap();
        assert_eq!(citizen.full_name, "Nguyễn Văn An");
        assert_eq!(citizen.id_number, "001099012345");
        assert_eq!(citizen.birth_date, "17/05/1999");
        assert_eq!(citizen.sex, Some(Sex::Male));
        assert_eq!(citizen.phone, "0912345678");
        assert_eq!(citizen.residence, "Số 12 phố Hàng Bài, Hà Nội");
    }

    #[test]
    fn standard_claims_stand_in_for_missing_ones() {
        let standard = StandardClaims {
            name: Some("Trần Thị Bình".into()),
            birthdate: Some("1988-01-02".into()),
            gender: Some("female".into()),
            phone_number: Some("+84987654321".into()),
            email: Some("binh@example.vn".into()),
            address: None,
        };
        let only_number = GatewayClaims { id_number: Some("026 188 000 111".into()), ..GatewayClaims::default() };
        let citizen = EidCitizen::from_claims(&only_number, &standard).unwrap();
        assert_eq!(citizen.full_name, "Trần Thị Bình");
        assert_eq!(citizen.id_number, "026188000111");
        assert_eq!(citizen.birth_date, "02/01/1988");
        assert_eq!(citizen.sex, Some(Sex::Female));
        assert_eq!(citizen.phone, "0987654321");
        // The gateway's names win where both are given.
        let both = EidCitizen::from_claims(&gateway(), &standard).unwrap();
        assert_eq!(both.full_name, "Nguyễn Văn An");
    }

    #[test]
    fn claims_without_a_number_or_of_a_business_are_refused() {
        let standard = StandardClaims { name: Some("An".into()), ..StandardClaims::default() };
        assert_eq!(EidCitizen::from_claims(&GatewayClaims::default(), &standard), Err(ClaimProblem::NoIdNumber));
        let business = GatewayClaims { account_type: Some("2".into()), ..gateway() };
        assert_eq!(EidCitizen::from_claims(&business, &standard), Err(ClaimProblem::NotAnIndividual("2".into())));
    }

    #[test]
    fn an_impossible_birth_date_is_left_empty() {
        let wrong = GatewayClaims { birth_date: Some("19990229".into()), ..gateway() };
        assert_eq!(EidCitizen::from_claims(&wrong, &StandardClaims::default()).unwrap().birth_date, "");
        let leap = GatewayClaims { birth_date: Some("20000229".into()), ..gateway() };
        assert_eq!(EidCitizen::from_claims(&leap, &StandardClaims::default()).unwrap().birth_date, "29/02/2000");
    }

    #[test]
    fn the_e_id_stamps_identity_and_prefills_only_empty_contacts() {
        let citizen = EidCitizen::from_claims(&gateway(), &StandardClaims::default()).unwrap();
        let mut applicant: Applicant = serde_json::from_str(
            r#"{"kind":"organisation","full_name":"Someone Else","id_number":"079000000001","birth_date":"01/01/2000",
                "sex":"female","phone":"0901234567","email":"","address":{"province":"","district":"","commune":"","street":""}}"#,
        )
        .unwrap();
        citizen.prefill(&mut applicant);
        assert_eq!(applicant.kind, ApplicantType::Citizen);
        assert_eq!((applicant.full_name.as_str(), applicant.id_number.as_str()), ("Nguyễn Văn An", "001099012345"));
        assert_eq!((applicant.birth_date.as_str(), applicant.sex), ("17/05/1999", Some(Sex::Male)));
        assert_eq!(applicant.phone, "0901234567", "a typed phone stays");
        assert_eq!(applicant.email, "an@example.vn", "an empty e-mail is filled");
    }

    #[test]
    fn levels_are_read_from_acr_values() {
        assert_eq!(level_of_acr("LoA2"), Some(2));
        assert_eq!(level_of_acr("loa1"), Some(1));
        assert_eq!(level_of_acr("https://vneid.gov.vn/acr/LoA2"), Some(2));
        assert_eq!(level_of_acr("2"), Some(2));
        assert_eq!(level_of_acr("LoA3"), None);
        assert_eq!(level_of_acr(""), None);
    }

    #[test]
    fn numbers_are_masked_but_for_province_and_last_digits() {
        assert_eq!(mask_id_number("001099012345"), "001******345");
        assert_eq!(mask_id_number("12345"), "*****");
    }
}
