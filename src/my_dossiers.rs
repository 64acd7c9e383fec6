//! The dossiers filed or looked up on this device, with who may see them (the CCCD or phone
//! given) and the last status seen, so "Hồ sơ của tôi" can follow them and say when one moves.
//! Kept in localStorage; "Quên trên thiết bị này" removes one.

use serde::{Deserialize, Serialize};

const KEY: &str = "dvc.my-dossiers";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyDossier {
    pub code: String,
    pub procedure_name: String,
    /// The CCCD, tax code or phone that opens it.
    pub applicant: String,
    pub status: u8,
    pub status_name: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn list() -> Vec<MyDossier> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

fn save(all: &[MyDossier]) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(all)) {
        let _ = s.set_item(KEY, &json);
    }
}

pub fn find(code: &str) -> Option<MyDossier> {
    list().into_iter().find(|d| d.code == code)
}

/// Keeps (or refreshes) a dossier; returns the status seen before, if it was known.
pub fn remember(entry: MyDossier) -> Option<u8> {
    let mut all = list();
    let before = all.iter().find(|d| d.code == entry.code).map(|d| d.status);
    all.retain(|d| d.code != entry.code);
    all.insert(0, entry);
    save(&all);
    before
}

pub fn forget(code: &str) {
    let mut all = list();
    all.retain(|d| d.code != code);
    save(&all);
}
