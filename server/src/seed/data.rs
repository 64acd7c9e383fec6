//! The shapes of the catalog data files (`server/data`, see its README).

use std::collections::BTreeMap;
use std::path::Path;

use dvc_core::catalog::{ApplicantType, Channel, LegalBasis, Level, OnlineMode, RequiredDocument};
use dvc_core::form::FormField;
use serde::Deserialize;

use super::SeedError;

#[derive(Debug, Deserialize)]
pub struct ProvinceFile {
    pub name: String,
    pub agency_code: String,
    pub portal_name: String,
    pub as_of: String,
    pub source: String,
    /// The figures of a published report the catalog must reproduce; none: each base
    /// procedure is placed where it is carried out, once (see `placement`).
    #[serde(default)]
    pub figures: Option<Figures>,
}

/// The published figures the catalog must reproduce (docs/domain.md, "Published figures").
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Figures {
    #[serde(flatten)]
    pub catalog: dvc_core::api::CatalogFigures,
    /// The report's other figures (payments, e-ID accounts), kept as published.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub struct FieldFile {
    pub slug: String,
    pub vi: String,
    pub en: String,
}

#[derive(Debug, Deserialize)]
pub struct AgencyFile {
    pub province: AgencyEntry,
    pub departments: Vec<Department>,
    /// The local units under the province, as deep as its structure goes: districts and their
    /// communes (three tiers, as before 1 July 2025), or communes and wards (two tiers).
    #[serde(alias = "districts")]
    pub units: Vec<Unit>,
    /// With two tiers: the agency that stands for every commune's people's committee, under
    /// which each commune-level procedure is listed once, for any commune to receive.
    #[serde(default)]
    pub any_commune: Option<AgencyEntry>,
}

#[derive(Debug, Deserialize)]
pub struct AgencyEntry {
    pub id: String,
    pub name: String,
    pub short: String,
}

#[derive(Debug, Deserialize)]
pub struct Department {
    pub id: String,
    pub name: String,
    pub short: String,
    #[serde(default)]
    pub fields: Vec<String>,
}

/// A local unit's people's committee, and the units under it. A unit with units under it is
/// a district; one without is a commune or ward.
#[derive(Debug, Deserialize)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub short: String,
    #[serde(default, alias = "communes")]
    pub units: Vec<Unit>,
}

/// A base procedure as published nationally, before it is placed under agencies.
#[derive(Debug, Clone, Deserialize)]
pub struct BaseProcedure {
    pub code: String,
    pub name: String,
    pub field: String,
    pub level: Level,
    pub also_level: Option<Level>,
    pub decision: String,
    pub kind: String,
    pub online_mode: OnlineMode,
    pub applicants: Vec<ApplicantType>,
    pub steps: Vec<String>,
    pub channels: Vec<Channel>,
    pub documents: Vec<RequiredDocument>,
    pub implementing_agency: String,
    pub competent_agency: String,
    pub where_to_submit: String,
    pub result: String,
    pub legal_basis: Vec<LegalBasis>,
    pub conditions: String,
    pub keywords: Vec<String>,
    pub description: String,
    /// Where the record's facts can be checked: a public page's address or the published
    /// decision.
    pub source: String,
}

impl BaseProcedure {
    pub fn has_fee(&self) -> bool {
        dvc_core::catalog::carries_fee(&self.channels)
    }
}

/// A procedure's own part of its online form.
#[derive(Debug, Deserialize)]
pub struct FormSpec {
    pub fields: Vec<FormField>,
}

/// Everything the seeder reads, plus a fingerprint of the bytes it came from.
pub struct CatalogData {
    pub province: ProvinceFile,
    pub fields: Vec<FieldFile>,
    pub agencies: AgencyFile,
    /// Sorted by code.
    pub bases: Vec<BaseProcedure>,
    /// Procedure-specific form questions by base code (`forms.json`).
    pub forms: BTreeMap<String, FormSpec>,
    pub fingerprint: String,
}

/// The dataset `scripts/run.sh` and the tests use unless `DVC_DATASET` names another.
pub const DEFAULT_DATASET: &str = "vinh-phuc-2023";

/// Reads the catalog: the shared files of `dir` (fields, forms, procedures) and the
/// province and its agencies from `dir/datasets/<dataset>/`.
pub fn load(dir: &Path, dataset: &str) -> Result<CatalogData, SeedError> {
    let valid =
        !dataset.is_empty() && dataset.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let set_dir = dir.join("datasets").join(dataset);
    if !valid || !set_dir.is_dir() {
        return Err(SeedError::Invalid(format!("no dataset {dataset:?} in {}", dir.join("datasets").display())));
    }
    let mut hasher = crate::fingerprint::Fingerprint::new();
    let mut read = |path: &Path| -> Result<Vec<u8>, SeedError> {
        let bytes = std::fs::read(path).map_err(|e| SeedError::Io(path.display().to_string(), e))?;
        hasher.write(path.file_name().map(|n| n.as_encoded_bytes()).unwrap_or_default());
        hasher.write(&bytes);
        Ok(bytes)
    };

    let p = set_dir.join("province.json");
    let province: ProvinceFile = parse(&p, &read(&p)?)?;
    let p = dir.join("fields.json");
    let fields: Vec<FieldFile> = parse(&p, &read(&p)?)?;
    let p = set_dir.join("agencies.json");
    let agencies: AgencyFile = parse(&p, &read(&p)?)?;

    let p = dir.join("forms.json");
    let forms: BTreeMap<String, FormSpec> = parse(&p, &read(&p)?)?;

    let proc_dir = dir.join("procedures");
    let mut files: Vec<_> = std::fs::read_dir(&proc_dir)
        .map_err(|e| SeedError::Io(proc_dir.display().to_string(), e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut bases = Vec::new();
    for f in &files {
        let list: Vec<BaseProcedure> = parse(f, &read(f)?)?;
        bases.extend(list);
    }
    bases.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(CatalogData { province, fields, agencies, bases, forms, fingerprint: hasher.hex() })
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, SeedError> {
    serde_json::from_slice(bytes).map_err(|e| SeedError::Parse(path.display().to_string(), e))
}
