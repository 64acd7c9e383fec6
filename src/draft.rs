//! A dossier being written: everything the citizen has answered for one procedure, kept on
//! the device as it changes (see [`crate::draft_store`]) until it is filed.

use std::collections::BTreeMap;

use dvc_core::api::{DossierReceipt, UploadReceipt};
use dvc_core::catalog::ApplicantType;
use dvc_core::form::{keep_what_fits, Address, Answers, Applicant, FormDefinition};
use dvc_core::validation::{FileKind, Sex};
use dvc_core::wallet::{KeptDocument, Profile, Wallet};
use serde::{Deserialize, Serialize};

/// The applicant's answers as typed (selects and radios as their values).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicantDraft {
    pub kind: String,
    pub full_name: String,
    pub id_number: String,
    pub birth_date: String,
    pub sex: String,
    pub phone: String,
    pub email: String,
    pub province: String,
    pub district: String,
    pub commune: String,
    pub street: String,
}

impl ApplicantDraft {
    pub fn applicant(&self) -> Applicant {
        Applicant {
            kind: if self.kind == "organisation" { ApplicantType::Organisation } else { ApplicantType::Citizen },
            full_name: self.full_name.clone(),
            id_number: self.id_number.clone(),
            birth_date: self.birth_date.clone(),
            sex: match self.sex.as_str() {
                "male" => Some(Sex::Male),
                "female" => Some(Sex::Female),
                _ => None,
            },
            phone: self.phone.clone(),
            email: self.email.clone(),
            address: Address {
                province: self.province.clone(),
                district: self.district.clone(),
                commune: self.commune.clone(),
                street: self.street.clone(),
            },
        }
    }
}

impl ApplicantDraft {
    /// Fills the answers still empty from the wallet's details: with the e-ID
    /// (`identity_from_eid`) the identity comes from it, so only the contact and address do.
    /// Whether anything was filled.
    pub fn prefill(&mut self, kept: &Profile, identity_from_eid: bool) -> bool {
        let mut filled = false;
        let mut fill = |answer: &mut String, kept: &str| {
            if answer.trim().is_empty() && !kept.trim().is_empty() {
                *answer = kept.to_owned();
                filled = true;
            }
        };
        if !identity_from_eid {
            fill(&mut self.full_name, &kept.full_name);
            fill(&mut self.id_number, &kept.id_number);
            fill(&mut self.birth_date, &kept.birth_date);
            fill(&mut self.sex, &kept.sex);
        }
        fill(&mut self.phone, &kept.phone);
        fill(&mut self.email, &kept.email);
        fill(&mut self.province, &kept.province);
        fill(&mut self.district, &kept.district);
        fill(&mut self.commune, &kept.commune);
        fill(&mut self.street, &kept.street);
        filled
    }

    /// The details a citizen's filing gives the wallet (an organisation's are not a person's
    /// to keep); with the e-ID, without the identity it gives.
    pub fn profile(&self, identity_from_eid: bool) -> Option<Profile> {
        if self.kind == "organisation" {
            return None;
        }
        let identity = |value: &String| if identity_from_eid { String::new() } else { value.clone() };
        Some(Profile {
            full_name: identity(&self.full_name),
            id_number: identity(&self.id_number),
            birth_date: identity(&self.birth_date),
            sex: identity(&self.sex),
            phone: self.phone.clone(),
            email: self.email.clone(),
            province: self.province.clone(),
            district: self.district.clone(),
            commune: self.commune.clone(),
            street: self.street.clone(),
        })
    }
}

impl Draft {
    /// Keeps this filing in the wallet: the applicant's details, and every document the server
    /// holds, by the name its slot has in `form`, as filed on `filed_on` (dd/mm/yyyy).
    pub fn keep_in(&self, wallet: &mut Wallet, form: &FormDefinition, filed_on: &str, identity_from_eid: bool) {
        if let Some(profile) = self.applicant.profile(identity_from_eid) {
            wallet.profile = Some(profile);
        }
        for slot in &form.documents {
            for file in self.documents.get(&slot.id).into_iter().flatten() {
                if let Some(upload) = &file.upload {
                    wallet.keep(KeptDocument {
                        name: slot.name.clone(),
                        upload: upload.clone(),
                        filed_on: filed_on.to_owned(),
                    });
                }
            }
        }
    }
}

