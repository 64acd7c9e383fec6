//! The citizen's wallet on their own device: the applicant details and the documents of a
//! filing, kept (with their consent, encrypted by the app) so the next form is prefilled and a
//! document already given to the system is offered again instead of uploaded twice ("one-time
//! data entry"). This module holds what is kept and the rules of offering it; the app keeps it.
//!
//! A document is kept as the receipt the server gave for its upload: the server keeps the
//! files a dossier took, so a later dossier can name the same upload without sending its
//! bytes again.

use serde::{Deserialize, Serialize};

use crate::api::UploadReceipt;
use crate::date::Date;
use crate::fold::fold_vietnamese;
use crate::form::FieldError;
use crate::validation::{
    normalize_phone, plain_text, validate_birth_date, validate_cccd, validate_email, Problem, Sex,
};

/// Everything kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Wallet {
    pub profile: Option<Profile>,
    pub documents: Vec<KeptDocument>,
}

/// The applicant details kept, as the forms ask them (the address without a district: two
/// tiers since 1 July 2025). With the e-ID the identity fields come from the e-ID instead, and
/// are not kept here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub full_name: String,
    pub id_number: String,
    pub birth_date: String,
    /// `male` or `female`, as the forms' values.
    pub sex: String,
    pub phone: String,
    pub email: String,
    pub province: String,
    /// Only where the province still has districts; empty with two tiers.
    pub district: String,
    pub commune: String,
    pub street: String,
}

impl Profile {
    /// Whether nothing is kept in it.
    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }

    /// What is wrong with the details as edited on the wallet's page (`profile.<field>`): each
    /// given one is checked as the forms check it; an empty one is simply not kept.
    pub fn check(&self, today: Date) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut check = |path: &str, value: &str, result: &dyn Fn(&str) -> Result<(), Problem>| {
            if !value.trim().is_empty() {
                if let Err(problem) = result(value) {
                    errors.push(FieldError { path: format!("profile.{path}"), problem });
                }
            }
        };
        let sex = match self.sex.as_str() {
            "male" => Some(Sex::Male),
            "female" => Some(Sex::Female),
            _ => None,
        };
        let birth = validate_birth_date(&self.birth_date, today).ok();
        check("full_name", &self.full_name, &|v| plain_text(v, false));
        check("birth_date", &self.birth_date, &|v| validate_birth_date(v, today).map(|_| ()));
        check("id_number", &self.id_number, &|v| validate_cccd(v, birth, sex).map(|_| ()));
        check("phone", &self.phone, &|v| normalize_phone(v).map(|_| ()));
        check("email", &self.email, &|v| validate_email(v).map(|_| ()));
        check("street", &self.street, &|v| plain_text(v, false));
        errors
    }
}

/// A document given with a filing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptDocument {
    /// The document's name as the procedure asked for it ("Giấy tờ tùy thân (hộ chiếu, …)").
    pub name: String,
    /// What the server kept (its id names the file in a later dossier).
    pub upload: UploadReceipt,
    /// The day it was filed, dd/mm/yyyy.
    pub filed_on: String,
}

impl Wallet {
    /// Keeps a document, replacing one of the same name and file.
    pub fn keep(&mut self, document: KeptDocument) {
        self.documents
            .retain(|d| !(same_document(&d.name, &document.name) && d.upload.sha256 == document.upload.sha256));
        self.documents.push(document);
    }

    /// The kept document to offer for a slot of this name: the latest kept of the same
    /// document, if any.
    pub fn offer(&self, slot_name: &str) -> Option<&KeptDocument> {
        self.documents.iter().rev().find(|d| same_document(&d.name, slot_name))
    }

    pub fn is_empty(&self) -> bool {
        self.profile.as_ref().is_none_or(Profile::is_empty) && self.documents.is_empty()
    }
}

/// Whether two document names ask for the same paper: equal once folded (no diacritics, case
/// or spacing) and without the kind of copy asked ("bản sao", "bản chính"…).
pub fn same_document(a: &str, b: &str) -> bool {
    let a = comparable(a);
    !a.is_empty() && a == comparable(b)
}

