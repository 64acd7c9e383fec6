//! Drafts and their not-yet-uploaded files, kept in IndexedDB so they survive a reload, a
//! killed tab and no connection. Two stores: `drafts` (procedure code → the draft's JSON)
//! and `files` (local file id → the file's Blob). Where IndexedDB is unavailable (some
//! private windows) drafts fall back to localStorage, without their files.

use std::cell::RefCell;

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbRequest, IdbTransactionMode};

use crate::draft::Draft;

const DB_NAME: &str = "dvc";
const DB_VERSION: u32 = 1;
const DRAFTS: &str = "drafts";
const FILES: &str = "files";
const FALLBACK_PREFIX: &str = "dvc.draft.";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Waits for an IndexedDB request: its result, or its error.
async fn settle(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let failed = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = Closure::once_into_js(move || {
            let _ = reject
                .call1(&JsValue::NULL, &failed.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL));
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|db| db.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            let names = db.object_store_names();
            for store in [DRAFTS, FILES] {
                if !names.contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: IdbDatabase = settle(&request).await?.dyn_into()?;
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

/// Keeps a draft. `false` when the device could not keep it.
pub async fn save(draft: &Draft) -> bool {
    let Ok(json) = serde_json::to_string(draft) else { return false };
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
    if let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) {
        if let Ok(request) = factory.delete_database(DB_NAME) {
            // A deletion waits for every connection to close; a page about to reload must
            // not wait for that. The request stays queued and runs before the next open.
            let done = Promise::new(&mut |resolve, _| {
                request.set_onsuccess(Some(&resolve));
                request.set_onerror(Some(&resolve));
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1000);
                }
            });
            let _ = JsFuture::from(done).await;
        }
    }
}
