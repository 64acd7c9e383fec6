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
