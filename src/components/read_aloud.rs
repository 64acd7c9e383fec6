//! "Đọc cho tôi nghe": a button that reads the page's main content aloud (`crate::speech`),
//! then pauses, resumes and stops. Where the device has no voice of the UI's language it says
//! so instead of offering a button that cannot work. Leaving the page stops the reading; in
//! kiosk mode the button is large and first on the page, and ending the session stops it.
//!
//! What the buttons do, and the reading itself (finding the sentences, queueing them, the
//! highlight), are a chunk of their own in the release build, asked for at the first press:
//! a page that is not read aloud never downloads them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Element;

use crate::i18n::{tr, use_lang, use_texts, Lang};
use crate::speech;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    Idle,
    Speaking,
    Paused,
}

/// A press of one of the reader's buttons.
#[derive(Clone, Copy)]
enum Press {
    /// Read, pause or resume.
    Toggle,
    Stop,
}

/// What a press does: its code (with the reading's) is loaded at the first press in the
/// release build. Pressed twice before it arrives, both presses count, in order.
#[cfg_attr(feature = "split", leptos::lazy)]
async fn press(what: Press, state: RwSignal<Reading>, lang: Lang) {
    // The page left while the code came: nothing is read.
    let Some(now) = state.try_get_untracked() else { return };
    let next = match (what, now) {
        (Press::Stop, _) => {
            speech::stop();
            Reading::Idle
        }
        (Press::Toggle, Reading::Idle) => {
            let (Some(voice), Some(root)) = (speech::voice(lang), region()) else { return };
            let done = Box::new(move || {
                let _ = state.try_set(Reading::Idle);
            });
            match speech::read(root, lang, voice, done) {
                0 => Reading::Idle,
                _ => Reading::Speaking,
            }
        }
        (Press::Toggle, Reading::Speaking) => {
            speech::pause();
            Reading::Paused
        }
        (Press::Toggle, Reading::Paused) => {
            speech::resume();
            Reading::Speaking
        }
    };
    state.set(next);
}

/// Reads the page's main content aloud.
#[component]
pub fn ReadAloud() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let state = RwSignal::new(Reading::Idle);
    // Browsers list their voices late: ask again when they say the list changed.
    let voices_changed = RwSignal::new(0u32);
    // Chrome lists no voice until its first `voiceschanged`: until the list has come (or a
    // moment has passed), say neither "read" nor "no voice", so the hint does not flash.
    let listed = RwSignal::new(speech::voices_listed());
    let handler = StoredValue::new_local(speech::on_voices_changed(move || {
        voices_changed.update(|n| *n += 1);
        listed.set(true);
    }));
    set_timeout(
        move || {
            let _ = listed.try_set(true);
        },
        std::time::Duration::from_millis(1500),
    );
    on_cleanup(move || {
        speech::stop();
        speech::forget_voices_changed();
        handler.update_value(|h| *h = None);
    });
    let has_voice = Memo::new(move |_| {
        voices_changed.track();
        speech::voice(lang.get()).is_some()
    });
    let toggle = move |_| spawn_local(press(Press::Toggle, state, lang.get_untracked()));
    let stop = move |_| spawn_local(press(Press::Stop, state, lang.get_untracked()));
    let kiosk = crate::kiosk::use_kiosk().is_some();
    let label = move || match state.get() {
        Reading::Idle => t.get().read().start,
        Reading::Speaking => t.get().read().pause,
        Reading::Paused => t.get().read().resume,
    };
    let status = move || match state.get() {
        Reading::Idle => "",
        Reading::Speaking => t.get().read().reading,
        Reading::Paused => t.get().read().paused,
    };
    // One fixed structure, its parts hidden or shown: lighter in WASM than views swapped.
    view! {
        <div class="read-aloud read-aloud__controls" class:read-aloud--kiosk=kiosk data-no-read="">
            <button type="button" class="button button--secondary read-aloud__toggle" id="read-aloud" on:click=toggle
                hidden=move || !has_voice.get()>
                <svg class="icon" aria-hidden="true" viewBox="0 0 24 24">
                    <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor"/>
                    <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                </svg>{label}
            </button>
            <button type="button" class="button button--secondary" id="read-aloud-stop" on:click=stop
                hidden=move || state.get() == Reading::Idle>{tr(|t| t.read().stop)}</button>
            <p class="hint" id="read-aloud-off" hidden=move || has_voice.get() || !listed.get()>{tr(|t| t.read().no_voice)}</p>
            <span class="visually-hidden" role="status">{status}</span>
        </div>
    }
}

/// The element to read: the page's main content.
fn region() -> Option<Element> {
    document().get_element_by_id("main")
}
