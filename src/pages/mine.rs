//! "Hồ sơ của tôi": signed in with the e-ID, the account's dossiers from the server (any
//! device) and signing out; then the dossiers filed or looked up on this device, their status
//! asked again on opening and every minute; a move is announced, and with the citizen's
//! permission a browser notification is shown too.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::page_heading::PageHeading;
use crate::format::status;
use crate::i18n::{tr, use_texts};
use crate::my_dossiers::{self, MyDossier};
use crate::pages::track::remember;
use crate::session::{use_session, Session};

#[component]
pub fn Mine() -> impl IntoView {
    let t = use_texts();
    let list = RwSignal::new(my_dossiers::list());
    let moved = RwSignal::new(Vec::<String>::new());
    let refresh = move || {
        for entry in my_dossiers::list() {
            leptos::task::spawn_local(async move {
                if let Ok(view) = api::dossier(&entry.code, &entry.applicant).await {
                    if remember(&view, &entry.applicant) {
                        let message = (t.get_untracked().track_changed)(
                            &view.code,
                            &status(t.get_untracked(), view.status, &view.status_name),
                        );
                        notify(&message);
                        let _ = moved.try_update(|m| m.push(message));
                    }
                    let _ = list.try_set(my_dossiers::list());
                }
            });
        }
    };
    refresh();
    if let Ok(handle) = set_interval_with_handle(refresh, Duration::from_secs(60)) {
        on_cleanup(move || handle.clear());
    }
    let permission = RwSignal::new(notification_permission());
    let ask = move |_| {
        if let Ok(promise) = web_sys::Notification::request_permission() {
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                let _ = permission.try_set(notification_permission());
            });
        }
    };
    let forget = move |code: String| {
        my_dossiers::forget(&code);
        list.set(my_dossiers::list());
    };
    view! {
        <PageHeading text=Signal::derive(move || t.get().mine().title.to_owned())/>
        <Account/>
        <h2 class="summary-title">{tr(|t| t.mine().device_title)}</h2>
        <p class="lead">{tr(|t| t.mine().lead)}</p>
        <p><A href=crate::routes::DRAFTS>{tr(|t| t.nav_drafts)}</A></p>
        {move || moved.get().into_iter().map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> }).collect_view()}
        <Show when=move || permission.get() == Some(web_sys::NotificationPermission::Default)>
            <p><button type="button" class="button button--secondary" on:click=ask>{tr(|t| t.mine().notify)}</button></p>
        </Show>
        {move || {
            let all = list.get();
            if all.is_empty() {
                return view! { <p>{tr(|t| t.mine().empty)}</p> }.into_any();
            }
            view! {
                <ul class="draft-list">
                    {all.into_iter().map(|d: MyDossier| {
                        let code = d.code.clone();
                        view! {
                            <li class="card draft">
                                <h2 class="card__title">{d.procedure_name.clone()}</h2>
                                <p class="card__meta">{d.code.clone()}" · "<strong>{move || status(t.get(), d.status, &d.status_name)}</strong></p>
                                <p class="draft__actions">
                                    <A href=crate::routes::dossier(&d.code) attr:class="button">{tr(|t| t.mine().open)}<span class="visually-hidden">": "{d.code.clone()}</span></A>
                                    <button type="button" class="link-button" on:click=move |_| forget(code.clone())>{tr(|t| t.mine().forget)}</button>
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// The account's side: its dossiers and signing out, or an offer to sign in.
#[component]
fn Account() -> impl IntoView {
    let session = use_session();
    let kiosk = crate::kiosk::use_kiosk().is_some();
    move || {
        match session.get() {
        Session::SignedIn { .. } => view! {
            <section aria-labelledby="account-title">
                <h2 class="summary-title" id="account-title">{tr(|t| t.mine().account_title)}</h2>
                <AccountDossiers/>
                <SignOut kiosk=kiosk/>
            </section>
        }
        .into_any(),
        Session::SignedOut => view! {
            <p class="notice" id="sign-in-hint">{tr(|t| t.mine().sign_in_hint)}" "
                <a href=crate::routes::login(crate::routes::MINE, 1, kiosk) rel="external">{tr(|t| t.mine().sign_in)}</a></p>
        }
        .into_any(),
        Session::Checking | Session::Off => ().into_any(),
    }
    }
}

/// The dossiers filed with the signed-in citizen's number, as the server lists them.
#[component]
fn AccountDossiers() -> impl IntoView {
    let t = use_texts();
    let listed = LocalResource::new(|| api::retrying(api::my_dossiers));
    move || {
        match listed.get() {
        None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
        Some(Err(_)) => view! { <div class="notice notice--error" role="alert"><p>{tr(|t| t.mine().account_failed)}</p></div> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p>{tr(|t| t.mine().account_empty)}</p> }.into_any(),
        Some(Ok(list)) => view! {
            <ul class="draft-list" id="account-dossiers">
                {list.into_iter().map(|d| view! {
                    <li class="card draft">
                        <h3 class="card__title">{d.procedure_name.clone()}</h3>
                        <p class="card__meta">{d.code.clone()}" · "<strong>{move || status(t.get(), d.status, &d.status_name)}</strong>
                            " · "{d.received_on.clone()}</p>
                        <p class="draft__actions">
                            <A href=crate::routes::dossier(&d.code) attr:class="button">{tr(|t| t.mine().open)}<span class="visually-hidden">": "{d.code.clone()}</span></A>
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
    }
}

/// Signing out here (the server ends the session, then the provider's), clearing this device
/// first if the citizen asks (asked by default at a kiosk, which always clears).
#[component]
fn SignOut(kiosk: bool) -> impl IntoView {
    let clear = RwSignal::new(kiosk);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if clear.get_untracked() {
            ev.prevent_default();
            if let Some(form) =
                ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok())
            {
                crate::session::sign_out(form, true);
            }
        }
    };
    view! {
        <form method="post" action=crate::routes::LOGOUT class="apply-form" id="sign-out" on:submit=on_submit>
            <div class="checkbox">
                <input type="checkbox" id="clear-device" prop:checked=clear disabled=kiosk
                    on:change=move |ev| clear.set(event_target_checked(&ev))/>
                <label for="clear-device">{tr(|t| t.mine().clear_device)}</label>
            </div>
            <button type="submit" class="button button--secondary">{tr(|t| t.mine().sign_out)}</button>
        </form>
    }
}

fn notification_permission() -> Option<web_sys::NotificationPermission> {
    js_sys::Reflect::has(&window(), &"Notification".into())
        .ok()
        .filter(|h| *h)
        .map(|_| web_sys::Notification::permission())
}

fn notify(message: &str) {
    if notification_permission() == Some(web_sys::NotificationPermission::Granted) {
        let _ = web_sys::Notification::new(message);
    }
}
