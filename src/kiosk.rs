//! Kiosk mode, for shared browsers at service centres: larger type and touch targets, an
//! idle timeout with a warning, and an end of session that stops any reading aloud, wipes
//! everything personal (drafts and their files, dossiers followed, lookups, kept data) and
//! returns home.
//!
//! On only by the deployment's own configuration, never by an address: ending a session wipes
//! the device, so a link a stranger sends must not be able to turn it on. Two places say so:
//! the kiosk build (`<meta name="dvc-kiosk" content="idle=120,warn=30">`, filled in by
//! `DVC_KIOSK` at build time), or a setting staff make on the kiosk browser itself
//! (`localStorage["dvc.kiosk"] = "idle=120,warn=30"`, e.g. from the browser's console or the
//! device's provisioning), which ending a session keeps.

use leptos::prelude::*;

/// The device's own setting, made by staff (see above).
const DEVICE_KEY: &str = "dvc.kiosk";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kiosk {
    /// Seconds without a touch or key before the warning.
    pub idle: u32,
    /// Seconds the warning counts down before the session ends.
    pub warn: u32,
}

fn parse(settings: &str) -> Kiosk {
    let mut kiosk = Kiosk { idle: 120, warn: 30 };
    for pair in settings.split(['&', ',', ';']) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match (k.trim(), v.trim().parse::<u32>()) {
            ("idle", Ok(n)) if n > 0 => kiosk.idle = n,
            ("warn", Ok(n)) if n > 0 => kiosk.warn = n,
            _ => {}
        }
    }
    kiosk
}

/// Whether this browser is a kiosk, and its timings: the device's own setting, else the
/// build's.
pub fn detect() -> Option<Kiosk> {
    let device = window().local_storage().ok().flatten().and_then(|s| s.get_item(DEVICE_KEY).ok().flatten());
    let build = || document().query_selector("meta[name='dvc-kiosk']").ok().flatten()?.get_attribute("content");
    let settings = device.or_else(build)?;
    (!settings.trim().is_empty()).then(|| parse(&settings))
}

pub fn use_kiosk() -> Option<Kiosk> {
    use_context::<Option<Kiosk>>().flatten()
}

/// Ends the session: the e-ID session too, every trace of the citizen goes, then the app
/// starts again at home.
pub fn end_session() {
    // A page being read aloud falls silent at once.
    crate::speech::silence();
    leptos::task::spawn_local(async {
        crate::api::end_session().await;
        wipe_device().await;
        let _ = window().location().replace(crate::routes::HOME);
    });
}

/// Removes every trace of the citizen from the device: kept data, drafts and their files,
/// dossiers followed (a kiosk's own setting stays).
pub async fn wipe_device() {
    if let Some(storage) = window().local_storage().ok().flatten() {
        // Keep only the kiosk setting itself.
        let keep = storage.get_item(DEVICE_KEY).ok().flatten();
        let _ = storage.clear();
        if let Some(k) = keep {
            let _ = storage.set_item(DEVICE_KEY, &k);
        }
    }
    if let Some(storage) = window().session_storage().ok().flatten() {
        let _ = storage.clear();
    }
    crate::draft_store::erase_all().await;
    // A kiosk never keeps a wallet; should one be there, it goes too.
    crate::wallet_store::erase().await;
    if let Ok(caches) = window().caches() {
        // The data cache holds only public records, but a kiosk keeps nothing it need not.
        let _ = wasm_bindgen_futures::JsFuture::from(caches.delete("dvc-data")).await;
    }
}
