//! Dossiers filed with no connection wait here ("Đang chờ gửi") and are sent when the
//! connection returns, each with the idempotency key and body saved when it was filed, so
//! each lands exactly once however many times sending is tried.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use dvc_core::api::{DossierReceipt, SubmitDossier};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api;
use crate::draft_store;
use crate::my_dossiers::{self, MyDossier};

/// Receipts of queued dossiers that have gone through, for the pages waiting on them.
#[derive(Clone, Copy)]
pub struct Outbox {
    pub sent: RwSignal<Vec<DossierReceipt>>,
}

/// Set while a dossier waits to be sent, so a start with nothing waiting loads none of the
/// sending code (it is a chunk of its own in the release build).
const WAITING_KEY: &str = "dvc.outbox";

pub fn provide_outbox() -> Outbox {
    let outbox = Outbox { sent: RwSignal::new(Vec::new()) };
    provide_context(outbox);
    flush(outbox);
    let on_online = Closure::<dyn Fn()>::new(move || flush(outbox));
    let _ = window().add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
    outbox
}

pub fn use_outbox() -> Option<Outbox> {
    use_context::<Outbox>()
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// A dossier was queued: send it when the connection returns (or at the next start).
pub fn mark_waiting() {
    if let Some(s) = storage() {
        let _ = s.set_item(WAITING_KEY, "1");
    }
}

/// Sends every queued dossier once more, if any waits.
pub fn flush(outbox: Outbox) {
    if storage().and_then(|s| s.get_item(WAITING_KEY).ok().flatten()).is_some() {
        leptos::task::spawn_local(async move {
            // The sending code is a chunk of its own: on a line that just came back it may not
            // load, which must not end the app; it is tried again later like a lost answer.
            #[cfg(feature = "split")]
            let sender = sender(outbox).await;
            #[cfg(not(feature = "split"))]
            let sender = sender(outbox);
            match sender {
                Ok(sending) => sending.await,
                Err(_) => retry_later(outbox),
            }
        });
    }
}

/// What sends the waiting dossiers, from the chunk it lives in (loaded on first use; a load
/// that fails is an error, not an abort, and is tried afresh next time).
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(outbox_sender, fallible, wasm_split_path = ::leptos::wasm_split))]
fn sender(
    outbox: Outbox,
) -> Result<std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(send_waiting(outbox)))
}

async fn send_waiting(outbox: Outbox) {
    let mut still_waiting = false;
    // Only a lost connection is worth trying again by itself; an answer that refuses the
    // dossier waits for the citizen.
    let mut lost = false;
    for mut draft in draft_store::list().await.into_iter().filter(|d| d.queued && d.receipt.is_none()) {
        still_waiting = true;
        let (Some(key), Some(body)) = (draft.idempotency_key.clone(), draft.key_body.clone()) else { continue };
        let Ok(request) = serde_json::from_str::<SubmitDossier>(&body) else { continue };
        let receipt = match api::submit_dossier(&request, &key).await {
            Ok(receipt) => receipt,
            Err(api::ApiError::Network) => {
                lost = true;
                continue;
            }
            Err(_) => continue,
        };
        for file in draft.documents.values().flatten() {
            draft_store::remove_file(&file.local_id).await;
        }
        draft.queued = false;
        draft.receipt = Some(receipt.clone());
        draft.step = 5;
        draft_store::save(&draft).await;
        my_dossiers::remember(MyDossier {
            code: receipt.code.clone(),
            procedure_name: receipt.procedure_name.clone(),
            applicant: draft.applicant.id_number.clone(),
            status: receipt.status,
            status_name: receipt.status_name.clone(),
        });
        let _ = outbox.sent.try_update(|s| s.push(receipt));
    }
    let left = still_waiting && draft_store::list().await.iter().any(|d| d.queued && d.receipt.is_none());
    if !left {
        RETRIES.store(0, Ordering::Relaxed);
        if let Some(s) = storage() {
            let _ = s.remove_item(WAITING_KEY);
        }
        return;
    }
    if lost {
        retry_later(outbox);
    }
}

/// A connection that drops answers while the browser still thinks it is online never fires
/// "online": try again by itself, after 5 s, 10 s, 20 s… and then every minute.
fn retry_later(outbox: Outbox) {
    // One timer at a time, however many rounds ("online", a start, a timer) failed.
    if SCHEDULED.swap(true, Ordering::Relaxed) {
        return;
    }
    let tries = RETRIES.fetch_add(1, Ordering::Relaxed).min(4);
    set_timeout(
        move || {
            SCHEDULED.store(false, Ordering::Relaxed);
            flush(outbox);
        },
        Duration::from_secs((5u64 << tries).min(60)),
    );
}

/// Failed rounds of sending since the last that emptied the outbox.
static RETRIES: AtomicU32 = AtomicU32::new(0);
/// A retry is already set.
static SCHEDULED: AtomicBool = AtomicBool::new(false);