/// A file attached to a document slot. Its bytes stay on the device (under `local_id`) until
/// the server has them; then `upload` holds what the server kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftFile {
    pub local_id: String,
    pub name: String,
    pub size: u64,
    pub kind: FileKind,
    #[serde(default)]
    pub upload: Option<UploadReceipt>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub procedure_code: String,
    pub procedure_name: String,
    /// The form version the answers were given on.
    pub form_version: String,
    pub applicant: ApplicantDraft,
    pub fields: BTreeMap<String, String>,
    pub documents: BTreeMap<String, Vec<DraftFile>>,
    pub paper_copies: Vec<String>,
    pub declared: bool,
    /// The furthest step reached (1–5), for the list of drafts.
    pub step: u8,
    /// Kept with the body it was made for: a retry of the same answers reuses it (one dossier),
    /// changed answers get a new one.
    pub idempotency_key: Option<String>,
    pub key_body: Option<String>,
    /// Set once filed.
    pub receipt: Option<DossierReceipt>,
    /// Filed with no connection: waiting in the outbox ("Đang chờ gửi") to be sent, with its
    /// key and body, when the connection returns.
    pub queued: bool,
    /// Milliseconds since 1970, of the last change.
    pub saved_at: f64,
    /// Filed, and kept on the device without its answers ([`Draft::filed_record`]).
    pub answers_dropped: bool,
}

impl Draft {
    pub fn new(form: &FormDefinition) -> Draft {
        Draft {
            procedure_code: form.procedure_code.clone(),
            procedure_name: form.procedure_name.clone(),
            form_version: form.version.clone(),
            step: 1,
            ..Draft::default()
        }
    }

    /// What the device keeps of a filed draft: its receipt, for the confirmation page, and the
    /// applicant's ID number, which opens the fee's payment (as "Hồ sơ của tôi" keeps it); not
    /// the answers (a child's name, a parent's CCCD, an address), the files or the key.
    pub fn filed_record(&self) -> Draft {
        Draft {
            applicant: ApplicantDraft {
                kind: self.applicant.kind.clone(),
                id_number: self.applicant.id_number.clone(),
                ..ApplicantDraft::default()
            },
            fields: BTreeMap::new(),
            documents: BTreeMap::new(),
            paper_copies: Vec::new(),
            idempotency_key: None,
            key_body: None,
            answers_dropped: true,
            ..self.clone()
        }
    }

    /// The answers as the API takes them: only files the server holds are named.
    pub fn answers(&self) -> Answers {
        Answers {
            applicant: self.applicant.applicant(),
            fields: self
                .fields
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            documents: self.uploaded_ids(),
            paper_copies: self.paper_copies.clone(),
        }
    }

    /// Slot → ids of the files the server holds.
    pub fn uploaded_ids(&self) -> BTreeMap<String, Vec<String>> {
        self.documents
            .iter()
            .map(|(slot, files)| {
                (slot.clone(), files.iter().filter_map(|f| f.upload.as_ref().map(|u| u.id.clone())).collect::<Vec<_>>())
            })
            .filter(|(_, ids)| !ids.is_empty())
            .collect()
    }

    /// Brings a draft made on an older form to the current one, keeping what still fits.
    /// Returns how many answers had to go.
    pub fn fit_to(&mut self, form: &FormDefinition) -> usize {
        if self.form_version == form.version {
            return 0;
        }
        let mut ids: BTreeMap<String, Vec<String>> = self
            .documents
            .iter()
            .map(|(slot, files)| (slot.clone(), files.iter().map(|f| f.local_id.clone()).collect()))
            .collect();
        let dropped = keep_what_fits(form, &mut self.fields, &mut ids, &mut self.paper_copies);
        self.documents.retain(|slot, _| ids.contains_key(slot));
        self.form_version = form.version.clone();
        self.procedure_name = form.procedure_name.clone();
        dropped.len()
    }

    /// Files whose bytes are on the device but not yet on the server.
    pub fn pending_files(&self) -> impl Iterator<Item = (&str, &DraftFile)> {
        self.documents
            .iter()
            .flat_map(|(slot, files)| files.iter().filter(|f| f.upload.is_none()).map(move |f| (slot.as_str(), f)))
    }
}

