//! The form of a procedure (`GET /procedures/{code}/form`) and a citizen's answers to it. The
//! check of the answers is in [`check`]: the same functions in the app (step by step) and the
//! server (on submit), so both report the same problems at the same paths.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::ApplicantType;
use crate::validation::{FileRules, Sex};

mod check;
pub use check::{
    check_receiver, keep_what_fits, validate_answers, validate_applicant, validate_applicant_for, validate_documents,
    validate_field, validate_fields, FieldError,
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormDefinition {
    pub procedure_code: String,
    pub procedure_name: String,
    /// Changes when the form changes: a draft made on another version is checked again.
    pub version: String,
    /// Who may apply.
    pub applicant_types: Vec<ApplicantType>,
    /// The procedure's own questions.
    pub fields: Vec<FormField>,
    /// One slot per required document of the procedure.
    pub documents: Vec<DocumentSlot>,
    /// The e-ID level who files it online must be signed in with, where signing in is on
    /// ([`crate::eid::level_required`]); 1 for most.
    #[serde(default = "level_one")]
    pub eid_level: u8,
    /// Whether an address names a district: only where the province still has that tier (not
    /// since 1 July 2025, when local government has two tiers, province and commune).
    #[serde(default = "yes")]
    pub district_tier: bool,
    /// With two tiers, a commune-level procedure is received by any commune or ward of the
    /// province: these, by name as the address pickers name them. The dossier goes to the
    /// applicant's own ([`FormDefinition::receiver`]). Empty: the procedure's agency receives it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receivers: Vec<Receiver>,
}

/// A unit that may receive a dossier: its agency id (which begins the dossier's code) and
/// its name ("Phường Việt Trì").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receiver {
    pub id: String,
    pub name: String,
}

impl FormDefinition {
    /// Where a dossier of this applicant goes when any commune receives the procedure: the
    /// commune or ward of their address. `None` when the procedure's agency receives it, or
    /// when the address names no commune of the province (a problem the check reports at
    /// `applicant.address.commune`).
    pub fn receiver(&self, applicant: &Applicant) -> Option<&Receiver> {
        let commune = applicant.address.commune.trim();
        self.receivers.iter().find(|r| r.name == commune)
    }
}

fn level_one() -> u8 {
    1
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FieldKind {
    Text,
    LongText,
    /// dd/mm/yyyy, not after today.
    Date,
    Number,
    Select,
    Checkbox,
    /// A citizen ID number (CCCD), checked for its structure.
    CitizenId,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    pub id: String,
    pub label: String,
    pub label_en: String,
    pub kind: FieldKind,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// For `select`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
    pub label_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentSlot {
    pub id: String,
    pub name: String,
    pub required: bool,
    /// As published: "1 bản chính".
    pub quantity: String,
    pub rules: FileRules,
}

/// Where the applicant lives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    pub province: String,
    pub district: String,
    pub commune: String,
    pub street: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applicant {
    pub kind: ApplicantType,
    pub full_name: String,
    /// CCCD for a citizen, tax code for an organisation.
    pub id_number: String,
    /// dd/mm/yyyy (citizens).
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub sex: Option<Sex>,
    pub phone: String,
    #[serde(default)]
    pub email: String,
    pub address: Address,
}

/// A citizen's answers to a form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answers {
    pub applicant: Applicant,
    /// Field id → answer as typed ("true"/"" for checkboxes).
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// Document slot id → upload ids.
    #[serde(default)]
    pub documents: BTreeMap<String, Vec<String>>,
    /// Slots whose paper copy the citizen will hand in at the counter instead.
    #[serde(default)]
    pub paper_copies: Vec<String>,
}
