//! Kiosk mode, for shared browsers at service centres: larger type and touch targets, an
//! idle timeout with a warning, and an end of session that wipes everything personal
//! (drafts and their files, dossiers followed, lookups, kept data) and returns home.
//!
//! On by configuration (`<meta name="dvc-kiosk" content="idle=120">`, filled in by the build
//! from `DVC_KIOSK`), or for testing by `?kiosk=1&idle=SECONDS&warn=SECONDS` in the address;
//! it then stays on for the browser session.

use leptos::prelude::*;

const SESSION_KEY: &str = "dvc.kiosk";

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

/// Whether this browser session is a kiosk, and its timings.
pub fn detect() -> Option<Kiosk> {
    let window = window();
    let session = window.session_storage().ok().flatten();
    let query = window.location().search().unwrap_or_default();
    let query = query.trim_start_matches('?');
    if query.split('&').any(|p| p == "kiosk=1") {
        if let Some(s) = &session {
            let _ = s.set_item(SESSION_KEY, query);
        }
        return Some(parse(query));
    }
    if let Some(saved) = session.as_ref().and_then(|s| s.get_item(SESSION_KEY).ok().flatten()) {
        return Some(parse(&saved));
    }
    let meta = document().query_selector("meta[name='dvc-kiosk']").ok().flatten()?.get_attribute("content")?;
    (!meta.trim().is_empty()).then(|| parse(&meta))
}

pub fn use_kiosk() -> Option<Kiosk> {
    use_context::<Option<Kiosk>>().flatten()
}

/// Ends the session: every trace of the citizen goes, then the app starts again at home.
pub fn end_session() {
    leptos::task::spawn_local(async {
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.clear();
        }
        if let Some(storage) = window().session_storage().ok().flatten() {
            // Keep only the kiosk setting itself.
            let keep = storage.get_item(SESSION_KEY).ok().flatten();
            let _ = storage.clear();
            if let Some(k) = keep {
                let _ = storage.set_item(SESSION_KEY, &k);
            }
        }
        crate::draft_store::erase_all().await;
        if let Ok(caches) = window().caches() {
            // The data cache holds only public records, but a kiosk keeps nothing it need not.
            let _ = wasm_bindgen_futures::JsFuture::from(caches.delete("dvc-data")).await;
        }
        let _ = window().location().replace("/");
    });
}
