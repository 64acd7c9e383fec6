//! Notices about the app itself, above every page: offline, and a new version ready.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::tr;
use crate::service_worker;

#[component]
pub fn AppNotices() -> impl IntoView {
    let offline = RwSignal::new(!window().navigator().on_line());
    for (event, value) in [("online", false), ("offline", true)] {
        let on = Closure::<dyn Fn()>::new(move || {
            let _ = offline.try_set(value);
        });
        let _ = window().add_event_listener_with_callback(event, on.as_ref().unchecked_ref());
        on.forget();
    }
    let update_ready = RwSignal::new(false);
    service_worker::register(update_ready);
    view! {
        <Show when=move || offline.get()>
            <div class="app-notice" role="status" id="offline-notice"><p>{tr(|t| t.offline_notice)}</p></div>
        </Show>
        <Show when=move || update_ready.get()>
            <div class="app-notice" role="status">
                <p>{tr(|t| t.update_ready)}" "
                    <button type="button" class="button button--secondary" on:click=|_| service_worker::activate_update()>{tr(|t| t.update_reload)}</button>
                </p>
            </div>
        </Show>
    }
}