/// A fresh random id (a UUID from the browser's generator): local file ids, idempotency keys.
pub fn random_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e15) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> Draft {
        let mut draft = Draft {
            procedure_code: "1.001193".into(),
            procedure_name: "Thủ tục đăng ký khai sinh".into(),
            step: 4,
            applicant: ApplicantDraft {
                kind: "citizen".into(),
                full_name: "Lê Thị Hoa".into(),
                id_number: "001199012346".into(),
                birth_date: "02/03/1999".into(),
                sex: "female".into(),
                phone: "0912345678".into(),
                street: "Số 7 ngõ Huế".into(),
                commune: "Phường Tích Sơn".into(),
                ..ApplicantDraft::default()
            },
            idempotency_key: Some("key".into()),
            key_body: Some("{}".into()),
            ..Draft::default()
        };
        draft.fields.insert("ho_ten_tre".into(), "Nguyễn Minh Châu".into());
        draft.paper_copies.push("giay_to_1".into());
        draft.documents.insert(
            "giay_to_2".into(),
            vec![DraftFile {
                local_id: "l1".into(),
                name: "cccd.pdf".into(),
                size: 10,
                kind: FileKind::Pdf,
                upload: None,
            }],
        );
        draft
    }

    #[test]
    fn a_filed_draft_keeps_its_receipt_and_the_id_that_opens_the_payment_and_no_answer() {
        let mut draft = filled();
        draft.receipt = Some(DossierReceipt {
            code: "H62-270205-0001".into(),
            receipt_number: "0001".into(),
            procedure_code: "1.001193".into(),
            procedure_name: "Thủ tục đăng ký khai sinh".into(),
            agency: "UBND phường Tích Sơn".into(),
            status: 1,
            status_name: "Mới đăng ký".into(),
            received_on: "05/02/2027".into(),
            appointment_on: "11/02/2027".into(),
        });
        let kept = draft.filed_record();
        assert!(kept.answers_dropped);
        assert_eq!(kept.receipt, draft.receipt);
        assert_eq!((kept.procedure_code.as_str(), kept.step), ("1.001193", 4));
        assert_eq!(kept.applicant.id_number, "001199012346");
        assert_eq!(
            kept.applicant,
            ApplicantDraft { kind: "citizen".into(), id_number: "001199012346".into(), ..ApplicantDraft::default() }
        );
        assert!(kept.fields.is_empty() && kept.documents.is_empty() && kept.paper_copies.is_empty());
        assert_eq!((kept.idempotency_key, kept.key_body), (None, None));
        let json = serde_json::to_string(&draft.filed_record()).unwrap();
        for answer in ["Lê Thị Hoa", "Số 7 ngõ Huế", "Nguyễn Minh Châu", "0912345678", "cccd.pdf"] {
            assert!(!json.contains(answer), "{answer} in {json}");
        }
        // A draft kept before this rule is read as one with its answers.
        let old: Draft = serde_json::from_str(r#"{"procedure_code":"1.001193","step":2}"#).unwrap();
        assert!(!old.answers_dropped);
    }

    #[test]
    fn with_the_e_id_the_wallet_keeps_and_prefills_only_what_the_e_id_does_not_give() {
        let draft = filled();
        let with_eid = draft.applicant.profile(true).unwrap();
        assert_eq!(
            (with_eid.full_name.as_str(), with_eid.id_number.as_str(), with_eid.birth_date.as_str()),
            ("", "", "")
        );
        assert_eq!((with_eid.phone.as_str(), with_eid.street.as_str()), ("0912345678", "Số 7 ngõ Huế"));
        let without = draft.applicant.profile(false).unwrap();
        assert_eq!(without.id_number, "001199012346");

        let mut next = ApplicantDraft::default();
        assert!(next.prefill(&without, true));
        assert_eq!((next.full_name.as_str(), next.id_number.as_str()), ("", ""), "the identity comes from the e-ID");
        assert_eq!((next.phone.as_str(), next.street.as_str()), ("0912345678", "Số 7 ngõ Huế"));
        let mut typed = ApplicantDraft { street: "Số 1 Trần Phú".into(), ..ApplicantDraft::default() };
        assert!(typed.prefill(&without, false));
        assert_eq!(typed.street, "Số 1 Trần Phú", "an answer given is not overwritten");
        assert_eq!(typed.id_number, "001199012346");
        // An organisation's details are not a person's to keep.
        let organisation = ApplicantDraft { kind: "organisation".into(), ..draft.applicant.clone() };
        assert_eq!(organisation.profile(false), None);
    }
}
