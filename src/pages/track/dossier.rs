//! One dossier as its applicant follows it: where it is, when it is due, its history, and
//! what can be done now.

use dvc_core::money::format_vnd;
use dvc_core::payment::PaymentStatus;
use dvc_core::tracking::{DossierView, ResultDocument, StatusEvent, SystemText};
use leptos::prelude::*;

use super::actions::{Rating, SupplementForm, Withdraw};
use crate::components::page_heading::PageHeading;
use crate::components::pay_button::PayButton;
use crate::config::api_base;
use crate::i18n::{tr, use_texts};

/// A status's name in the UI's language, following a language switch.
fn status_name(code: u8, api_name: &str) -> impl IntoView {
    let (t, api_name) = (use_texts(), api_name.to_owned());
    move || crate::format::status(t.get(), code, &api_name)
}

/// A unit or note of a step: the system's own words in the UI's language, an office's as written.
fn system_text(code: Option<SystemText>, written: &str) -> impl IntoView {
    let (t, written) = (use_texts(), written.to_owned());
    move || match code {
        Some(code) => crate::format::system_text(t.get(), code).to_owned(),
        None => written.clone(),
    }
}

#[component]
pub fn DossierPage(view: DossierView, applicant: String, on_change: Callback<(DossierView, String)>) -> impl IntoView {
    let name = view.procedure_name.clone();
    let result = view.result.clone().map(result_section);
    let code = view.code.clone();
    let actions = view.actions;
    let supplement = view.supplement.clone().filter(|_| actions.supplement).map(|request| {
        view! { <SupplementForm code=code.clone() applicant=applicant.clone() request=request on_change=on_change/> }
    });
    let pay = actions
        .pay
        .then(|| view! { <PayButton dossier=code.clone() id_number=applicant.clone() label=|t| t.track().pay/> });
    // Known by phone only: read, but change nothing (the API asks for the ID number).
    let read_only =
        view.read_only.then(|| view! { <div class="notice" id="read-only"><p>{tr(|t| t.track().read_only)}</p></div> });
    let rating = (actions.rate || view.rating.is_some()).then(|| {
        view! { <Rating code=code.clone() applicant=applicant.clone() given=view.rating on_change=on_change/> }
    });
    let withdraw = actions
        .withdraw
        .then(|| view! { <Withdraw code=code.clone() applicant=applicant.clone() on_change=on_change/> });
    view! {
        <p class="caption">{name.clone()}</p>
        <PageHeading text=Signal::derive(move || name.clone())/>
        <crate::components::read_aloud::ReadAloud/>
        <p class="status-line" id="dossier-status">
            <span class="status-badge">{tr(|t| t.track().status)}": "<strong>{status_name(view.status, &view.status_name)}</strong></span>
            {view.overdue.then(|| view! { <span class="badge badge--overdue">"⚠ "{tr(|t| t.track().overdue)}</span> })}
        </p>
        {summary(&view)}
        {read_only}
        {supplement}
        {pay}
        {result}
        {rating}
        {timeline(&view.events)}
        {withdraw}
    }
}

/// The dossier's facts (code, applicant, agency, dates) and its fee, paid or due.
fn summary(view: &DossierView) -> impl IntoView {
    let t = use_texts();
    let facts = [
        (tr(|t| t.track().code), view.code.clone()),
        (tr(|t| t.track().applicant_name), view.applicant.clone()),
        (tr(|t| t.track().agency), view.agency.clone()),
        (tr(|t| t.track().received), view.received_on.clone()),
        (tr(|t| t.track().appointment), view.appointment_on.clone()),
    ]
    .into_iter()
    .map(|(label, value)| view! { <div class="summary-list__row"><dt>{label}</dt><dd>{value}</dd></div> })
    .collect_view();
    let fee = view.fee.clone().map(|f| {
        let state = match (f.status, f.receipt_number.clone()) {
            (PaymentStatus::Paid, Some(n)) => (t.get_untracked().track().fee_paid)(&n),
            _ => t.get_untracked().track().fee_due.to_owned(),
        };
        view! { <div class="summary-list__row"><dt>{tr(|t| t.track().fee)}</dt><dd>{format_vnd(f.amount)}" – "{state}</dd></div> }
    });
    view! { <dl class="summary-list">{facts}{fee}</dl> }
}

/// The result once issued: its title, date and issuer, a link to open it and one to verify it.
fn result_section(r: ResultDocument) -> impl IntoView {
    let open = format!("{}/api/v1/results/{}", api_base(), r.id);
    let verify = format!("{open}/verify");
    view! {
        <section aria-labelledby="result-title" class="result">
            <h2 id="result-title">{tr(|t| t.track().result)}</h2>
            <p>{r.title.clone()}" · "{r.issued_on.clone()}" · "{r.issuer.clone()}</p>
            <p>
                <a class="button" id="result-open" href=open target="_blank" rel="noopener">{tr(|t| t.track().result_open)}</a>
                " "<a href=verify target="_blank" rel="noopener">{tr(|t| t.track().result_verify)}</a>
            </p>
        </section>
    }
}

/// The dossier's history, newest first.
fn timeline(events: &[StatusEvent]) -> impl IntoView {
    let events = events
        .iter()
        .rev()
        .map(|e| {
            let note = (!e.note.is_empty())
                .then(|| view! { <p class="timeline__note">{system_text(e.note_code, &e.note)}</p> });
            view! {
                <li class="timeline__item">
                    <p class="timeline__status">{status_name(e.status, &e.status_name)}</p>
                    <p class="timeline__meta">{e.at.clone()}" · "{system_text(e.unit_code, &e.unit)}</p>
                    {note}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr(|t| t.track().timeline)}</h2>
            <ol class="timeline" reversed=true>{events}</ol>
        </section>
    }
}
