//! "Tra cứu hồ sơ": a dossier looked up by its code and the applicant's CCCD or phone (the
//! confirmation's QR code opens `/tra-cuu/<code>`), then followed: its status, timeline and
//! the actions that fit it.

mod actions;
mod dossier;

use std::time::Duration;

use dvc_core::tracking::DossierView;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api;
use crate::components::error_summary::{ErrorSummary, Listed};
use crate::components::page_heading::PageHeading;
use crate::components::text_field::TextField;
use crate::i18n::{tr, use_texts};
use crate::my_dossiers::{self, MyDossier};
use crate::session::{use_session, Session};

/// Keeps a dossier seen on this device, and says whether its status moved since last seen.
/// One opened by the e-ID session (no applicant typed) is listed by the account instead.
pub fn remember(view: &DossierView, applicant: &str) -> bool {
    if applicant.is_empty() {
        return false;
    }
    let before = my_dossiers::remember(MyDossier {
        code: view.code.clone(),
        procedure_name: view.procedure_name.clone(),
        applicant: applicant.to_owned(),
        status: view.status,
        status_name: view.status_name.clone(),
    });
    before.is_some_and(|s| s != view.status)
}

#[component]
pub fn Track() -> impl IntoView {
    let params = use_params_map();
    let code_param = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let code = RwSignal::new(code_param.get_untracked());
    let applicant = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<(DossierView, String)>);
    let errors = RwSignal::new(Vec::<Listed>::new());
    let attempt = RwSignal::new(0u32);
    let failure = RwSignal::new(None::<&'static str>);
    let look_up = look_up_action(shown, failure);
    // A dossier known on this device opens at once.
    open_known(code_param, shown, look_up.clone());
    // A shown dossier is asked again every 30 s; a move is announced.
    let moved = poll_status(shown);

    move || {
        match shown.get() {
        Some((view, who)) => view! {
            {move || moved.get().map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
            <dossier::DossierPage view=view applicant=who on_change=Callback::new(move |(v, w): (DossierView, String)| { remember(&v, &w); shown.set(Some((v, w))) })/>
        }
        .into_any(),
        None => view! {
            <LookupForm code=code applicant=applicant errors=errors attempt=attempt failure=failure look_up=look_up.clone()/>
        }
        .into_any(),
    }
    }
}

/// The lookup itself: the dossier asked for is shown (at its own address), or the citizen told why not.
fn look_up_action(
    shown: RwSignal<Option<(DossierView, String)>>,
    failure: RwSignal<Option<&'static str>>,
) -> impl Fn(String, String) + Clone + 'static {
    let t = use_texts();
    let navigate = use_navigate();
    move |code: String, who: String| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            // A lost answer is asked again by itself before the citizen is told.
            match api::retrying(|| api::dossier(&code, &who)).await {
                Ok(view) => {
                    remember(&view, &who);
                    let href = crate::routes::dossier(&view.code);
                    let _ = shown.try_set(Some((view, who)));
                    if window().location().pathname().ok().as_deref() != Some(href.as_str()) {
                        navigate(&href, Default::default());
                    }
                }
                Err(e) if e.is("too_many_requests") => {
                    let _ = failure.try_set(Some(t.get_untracked().track().too_many));
                }
                Err(e) if e.is("dossier_not_found") => {
                    let _ = failure.try_set(Some(t.get_untracked().track().not_found));
                }
                Err(_) => {
                    let _ = failure.try_set(Some(t.get_untracked().load_error));
                }
            }
        });
    }
}

/// Opens at once the dossier the address names when this device already knows it.
fn open_known(
    code_param: Memo<String>,
    shown: RwSignal<Option<(DossierView, String)>>,
    look_up: impl Fn(String, String) + 'static,
) {
    let session = use_session();
    Effect::new(move || {
        // Once the shell knows whether someone is signed in.
        if session.get() == Session::Checking {
            return;
        }
        let code = code_param.get();
        if shown.with_untracked(|s| s.as_ref().is_some_and(|(v, _)| v.code == code)) {
            return;
        }
        shown.set(None);
        if let Some(known) = my_dossiers::find(&code) {
            look_up(known.code, known.applicant);
        } else if !code.is_empty() && matches!(session.get_untracked(), Session::SignedIn { .. }) {
            // The e-ID session is the applicant's proof: nothing to type.
            look_up(code, String::new());
        }
    });
}

