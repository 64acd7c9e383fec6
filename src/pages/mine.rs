//! "Hồ sơ của tôi": the dossiers filed or looked up on this device, their status asked again
//! on opening and every minute; a move is announced, and with the citizen's permission a
//! browser notification is shown too.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::page_heading::PageHeading;
use crate::format::status;
use crate::i18n::{tr, use_texts};
use crate::my_dossiers::{self, MyDossier};
use crate::pages::track::remember;

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