fn comparable(name: &str) -> String {
    let folded = fold_vietnamese(name).to_lowercase();
    let mut words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for copy in [&["ban", "sao", "co", "chung", "thuc"][..], &["ban", "sao"], &["ban", "chinh"], &["ban", "goc"]] {
        if words.starts_with(copy) {
            words.drain(..copy.len());
            break;
        }
    }
    words.join(" ")
}

/// A document's name short enough for a button: up to its first bracket, semicolon or comma.
pub fn short_name(name: &str) -> &str {
    let end = name.find(['(', ';', ',', ':']).unwrap_or(name.len());
    let short = name[..end].trim();
    if short.is_empty() {
        name.trim()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::FileKind;

    const ID_PAPER: &str = "Giấy tờ tùy thân (hộ chiếu, thẻ Căn cước công dân hoặc giấy tờ khác có ảnh, còn giá trị sử dụng) để xuất trình";

    fn kept(name: &str, sha: &str, on: &str) -> KeptDocument {
        KeptDocument {
            name: name.into(),
            upload: UploadReceipt {
                id: format!("id-{sha}"),
                name: "cccd.pdf".into(),
                kind: FileKind::Pdf,
                size: 10,
                sha256: sha.into(),
            },
            filed_on: on.into(),
        }
    }

    #[test]
    fn a_document_is_offered_for_a_slot_asking_for_the_same_paper() {
        let mut wallet = Wallet::default();
        wallet.keep(kept(ID_PAPER, "a", "02/12/2026"));
        wallet.keep(kept("Bản sao Giấy khai sinh", "b", "02/12/2026"));
        assert_eq!(wallet.offer(&ID_PAPER.to_uppercase()).map(|d| d.upload.sha256.as_str()), Some("a"));
        assert_eq!(
            wallet.offer("giay khai sinh").map(|d| d.upload.sha256.as_str()),
            Some("b"),
            "without diacritics or the copy's kind"
        );
        assert_eq!(wallet.offer("Bản chính Giấy khai sinh").map(|d| d.upload.sha256.as_str()), Some("b"));
        assert!(wallet.offer("Giấy chứng sinh").is_none());
        assert!(wallet.offer("Bản sao").is_none(), "a name that is only the copy's kind matches nothing");
    }

    #[test]
    fn the_latest_is_offered_and_the_same_file_is_kept_once() {
        let mut wallet = Wallet::default();
        wallet.keep(kept(ID_PAPER, "a", "01/12/2026"));
        wallet.keep(kept(ID_PAPER, "b", "02/12/2026"));
        wallet.keep(kept(ID_PAPER, "a", "03/12/2026"));
        assert_eq!(wallet.documents.len(), 2);
        assert_eq!(wallet.offer(ID_PAPER).map(|d| d.filed_on.as_str()), Some("03/12/2026"));
        assert!(!wallet.is_empty());
        assert!(Wallet { profile: Some(Profile::default()), documents: vec![] }.is_empty());
    }

    #[test]
    fn edited_details_are_checked_as_the_forms_check_them_and_empty_ones_pass() {
        let today = Date::new(2026, 12, 3).unwrap();
        let good = Profile {
            full_name: "Đỗ Thị Quyên".into(),
            id_number: "026190077031".into(),
            birth_date: "01/01/1990".into(),
            sex: "female".into(),
            phone: "0912077031".into(),
            ..Profile::default()
        };
        assert_eq!(good.check(today), vec![]);
        assert_eq!(Profile::default().check(today), vec![], "nothing given, nothing wrong");
        let bad = Profile { phone: "12345".into(), email: "a@".into(), id_number: "026090077031".into(), ..good };
        let paths: Vec<String> = bad.check(today).into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            vec!["profile.id_number", "profile.phone", "profile.email"],
            "the CCCD's century and sex digit disagree with 1990, female"
        );
    }

    #[test]
    fn a_button_names_a_document_shortly() {
        assert_eq!(short_name(ID_PAPER), "Giấy tờ tùy thân");
        assert_eq!(short_name("Giấy chứng sinh; nếu không có thì văn bản xác nhận"), "Giấy chứng sinh");
        assert_eq!(short_name("Tờ khai đăng ký khai sinh"), "Tờ khai đăng ký khai sinh");
        assert_eq!(short_name("(nếu có) Văn bản"), "(nếu có) Văn bản");
    }
}