/// Asks for the shown dossier every 30 s; a status move is remembered, shown and announced (returned).
fn poll_status(shown: RwSignal<Option<(DossierView, String)>>) -> RwSignal<Option<String>> {
    let t = use_texts();
    let moved = RwSignal::new(None::<String>);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let Some((view, who)) = shown.get_untracked() else { return };
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = api::dossier(&view.code, &who).await {
                    if fresh.status != view.status {
                        remember(&fresh, &who);
                        let _ = moved.try_set(Some((t.get_untracked().track_changed)(
                            &fresh.code,
                            &crate::format::status(t.get_untracked(), fresh.status, &fresh.status_name),
                        )));
                        let _ = shown.try_set(Some((fresh, who)));
                    }
                }
            });
        },
        Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    moved
}

/// The page before a dossier is shown: the code and CCCD/phone form, its errors and why a lookup failed.
#[component]
fn LookupForm<F>(
    code: RwSignal<String>,
    applicant: RwSignal<String>,
    errors: RwSignal<Vec<Listed>>,
    attempt: RwSignal<u32>,
    failure: RwSignal<Option<&'static str>>,
    look_up: F,
) -> impl IntoView
where
    F: Fn(String, String) + Clone + 'static,
{
    let t = use_texts();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let tx = t.get_untracked();
        let mut found = Vec::new();
        if code.with_untracked(|c| c.trim().is_empty()) {
            found.push(Listed {
                field_id: "track-code".into(),
                href: "#track-code".into(),
                message: format!("{}: {}", tx.track().code, tx.track().required),
            });
        }
        if applicant.with_untracked(|a| a.trim().is_empty()) {
            found.push(Listed {
                field_id: "track-applicant".into(),
                href: "#track-applicant".into(),
                message: format!("{}: {}", tx.track().applicant, tx.track().required),
            });
        }
        let ok = found.is_empty();
        errors.set(found);
        attempt.update(|n| *n += 1);
        if ok {
            look_up(code.get_untracked().trim().to_owned(), applicant.get_untracked().trim().to_owned());
        }
    };
    let error_at = move |id: &'static str| {
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|e| e.field_id == id).map(|_| t.get().track().required.to_owned()))
        })
    };
    view! {
        <PageHeading text=Signal::derive(move || t.get().track().title.to_owned()) error=Signal::derive(move || !errors.with(Vec::is_empty))/>
        <crate::components::read_aloud::ReadAloud/>
        <p class="lead">{tr(|t| t.track().lead)}</p>
        <ErrorSummary errors=errors attempt=attempt/>
        {move || failure.get().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
        <form class="apply-form" on:submit=on_submit novalidate=true>
            <TextField id="track-code" label=Signal::derive(move || t.get().track().code.to_owned()) hint=Signal::derive(move || t.get().track().code_hint.to_owned())
                value=code error=error_at("track-code")/>
            <TextField id="track-applicant" label=Signal::derive(move || t.get().track().applicant.to_owned()) value=applicant
                error=error_at("track-applicant") inputmode="numeric"/>
            <button type="submit" class="button">{tr(|t| t.track().submit)}</button>
        </form>
        <p class="scan-link">
            <leptos_router::components::A href=crate::routes::SCAN attr:class="button button--secondary" attr:id="scan-link">
                <svg class="icon" aria-hidden="true" viewBox="0 0 24 24">
                    <path d="M3 3h7v7H3zM5 5v3h3V5zM14 3h7v7h-7zM16 5v3h3V5zM3 14h7v7H3zM5 16v3h3v-3zM14 14h3v3h-3zM18 18h3v3h-3zM18 14h3v2h-3zM14 18h2v3h-2z" fill="currentColor" fill-rule="evenodd"/>
                </svg>{tr(|t| t.track().scan_link)}
            </leptos_router::components::A>
        </p>
    }
}
