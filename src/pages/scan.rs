//! `/quet-ma`: "Quét mã". The rear camera reads the QR code of a paper and the app opens the
//! page it names: a filing confirmation's (or receipt's) opens the dossier's tracking page, a
//! result's opens its verification page. A VietQR payment code is explained, never followed;
//! anything else is shown as text. A refused or missing camera says so and offers the typed
//! code instead.

use leptos::html::{Div, Video};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use web_sys::MediaStream;

use dvc_core::money::format_vnd;
use dvc_core::scan::{bank_name, classify, Scanned};
use dvc_core::vietqr::VietQr;

use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_texts};
use crate::scanner::{self, CameraError, Decoder};

/// Where the scanner is.
#[derive(Clone, Debug, PartialEq)]
enum State {
    Idle,
    Starting,
    Looking,
    Opening,
    Failed(CameraError),
    Payment(VietQr),
    Unknown(String),
}

/// Milliseconds between two looks at the picture.
const LOOK_EVERY_MS: i32 = 250;

#[component]
pub fn ScanPage() -> impl IntoView {
    let t = use_texts();
    let state = RwSignal::new(State::Idle);
    let video = NodeRef::<Video>::new();
    let stream = StoredValue::new_local(None::<MediaStream>);
    let turn_off = move || {
        if let Some(s) = stream.try_update_value(Option::take).flatten() {
            scanner::stop(&s);
        }
    };
    on_cleanup(turn_off);
    let navigate = use_navigate();
    let found = move |text: String| {
        turn_off();
        match classify(&text) {
            Scanned::Dossier(code) => {
                state.set(State::Opening);
                navigate(&crate::routes::dossier(&code), Default::default());
            }
            Scanned::Result(id) => {
                state.set(State::Opening);
                navigate(&crate::routes::verification(&id), Default::default());
            }
            Scanned::Payment(qr) => state.set(State::Payment(qr)),
            Scanned::Unknown(text) => state.set(State::Unknown(text)),
        }
    };
    let start = move |_| {
        state.set(State::Starting);
        let found = found.clone();
        leptos::task::spawn_local(async move {
            match scanner::open_rear_camera().await {
                Err(e) => {
                    let _ = state.try_set(State::Failed(e));
                }
                Ok(s) => {
                    let Some(element) = video.get_untracked() else {
                        // The page was left while the camera was opening.
                        scanner::stop(&s);
                        return;
                    };
                    element.set_src_object(Some(&s));
                    let _ = element.play();
                    stream.set_value(Some(s));
                    let _ = state.try_set(State::Looking);
                    if let Some(text) = look(video, state).await {
                        found(text);
                    }
                }
            }
        });
    };
    let looking = move || matches!(state.get(), State::Starting | State::Looking);
    view! {
        <PageHeading text=Signal::derive(move || t.get().scan().title.to_owned())/>
        <p class="page__lead">{tr(|t| t.scan().lead)}</p>
        <div class="scanner" class:scanner--on=looking>
            <video node_ref=video class="scanner__video" autoplay=true playsinline=true muted=true aria-label=tr(|t| t.scan().video_label)></video>
        </div>
        <Outcome state=state/>
        <p class="scanner__actions">
            {move || match state.get() {
                State::Idle | State::Failed(CameraError::Failed) => Some(view! {
                    <button type="button" class="button" id="scan-start" on:click=start.clone()>{tr(|t| t.scan().start)}</button>
                }.into_any()),
                State::Starting | State::Looking => Some(view! {
                    <button type="button" class="button button--secondary" id="scan-stop" on:click=move |_| { turn_off(); state.set(State::Idle) }>{tr(|t| t.scan().stop)}</button>
                }.into_any()),
                State::Payment(_) | State::Unknown(_) => Some(view! {
                    <button type="button" class="button" id="scan-again" on:click=start.clone()>{tr(|t| t.scan().again)}</button>
                }.into_any()),
                State::Opening | State::Failed(_) => None,
            }}
            " "
            <A href=crate::routes::TRACK attr:class="button-link" attr:id="scan-type-instead">{tr(|t| t.scan().type_instead)}</A>
        </p>
    }
}

