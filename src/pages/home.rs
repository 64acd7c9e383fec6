//! Home: the search box with instant results, popular services, and browsing by field.

use std::sync::Arc;

use dvc_core::search::SearchRequest;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::catalog_store::LoadedCatalog;
use crate::components::catalog_gate::CatalogGate;
use crate::components::later::Later;
use crate::components::page_heading::PageHeading;
use crate::components::procedure_card::procedure_cards;
use crate::components::search_box::SearchBox;
use crate::format::search_href;
use crate::i18n::{tr, use_lang, use_texts, Lang};

#[component]
pub fn Home() -> impl IntoView {
    let t = use_texts();
    // What was typed in the first paint's box before the app started.
    let (query, set_query) = signal(crate::boot::take_typed().unwrap_or_default());
    // Once the box is on the page (before the browser handles another keystroke).
    Effect::new(crate::boot::give_focus_back);
    let navigate = use_navigate();
    let submit = move |q: String| navigate(&search_href(&[("q", q.trim())]), Default::default());

    view! {
        <PageHeading text=Signal::derive(move || t.get().home_title.to_owned())/>
        <p class="page__lead">{tr(|t| t.home_lead)}</p>
        <SearchBox value=query on_input=move |q| set_query.set(q) on_submit=submit controls="instant-results"/>
        <section id="instant-results" class="instant" aria-live="polite">
            {move || (!query.get().trim().is_empty()).then(|| view! {
                <CatalogGate skeleton_rows=3 searches=true children=move |catalog| instant_results(catalog, query)/>
            })}
        </section>
        <section class="home-section">
            <h2>{tr(|t| t.popular_title)}</h2>
            {popular()}
        </section>
        <section class="home-section">
            <h2>{tr(|t| t.fields_title)}</h2>
            <Later><CatalogGate children=move |catalog| fields(catalog)/></Later>
        </section>
    }
}

fn instant_results(catalog: Arc<LoadedCatalog>, query: ReadSignal<String>) -> impl IntoView {
    let t = use_texts();
    move || {
        let q = query.get();
        let result = catalog.search(&SearchRequest { query: &q, collapse: true, limit: 5, ..Default::default() });
        let total = result.total;
        let href = search_href(&[("q", q.trim())]);
        let cards = procedure_cards(&catalog, &result.hits, &q, query.into());
        view! {
            <h2 class="instant__count">{(t.get().results_count)(total, q.trim())}</h2>
            <ul class="cards">{cards}</ul>
            {(total > 5).then(|| view! { <p><A href=href.clone()>{(t.get().see_all_results)(total)}</A></p> })}
            {(total == 0 && !q.trim().is_empty()).then(|| view! { <p><A href=href>{t.get().no_results_where}</A></p> })}
        }
    }
}

/// Popular services by their everyday name, at once (the first paint shows the same list),
/// with the legal name beneath once the catalog is here; those it lacks are then skipped.
fn popular() -> impl IntoView {
    let t = use_texts();
    let catalog = crate::catalog_store::use_catalog().catalog;
    move || {
        let items = t
            .get()
            .popular
            .iter()
            .filter_map(|(code, label)| {
                let legal = catalog.with(|c| match c {
                    Some(c) => c.by_code(code).map(|e| e.name.clone()),
                    None => Some(String::new()),
                })?;
                Some(view! {
                    <li><A href=crate::routes::procedure(code)>{*label}</A><span class="link-grid__note">{legal}</span></li>
                })
            })
            .collect_view();
        view! { <ul class="link-grid link-grid--popular">{items}</ul> }
    }
}

fn fields(catalog: Arc<LoadedCatalog>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let mut bases: Vec<std::collections::HashSet<&str>> = vec![Default::default(); catalog.snapshot.fields.len()];
    for e in &catalog.snapshot.entries {
        bases[e.field as usize].insert(e.base.as_str());
    }
    let items = catalog
        .snapshot
        .fields
        .iter()
        .zip(bases.iter().map(|b| b.len() as u32))
        .filter(|(_, n)| *n > 0)
        .map(|(f, n)| {
            let href = search_href(&[("field", &f.slug)]);
            let (name, name_en) = (f.name.clone(), f.name_en.clone());
            let en = move || lang.get() == Lang::En;
            view! {
                <li>
                    <A href=href>{move || if en() { name_en.clone() } else { name.clone() }}</A>
                    <span class="link-grid__count">{move || (t.get().procedures_in_field)(n)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="link-grid link-grid--fields">{items}</ul> }
}
