//! One procedure in a list: name (matched words marked), where, how online, fee, time.

use dvc_core::catalog::CatalogEntry;
use dvc_core::search::Hit;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::catalog_store::LoadedCatalog;
use crate::components::highlighted::Highlighted;
use crate::components::mode_badge::ModeBadge;
use crate::format;
use crate::i18n::use_texts;

#[component]
pub fn ProcedureCard(
    entry: CatalogEntry,
    agency: String,
    field: String,
    /// How many agencies carry the same procedure among the results (1: just this one).
    variants: u32,
    /// The everyday words the citizen typed for it ("sổ đỏ"), shown beside the legal name.
    known_as: Option<&'static str>,
    #[prop(into)] query: Signal<String>,
) -> impl IntoView {
    let t = use_texts();
    let href = crate::routes::procedure(&entry.code);
    // Found through everyday words: marking look-alike syllables of the legal name would mislead.
    let query = if known_as.is_some() { Signal::derive(String::new) } else { query };
    let (fee, days, level, mode) = (entry.fee, entry.days, entry.level, entry.mode);
    view! {
        <li class="card">
            <h3 class="card__title">
                <A href=href><Highlighted text=entry.name.clone() query=query/></A>
            </h3>
            {known_as.map(|k| view! { <p class="card__hint">{move || (t.get().known_as)(k)}</p> })}
            <p class="card__meta">
                <span>{field}</span>
                " · "
                <span>{move || format::level(t.get(), level)}</span>
                " · "
                <span>{move || if variants > 1 { (t.get().variants)(variants) } else { agency.clone() }}</span>
            </p>
            <ul class="card__facts">
                <li><ModeBadge mode=mode/></li>
                <li>{move || format::fee(t.get(), fee)}</li>
                <li>{move || format::days(t.get(), days)}</li>
            </ul>
        </li>
    }
}

/// A card per hit, as home's instant results and the results page list them.
pub fn procedure_cards(catalog: &LoadedCatalog, hits: &[Hit], typed: &str, query: Signal<String>) -> impl IntoView {
    hits.iter()
        .map(|h| {
            let e = catalog.entry(h.doc).clone();
            let known_as = catalog.index().everyday_phrase(h.doc, typed);
            let (agency, field) = (catalog.agency_short(&e).to_owned(), catalog.field_name(&e).to_owned());
            view! { <ProcedureCard entry=e agency=agency field=field variants=h.variants known_as=known_as query=query/> }
        })
        .collect_view()
}