/// Looks at the picture until a code is read (its text), or the scanner stops looking.
async fn look(video: NodeRef<Video>, state: RwSignal<State>) -> Option<String> {
    let mut decoder = Decoder::new();
    loop {
        if state.try_get_untracked() != Some(State::Looking) {
            return None;
        }
        let element = video.get_untracked()?;
        if let Some(text) = decoder.read(&element).await {
            return Some(text);
        }
        crate::api::pause(LOOK_EVERY_MS).await;
    }
}

/// What the scanner says: its progress, why it cannot look, or what a code it will not follow is.
#[component]
fn Outcome(state: RwSignal<State>) -> impl IntoView {
    let t = use_texts();
    let message = NodeRef::<Div>::new();
    // A refusal or a code explained takes focus, so it is read first.
    Effect::new(move || {
        if matches!(state.get(), State::Failed(_) | State::Payment(_) | State::Unknown(_)) {
            if let Some(m) = message.get() {
                let _ = m.focus();
            }
        }
    });
    move || match state.get() {
        State::Idle => view! { <p id="scan-status" role="status"></p> }.into_any(),
        State::Starting => view! { <p id="scan-status" role="status">{t.get().scan().starting}</p> }.into_any(),
        State::Looking => view! { <p id="scan-status" role="status">{t.get().scan().looking}</p> }.into_any(),
        State::Opening => view! { <p id="scan-status" role="status">{t.get().scan().opening}</p> }.into_any(),
        State::Failed(e) => {
            let why = match e {
                CameraError::Refused => t.get().scan().refused,
                CameraError::Missing => t.get().scan().no_camera,
                CameraError::Failed => t.get().scan().camera_failed,
            };
            view! {
                <div class="notice notice--error" id="scan-refused" role="alert" tabindex="-1" node_ref=message>
                    <p>{why}</p>
                    <p><A href=crate::routes::TRACK attr:class="button">{t.get().scan().type_code}</A></p>
                </div>
            }
            .into_any()
        }
        State::Payment(qr) => view! { <PaymentExplained qr=qr message=message/> }.into_any(),
        State::Unknown(text) => view! {
            <div class="notice" id="scan-unknown" tabindex="-1" node_ref=message>
                <h2>{t.get().scan().unknown_title}</h2>
                <p>{t.get().scan().unknown_body}</p>
                <p class="scanner__text">{text}</p>
            </div>
        }
        .into_any(),
    }
}

/// A VietQR code, explained: who would receive how much, and a warning.
#[component]
fn PaymentExplained(qr: VietQr, message: NodeRef<Div>) -> impl IntoView {
    let t = use_texts().get_untracked();
    let bank = bank_name(&qr.bin).map_or_else(|| format!("BIN {}", qr.bin), |name| format!("{name} (BIN {})", qr.bin));
    let mut rows = vec![(t.scan().payment_bank, bank), (t.scan().payment_account, qr.account.clone())];
    if let Some(name) = qr.beneficiary_name.clone() {
        rows.push((t.scan().payment_name, name));
    }
    rows.push((t.scan().payment_amount, qr.amount.map_or_else(|| t.scan().payment_amount_open.to_owned(), format_vnd)));
    if let Some(note) = qr.purpose.clone() {
        rows.push((t.scan().payment_note, note));
    }
    view! {
        <div class="notice" id="scan-payment" tabindex="-1" node_ref=message>
            <h2>{t.scan().payment_title}</h2>
            <p>{t.scan().payment_body}</p>
            <dl class="summary-list">
                {rows.into_iter().map(|(label, value)| view! { <div class="summary-list__row"><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
            <p><strong>{t.scan().payment_warning}</strong></p>
        </div>
    }
}
