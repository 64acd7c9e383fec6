//! Drafts and their not-yet-uploaded files, kept in IndexedDB so they survive a reload, a
//! killed tab and no connection. Two stores: `drafts` (procedure code → the draft's JSON)
//! and `files` (local file id → the file's Blob). Where IndexedDB is unavailable (some
//! private windows) drafts fall back to localStorage, without their files.

use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase, IdbTransactionMode};

use crate::idb::{self, settle};

use crate::draft::Draft;

const DB_NAME: &str = "dvc";
const DB_VERSION: u32 = 1;
const DRAFTS: &str = "drafts";
const FILES: &str = "files";
const FALLBACK_PREFIX: &str = "dvc.draft.";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

async fn open() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|db| db.borrow().clone()) {
        return Ok(db);
    }
    let db = idb::open(DB_NAME, DB_VERSION, &[DRAFTS, FILES]).await?;
    DB.with(|slot| *slot.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn put(store: &str, key: &str, value: &JsValue) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    settle(&tx.object_store(store)?.put_with_key(value, &JsValue::from_str(key))?).await.map(|_| ())
}

async fn get(store: &str, key: &str) -> Result<JsValue, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(store)?;
    settle(&tx.object_store(store)?.get(&JsValue::from_str(key))?).await
}

async fn delete(store: &str, key: &str) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    settle(&tx.object_store(store)?.delete(&JsValue::from_str(key))?).await.map(|_| ())
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The draft for a procedure, if there is one.
pub async fn load(code: &str) -> Option<Draft> {
    let json = match get(DRAFTS, code).await {
        Ok(value) => value.as_string(),
        Err(_) => local_storage().and_then(|s| s.get_item(&format!("{FALLBACK_PREFIX}{code}")).ok().flatten()),
    }?;
    serde_json::from_str(&json).ok()
}

/// Keeps a draft; a filed one without its answers ([`Draft::filed_record`]). `false` when the
/// device could not keep it.
pub async fn save(draft: &Draft) -> bool {
    let kept = draft.receipt.as_ref().map(|_| draft.filed_record());
    let Ok(json) = serde_json::to_string(kept.as_ref().unwrap_or(draft)) else { return false };
    match put(DRAFTS, &draft.procedure_code, &JsValue::from_str(&json)).await {
        Ok(()) => true,
        Err(_) => local_storage()
            .is_some_and(|s| s.set_item(&format!("{FALLBACK_PREFIX}{}", draft.procedure_code), &json).is_ok()),
    }
}

/// Forgets a draft and the files it kept.
pub async fn remove(draft: &Draft) {
    for files in draft.documents.values() {
        for file in files {
            let _ = delete(FILES, &file.local_id).await;
        }
    }
    if delete(DRAFTS, &draft.procedure_code).await.is_err() {
        if let Some(s) = local_storage() {
            let _ = s.remove_item(&format!("{FALLBACK_PREFIX}{}", draft.procedure_code));
        }
    }
}

/// Every draft on the device, the most recently changed first.
pub async fn list() -> Vec<Draft> {
    let mut drafts: Vec<Draft> = match all_drafts().await {
        Ok(values) => {
            values.iter().filter_map(|v| v.as_string()).filter_map(|json| serde_json::from_str(&json).ok()).collect()
        }
        Err(_) => {
            let Some(s) = local_storage() else { return Vec::new() };
            let keys: Vec<String> = (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()).collect();
            keys.iter()
                .filter(|k| k.starts_with(FALLBACK_PREFIX))
                .filter_map(|k| s.get_item(k).ok().flatten())
                .filter_map(|json| serde_json::from_str(&json).ok())
                .collect()
        }
    };
    drafts.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
    drafts
}

async fn all_drafts() -> Result<Array, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(DRAFTS)?;
    Ok(settle(&tx.object_store(DRAFTS)?.get_all()?).await?.unchecked_into())
}

/// Keeps a file's bytes until the server has them.
pub async fn put_file(local_id: &str, blob: &Blob) -> bool {
    put(FILES, local_id, blob).await.is_ok()
}

/// A kept file's bytes.
pub async fn file(local_id: &str) -> Option<Blob> {
    get(FILES, local_id).await.ok()?.dyn_into().ok()
}

pub async fn remove_file(local_id: &str) {
    let _ = delete(FILES, local_id).await;
}

/// Deletes every draft and kept file (the whole database): a kiosk session's end.
pub async fn erase_all() {
    if let Some(db) = DB.with(|db| db.borrow_mut().take()) {
        db.close();
    }
    idb::delete(DB_NAME).await;
}
