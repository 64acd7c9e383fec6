//! Step 5, filed: the dossier code, the receipt, the appointment date, what happens next, a
//! QR code of the tracking link to scan with a phone, and print.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{use_apply, Step, StepHeader};
use crate::catalog_store::use_catalog;
use crate::components::pay_button::PayButton;
use crate::components::qr_code::QrCodeImage;
use crate::i18n::{tr, use_texts};
use dvc_core::money::format_vnd;

#[component]
pub fn DoneStep() -> impl IntoView {
    let t = use_texts();
    let ctx = use_apply();
    let Some(receipt) = ctx.draft.with_untracked(|d| d.receipt.clone()) else {
        // Nothing filed yet from this device: back to the first step.
        let href = Step::Applicant.href(&ctx.code());
        return view! { <leptos_router::components::Redirect path=href/> }.into_any();
    };
    let origin = window().location().origin().unwrap_or_default();
    let tracking = format!("{origin}/tra-cuu/{}", receipt.code);
    let rows = [
        (t.get_untracked().apply().done_receipt, receipt.receipt_number.clone()),
        (t.get_untracked().apply().done_received, receipt.received_on.clone()),
        (t.get_untracked().apply().done_appointment, receipt.appointment_on.clone()),
        (t.get_untracked().apply().done_agency, receipt.agency.clone()),
        (
            t.get_untracked().apply().done_status,
            format!(
                "{} ({})",
                crate::format::status(t.get_untracked(), receipt.status, &receipt.status_name),
                receipt.status
            ),
        ),
    ];
    // The fee of filing online, from the catalog held on the device.
    let fee = use_catalog()
        .catalog
        .with_untracked(|c| c.as_ref().and_then(|c| c.by_code(&receipt.procedure_code).map(|e| e.fee)))
        .filter(|f| *f > 0);
    let id_number = ctx.draft.with_untracked(|d| d.applicant.id_number.clone());
    let dossier = receipt.code.clone();
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <StepHeader step=Step::Done title=Signal::derive(move || Step::Done.title(t.get()).to_owned()) error=Signal::derive(|| false)/>
        <div class="panel panel--success">
            <p class="panel__label">{tr(|t| t.apply().done_code)}</p>
            <p class="panel__code" id="dossier-code">{receipt.code.clone()}</p>
        </div>
        <dl class="summary-list">
            {rows.into_iter().map(|(label, value)| view! { <div class="summary-list__row"><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
        </dl>
        {fee.map(|amount| view! {
            <div class="notice" id="fee-due">
                <p>{move || (t.get().apply().pay_fee_due)(&format_vnd(amount))}</p>
                <PayButton dossier=dossier.clone() id_number=id_number.clone() label=|t| t.apply().pay_now/>
            </div>
        })}
        <div class="done-qr">
            <QrCodeImage text=tracking.clone() label=Signal::derive(move || t.get().apply().done_qr_caption.to_owned())/>
            <p class="hint">{tr(|t| t.apply().done_qr_caption)}<br/><span class="done-qr__link">{tracking}</span></p>
        </div>
        <super::wallet::KeepOffer filed_on=receipt.received_on.clone()/>
        <h2>{tr(|t| t.apply().done_next_title)}</h2>
        <ul class="next-steps">{move || t.get().apply().done_next.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ul>
        <p class="no-print">
            <button type="button" class="button button--secondary" on:click=print>{tr(|t| t.apply().done_print)}</button>
            " "
            <A href=crate::routes::HOME attr:class="button-link">{tr(|t| t.back_home)}</A>
        </p>
    }
    .into_any()
}
