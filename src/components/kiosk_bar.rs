//! In kiosk mode: "Kết thúc" at the top of every page, and after a while without a touch a
//! warning dialog counting down to the end of the session, with "Tiếp tục".

use std::time::Duration;

use leptos::html::Button;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_texts};
use crate::kiosk::{end_session, Kiosk};

#[component]
pub fn KioskBar(kiosk: Kiosk) -> impl IntoView {
    let t = use_texts();
    let idle = RwSignal::new(0u32);
    let warning = Memo::new(move |_| idle.get() >= kiosk.idle);
    let left = move || (kiosk.idle + kiosk.warn).saturating_sub(idle.get());
    // Any touch, click, key or wheel is activity; a scroll is only when a person made it (a
    // wheel, a touch, a key): the page scrolling itself, as reading aloud does, is not.
    let reset = Closure::<dyn Fn()>::new(move || {
        if !warning.get_untracked() {
            let _ = idle.try_set(0);
        }
    });
    for event in ["pointerdown", "keydown", "input", "wheel", "touchstart"] {
        let _ = window().add_event_listener_with_callback(event, reset.as_ref().unchecked_ref());
    }
    reset.forget();
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let n = idle.get_untracked() + 1;
            let _ = idle.try_set(n);
            if n >= kiosk.idle + kiosk.warn {
                end_session();
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let stay = NodeRef::<Button>::new();
    Effect::new(move || {
        if warning.get() {
            if let Some(button) = stay.get() {
                let _ = button.focus();
            }
        }
    });
    view! {
        // A landmark of its own, so everything on the page is in one.
        <aside class="kiosk-bar" aria-labelledby="kiosk-shared">
            <p id="kiosk-shared">{tr(|t| t.kiosk_shared)}</p>
            <button type="button" class="button button--secondary" id="kiosk-end" on:click=|_| end_session()>{tr(|t| t.kiosk_end)}</button>
        </aside>
        <Show when=move || warning.get()>
            <div class="dialog-backdrop">
                <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text" id="idle-dialog">
                    <h2 id="idle-title">{tr(|t| t.kiosk_idle_title)}</h2>
                    <p id="idle-text">{move || (t.get().kiosk_idle_text)(left())}</p>
                    <p>
                        <button type="button" class="button" node_ref=stay on:click=move |_| idle.set(0)>{tr(|t| t.kiosk_continue)}</button>
                        " "<button type="button" class="button button--secondary" on:click=|_| end_session()>{tr(|t| t.kiosk_end)}</button>
                    </p>
                </div>
            </div>
        </Show>
    }
}
