//! `/xac-thuc/<id>`: what a digitised result's QR code opens. Whoever holds the paper learns
//! whether the system issued it, for which dossier, to whom (the name masked) and when.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::page_heading::PageHeading;
use crate::i18n::{tr, use_texts};

#[component]
pub fn VerificationPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let verification = LocalResource::new(move || {
        let id = id.get();
        async move { api::verify_result(&id).await }
    });
    view! {
        <PageHeading text=Signal::derive(move || t.get().scan().verify_title.to_owned())/>
        {move || match verification.get() {
            None => view! { <p role="status">{tr(|t| t.scan().verify_checking)}</p> }.into_any(),
            Some(Err(e)) if e.is("result_not_found") => view! {
                <div class="notice notice--error" id="verify-not-issued" role="alert"><p>{tr(|t| t.scan().verify_not_issued)}</p></div>
            }.into_any(),
            Some(Err(_)) => view! {
                <div class="notice notice--error" role="alert">
                    <p>{tr(|t| t.load_error)}</p>
                    <button type="button" class="button button--secondary" on:click=move |_| verification.refetch()>{tr(|t| t.retry)}</button>
                </div>
            }.into_any(),
            Some(Ok(v)) => {
                        let rows = [
                    (t.get().scan().verify_result, v.title.clone()),
                    (t.get().scan().verify_dossier, v.dossier_code.clone()),
                    (t.get().scan().verify_holder, v.holder.clone()),
                    (t.get().scan().verify_issued_on, v.issued_on.clone()),
                    (t.get().scan().verify_issuer, v.issuer.clone()),
                    (t.get().scan().verify_id, v.result_id.clone()),
                ];
                view! {
                    <div class="panel panel--success" id="verify-genuine" role="status">
                        <p><span aria-hidden="true">"✔ "</span>{t.get().scan().verify_genuine}</p>
                    </div>
                    <dl class="summary-list">
                        {rows.into_iter().map(|(label, value)| view! { <div class="summary-list__row"><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
                    </dl>
                }.into_any()
            }
        }}
    }
}
