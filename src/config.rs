//! Where the public-service API lives. The province's deployment sets it in index.html
//! (`<meta name="dvc-api-base" content="https://…">`); empty means the app's own origin.

use std::sync::OnceLock;

static API_BASE: OnceLock<String> = OnceLock::new();

/// Sets the API base before the app starts (tests point it at the live reference API).
pub fn set_api_base(base: &str) {
    let _ = API_BASE.set(base.trim_end_matches('/').to_owned());
}

pub fn api_base() -> &'static str {
    API_BASE.get_or_init(|| {
        leptos::prelude::document()
            .query_selector("meta[name='dvc-api-base']")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .map(|c| c.trim_end_matches('/').to_owned())
            .unwrap_or_default()
    })
}
