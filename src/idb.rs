//! IndexedDB's callbacks as futures: opening a database (making its stores), waiting for a
//! request, deleting a database. The drafts (`draft_store`) and the wallet (`wallet_store`)
//! keep their data through these.

use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest};

/// Waits for an IndexedDB request: its result, or its error.
pub async fn settle(request: &IdbRequest) -> Result<JsValue, JsValue> {
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

/// Opens the database `name` at `version`, making any of `stores` it lacks.
pub async fn open(name: &str, version: u32, stores: &'static [&'static str]) -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(name, version)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            let names = db.object_store_names();
            for store in stores {
                if !names.contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    settle(&request).await?.dyn_into()
}

/// Opens the database `name` only if it exists: `Err` (and nothing made) if it does not.
pub async fn open_existing(name: &str) -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).ok_or(JsValue::NULL)?;
    let request = factory.open(name)?;
    let upgrading = request.clone();
    // A database being made is one that was not there: the open is aborted, so none is made.
    let on_upgrade = Closure::once_into_js(move || {
        if let Some(tx) = upgrading.transaction() {
            let _ = tx.abort();
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    settle(&request).await?.dyn_into()
}

/// Deletes the database `name` (its connections closed first by the caller).
pub async fn delete(name: &str) {
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else { return };
    let Ok(request) = factory.delete_database(name) else { return };
    // A deletion waits for every connection to close; a page about to reload must not wait for
    // that. The request stays queued and runs before the next open.
    let done = Promise::new(&mut |resolve, _| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&resolve));
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1000);
        }
    });
    let _ = JsFuture::from(done).await;
}
