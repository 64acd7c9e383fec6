//! Renders its content once the catalog is on the device (and, for what searches it,
//! indexed); until then a skeleton of the same size (no layout shift), or a way to try again.

use std::sync::Arc;

use leptos::prelude::*;

use crate::catalog_store::{use_catalog, CatalogStatus, LoadedCatalog};
use crate::i18n::tr;

#[component]
pub fn CatalogGate<F, V>(
    children: F,
    #[prop(optional)] skeleton_rows: usize,
    /// The content searches the catalog: wait until it is indexed.
    #[prop(optional)]
    searches: bool,
) -> impl IntoView
where
    F: Fn(Arc<LoadedCatalog>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    gate(Arc::new(move |catalog| children(catalog).into_any()), skeleton_rows.max(3), searches)
}

/// The gate itself, once for every content (the component above only erases its type).
fn gate(
    children: Arc<dyn Fn(Arc<LoadedCatalog>) -> AnyView + Send + Sync>,
    rows: usize,
    searches: bool,
) -> impl IntoView {
    let store = use_catalog();
    move || {
        match (store.catalog.get(), store.status.get()) {
        (Some(catalog), _) if !searches || store.indexed.get() => children(catalog),
        (None, CatalogStatus::Failed) => view! {
            <div class="notice notice--error" role="alert">
                <p>{tr(|t| t.catalog_error)}</p>
                <button type="button" class="button button--secondary" on:click=move |_| store.load()>{tr(|t| t.retry)}</button>
            </div>
        }
        .into_any(),
        _ => view! {
            <div class="skeleton" aria-busy="true">
                <p class="visually-hidden" role="status">{tr(|t| t.loading_catalog)}</p>
                {(0..rows).map(|_| view! { <div class="skeleton__row" aria-hidden="true"></div> }).collect_view()}
            </div>
        }
        .into_any(),
    }
    }
}
