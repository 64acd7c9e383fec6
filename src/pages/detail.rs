//! A procedure: what it needs, what it costs and how long it takes per channel, who handles
//! it and on what legal basis; and where to go next (apply online, or in person).

use dvc_core::catalog::{ApplicantType, OnlineMode, Procedure};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api;
use crate::catalog_store::{use_catalog, CatalogStatus};
use crate::components::later::Later;
use crate::components::mode_badge::ModeBadge;
use crate::components::page_heading::PageHeading;
use crate::format;
use crate::i18n::{tr, use_texts, Texts};

#[component]
pub fn Detail() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let record = LocalResource::new(move || {
        let code = code.get();
        async move { api::procedure(&code).await }
    });
    let store = use_catalog();
    // The name is known before the full record: show it at once.
    let known_name = move || store.known_name(&code.get());
    let title = Signal::derive(move || match record.get() {
        Some(Ok(p)) => p.name,
        Some(Err(e)) if e.is("procedure_not_found") => t.get().not_found_title.to_owned(),
        _ => known_name().unwrap_or_else(|| t.get().loading.to_owned()),
    });

    // Where to apply is a choice among the catalog's placements: the page is laid out once
    // the catalog is there too (or cannot come), so nothing below it moves when it arrives.
    let catalog_settled = move || store.catalog.with(Option::is_some) || store.status.get() == CatalogStatus::Failed;

    view! {
        <PageHeading text=title/>
        <crate::components::read_aloud::ReadAloud/>
        {move || match record.get() {
            None => view! { <DetailSkeleton/> }.into_any(),
            Some(Ok(_)) if !catalog_settled() => view! { <DetailSkeleton/> }.into_any(),
            Some(Ok(p)) => view! { <ProcedureDetail procedure=p/> }.into_any(),
            Some(Err(e)) if e.is("procedure_not_found") => view! {
                <div class="notice"><p>{tr(|t| t.detail().not_found_procedure)}</p>
                <p><A href=crate::routes::SEARCH>{tr(|t| t.nav_search)}</A></p></div>
            }.into_any(),
            Some(Err(_)) => view! {
                <div class="notice notice--error" role="alert">
                    <p>{tr(|t| t.load_error)}</p>
                    <button type="button" class="button button--secondary" on:click=move |_| record.refetch()>{tr(|t| t.retry)}</button>
                </div>
            }.into_any(),
        }}
    }
}

