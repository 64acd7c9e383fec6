//! Registers the service worker (`/sw.js`, written by the build) where the app is served
//! with its own shell, and tells when a new version is waiting so the app can offer to reload.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// `update_ready` turns true when a new version is installed and waiting.
pub fn register(update_ready: RwSignal<bool>) {
    // Only under our own index.html (not, say, a test runner's page).
    if document().query_selector("meta[name='dvc-api-base']").ok().flatten().is_none() {
        return;
    }
    let navigator = window().navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let promise = container.register("/sw.js");
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(promise).await.and_then(|r| r.dyn_into::<ServiceWorkerRegistration>())
        else {
            return;
        };
        let controlled = move || window().navigator().service_worker().controller().is_some();
        if registration.waiting().is_some() && controlled() {
            let _ = update_ready.try_set(true);
        }
        let watched = registration.clone();
        let on_update = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else { return };
            let worker = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    let _ = update_ready.try_set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
    });
}

/// Lets the waiting version take over, then reloads into it.
pub fn activate_update() {
    let container = window().navigator().service_worker();
    let on_change = Closure::<dyn Fn()>::new(|| {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    leptos::task::spawn_local(async move {
        if let Ok(registration) =
            JsFuture::from(container.ready().unwrap_or_else(|_| js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL)))
                .await
        {
            if let Some(waiting) = registration.dyn_into::<ServiceWorkerRegistration>().ok().and_then(|r| r.waiting()) {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
        }
    });
}
