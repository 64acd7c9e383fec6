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
    pub figures: Figures,
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
    pub districts: Vec<District>,
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

#[derive(Debug, Deserialize)]
pub struct District {
    pub id: String,
    pub name: String,
    pub short: String,
    pub communes: Vec<AgencyEntry>,
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

pub fn load(dir: &Path) -> Result<CatalogData, SeedError> {
    let mut hasher = crate::fingerprint::Fingerprint::new();
    let mut read = |path: &Path| -> Result<Vec<u8>, SeedError> {
        let bytes = std::fs::read(path).map_err(|e| SeedError::Io(path.display().to_string(), e))?;
        hasher.write(path.file_name().map(|n| n.as_encoded_bytes()).unwrap_or_default());
        hasher.write(&bytes);
        Ok(bytes)
    };

    let p = dir.join("province.json");
    let province: ProvinceFile = parse(&p, &read(&p)?)?;
    let p = dir.join("fields.json");
    let fields: Vec<FieldFile> = parse(&p, &read(&p)?)?;
    let p = dir.join("agencies.json");
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