#[component]
fn DetailSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{tr(|t| t.loading)}</p>
            {(0..8).map(|_| view! { <div class="skeleton__row" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}

#[component]
fn ProcedureDetail(procedure: Procedure) -> impl IntoView {
    let t = use_texts();
    let more = procedure.clone();
    let p = procedure;
    let online = p.main_channel().cloned();
    let (fee, days) = (online.as_ref().map_or(0, |c| c.fee), online.as_ref().map_or(0, |c| c.days));
    let mode = p.online_mode;
    let level = p.level;
    let apply_href = crate::routes::apply(&p.code);
    let where_to_submit = p.where_to_submit.clone();
    let agency_name = p.agency.name.clone();

    view! {
        <section class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title" class="visually-hidden">{tr(|t| t.detail().summary)}</h2>
            <ul class="summary__facts">
                <li><ModeBadge mode=mode/></li>
                <li><strong>{move || format::fee(t.get(), fee)}</strong></li>
                <li><strong>{move || format::days(t.get(), days)}</strong></li>
                <li>{move || format::level(t.get(), level)} " · " {p.field.name.clone()}</li>
            </ul>
            <AgencyChoice base=p.base_code.clone() current=p.code.clone() agency=agency_name.clone()/>
            {if mode == OnlineMode::InPersonOnly {
                view! {
                    <div class="notice">
                        <h3>{tr(|t| t.detail().offline_title)}</h3>
                        <p><strong>{tr(|t| t.detail().offline_where)} ": "</strong>{where_to_submit.clone()} " — " {agency_name.clone()}</p>
                    </div>
                }.into_any()
            } else {
                view! { <p><A href=apply_href attr:class="button button--start">{tr(|t| t.detail().apply_online)} " →"</A></p> }.into_any()
            }}
        </section>
        // The rest, below the fold on a phone, in a task of its own: the page shows sooner.
        <Later><ProcedureMore procedure=more.clone()/></Later>
    }
}

/// What the procedure needs, costs per channel, its steps, the facts and the legal basis.
#[component]
fn ProcedureMore(procedure: Procedure) -> impl IntoView {
    let t = use_texts();
    let p = procedure;
    view! {

        <LabelledTable id="documents-title" title=|t| t.detail().documents
            columns=vec![|t: &Texts| t.detail().document_name, |t: &Texts| t.detail().document_form, |t: &Texts| t.detail().document_quantity]
            rows=p.documents.iter().map(|d| vec![d.name.clone(), d.form.clone().unwrap_or_else(|| "—".into()), d.quantity.clone()]).collect()/>

        <section>
            <h2 id="channels-title">{tr(|t| t.detail().channels)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="channels-title">
            <table class="stack">
                <thead><tr>
                    <th scope="col">{tr(|t| t.detail().channel)}</th>
                    <th scope="col">{tr(|t| t.detail().time)}</th>
                    <th scope="col">{tr(|t| t.detail().fee)}</th>
                    <th scope="col">{tr(|t| t.detail().description)}</th>
                </tr></thead>
                <tbody>
                    {p.channels.iter().map(|c| {
                        let (kind, fee) = (c.channel, c.fee);
                        view! {
                            <tr>
                                <th scope="row">{move || format::channel(t.get(), kind)}</th>
                                <td data-label=tr(|t| t.detail().time)>{c.time.clone()}</td>
                                <td data-label=tr(|t| t.detail().fee)>{(fee > 0).then(|| view! { <strong>{dvc_core::format_vnd(fee)}</strong><br/> })}{c.fee_text.clone()}</td>
                                <td data-label=tr(|t| t.detail().description)>{c.description.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>

        <section>
            <h2 id="steps-title">{tr(|t| t.detail().steps)}</h2>
            <ol class="steps">{p.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ol>
        </section>

        <section>
            <h2>{tr(|t| t.detail().more)}</h2>
            <dl class="facts">
                <dt>{tr(|t| t.detail().applicants)}</dt>
                <dd>{
                    let applicants = p.applicants.clone();
                    move || applicants.iter().map(|a| match a {
                        ApplicantType::Citizen => t.get().applicant_citizen,
                        ApplicantType::Organisation => t.get().applicant_organisation,
                    }).collect::<Vec<_>>().join(", ")
                }</dd>
                <dt>{tr(|t| t.detail().implementing)}</dt><dd>{p.implementing_agency.clone()}</dd>
                <dt>{tr(|t| t.detail().competent)}</dt><dd>{p.competent_agency.clone()}</dd>
                <dt>{tr(|t| t.detail().detail_where)}</dt><dd>{p.where_to_submit.clone()}</dd>
                <dt>{tr(|t| t.detail().result)}</dt><dd>{p.result.clone()}</dd>
                <dt>{tr(|t| t.detail().conditions)}</dt><dd>{p.conditions.clone()}</dd>
                <dt>{tr(|t| t.detail().description)}</dt><dd>{p.description.clone()}</dd>
                <dt>{tr(|t| t.detail().pay_online)}</dt><dd>{move || if p.payable_online { t.get().yes } else { t.get().no }}</dd>
                <dt>{tr(|t| t.detail().national_portal)}</dt><dd>{move || if p.on_national_portal { t.get().yes } else { t.get().no }}</dd>
                <dt>{tr(|t| t.detail().code)}</dt><dd><code>{p.code.clone()}</code></dd>
                <dt>{tr(|t| t.detail().decision)}</dt><dd>{p.decision.clone()}</dd>
                <dt>{tr(|t| t.detail().kind)}</dt><dd>{p.kind.clone()}</dd>
            </dl>
        </section>

        <LabelledTable id="legal-title" title=|t| t.detail().legal
            columns=vec![|t: &Texts| t.detail().legal_number, |t: &Texts| t.detail().legal_summary, |t: &Texts| t.detail().legal_date, |t: &Texts| t.detail().legal_issuer]
            rows=p.legal_basis.iter().map(|l| vec![l.number.clone(), l.summary.clone(), l.date.clone(), l.issuer.clone()]).collect()/>
    }
}

/// A titled table of text whose rows become labelled cards on phones.
#[component]
fn LabelledTable(
    id: &'static str,
    title: fn(&Texts) -> &'static str,
    columns: Vec<fn(&Texts) -> &'static str>,
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    let head = columns.iter().map(|c| view! { <th scope="col">{tr(*c)}</th> }).collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .zip(columns.iter())
                .map(|(text, c)| view! { <td data-label=tr(*c)>{text}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section>
            <h2 id=id>{tr(title)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby=id>
                <table class="stack"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
            </div>
        </section>
    }
}

/// Which agency the citizen applies at: the other placements of the same base procedure.
#[component]
fn AgencyChoice(base: String, current: String, agency: String) -> impl IntoView {
    let store = use_catalog();
    let navigate = use_navigate();
    let options = move || store.catalog.with(|c| c.as_ref().map(|c| c.placements_by_parent(&base)));
    view! {
        {move || match options() {
            Some(groups) if groups.iter().map(|(_, l)| l.len()).sum::<usize>() > 1 => {
                let navigate = navigate.clone();
                let current = current.clone();
                view! {
                    <div class="field">
                        <label for="agency-choice">{tr(|t| t.detail().choose_agency)}</label>
                        <select id="agency-choice" on:change=move |ev| navigate(&crate::routes::procedure(&event_target_value(&ev)), Default::default())>
                            {groups.into_iter().map(|(label, list)| {
                                let options = list.into_iter().map(|(code, name)| {
                                    let selected = code == current;
                                    view! { <option value=code selected=selected>{name}</option> }
                                }).collect_view();
                                view! { <optgroup label=label>{options}</optgroup> }
                            }).collect_view()}
                        </select>
                    </div>
                }.into_any()
            }
            _ => {
                let agency = agency.clone();
                let communes = store.catalog.with(|c| c.as_ref().and_then(|c| c.by_code(&current).and_then(|e| c.any_commune_units(e))));
                view! {
                    <p><strong>{tr(|t| t.detail().agency)} ": "</strong>{agency.clone()}</p>
                    {communes.map(|units| view! { <CommuneChoice units=units/> })}
                }.into_any()
            }
        }}
    }
}

/// Two tiers: any commune or ward receives the procedure; the citizen picks theirs.
#[component]
fn CommuneChoice(units: Vec<String>) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    let t = use_texts();
    view! {
        <div class="field">
            <label for="commune-choice">{tr(|t| t.detail().choose_commune)}</label>
            <select id="commune-choice" on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">{tr(|t| t.apply().choose)}</option>
                {units.into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
            </select>
            <p aria-live="polite">{move || (!chosen.get().is_empty()).then(|| (t.get().detail().apply_at_commune)(&chosen.get()))}</p>
        </div>
    }
}
