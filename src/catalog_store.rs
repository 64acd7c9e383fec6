//! The catalog on this device: shown at once from the copy kept in `localStorage`,
//! revalidated against the API with its ETag, and searched locally on every keystroke.
//!
//! Its search index is built in short slices between other work (a few milliseconds each
//! on a slow phone), so opening the app never blocks typing; what lists the catalog shows
//! at once, what searches it waits for [`CatalogStore::indexed`].
//!
//! It is loaded when a page first asks for it ([`use_catalog`]); a page that does not (a bill,
//! a dossier's status, a scan) gets its own data first, and the catalog follows a few seconds
//! later ([`AFTER_START_MS`]), for the footer's portal name and for searching offline later.
//! On a slow phone the catalog's 40 KB and its indexing otherwise compete with the bill.

use std::sync::{Arc, OnceLock};

use dvc_core::catalog::{CatalogEntry, CatalogSnapshot};
use dvc_core::catalog_pack;
use dvc_core::search::{IndexBuilder, SearchIndex, SearchRequest, SearchResult};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, SnapshotFetch};
use crate::next_task::next_task;

/// The snapshot kept on the device, as the compact text it came in, and its ETag.
const STORE_PACK: &str = "dvc.catalog.pack";
const STORE_ETAG: &str = "dvc.catalog.etag";
/// Where earlier versions kept it as JSON: removed to free the space.
const STORE_JSON_BEFORE: &str = "dvc.catalog.json";

/// Entries indexed per slice: a few milliseconds at a slow phone's speed.
const INDEX_SLICE: usize = 120;

/// When the catalog is loaded if no page has asked for it.
const AFTER_START_MS: u64 = 4000;

/// A snapshot with its search index (built in slices after it arrives).
pub struct LoadedCatalog {
    pub snapshot: CatalogSnapshot,
    index: OnceLock<SearchIndex>,
}

impl LoadedCatalog {
    pub fn new(snapshot: CatalogSnapshot) -> LoadedCatalog {
        LoadedCatalog { snapshot, index: OnceLock::new() }
    }

    /// The search index; built at once if a search comes before the slices are done.
    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::from_snapshot(&self.snapshot))
    }

    pub fn search(&self, request: &SearchRequest) -> SearchResult {
        self.index().search(request)
    }

    pub fn entry(&self, doc: u32) -> &CatalogEntry {
        &self.snapshot.entries[doc as usize]
    }

    pub fn by_code(&self, code: &str) -> Option<&CatalogEntry> {
        self.snapshot.by_code(code)
    }

    /// Where a base procedure can be done: (code, agency) of each placement, grouped under
    /// the agency above (a commune's district), groups and agencies in the agency tree's order.
    pub fn placements_by_parent(&self, base: &str) -> Vec<(String, Vec<(String, String)>)> {
        let agencies = &self.snapshot.agencies;
        let found: Vec<&CatalogEntry> = self.snapshot.entries.iter().filter(|e| e.base == base).collect();
        let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
        // Agency by agency (no sort: a few hundred agencies, a few hundred placements at most,
        // and no sorting code in the procedure page's download).
        for (index, a) in agencies.iter().enumerate() {
            for entry in found.iter().filter(|e| e.agency as usize == index) {
                let parent = a
                    .parent
                    .as_deref()
                    .and_then(|p| agencies.iter().find(|x| x.id == p))
                    .map_or(String::new(), |p| p.short.clone());
                if groups.last().is_none_or(|(label, _)| *label != parent) {
                    groups.push((parent, Vec::new()));
                }
                if let Some((_, list)) = groups.last_mut() {
                    list.push((entry.code.clone(), a.short.clone()));
                }
            }
        }
        groups
    }

    /// With two tiers, a commune-level procedure is listed once under the agency standing for
    /// every commune (no parent, commune level): any commune or ward receives it. Their names
    /// then ("Xã Bản Nguyên"), in the data's order (alphabetical), to choose where to go.
    pub fn any_commune_units(&self, entry: &CatalogEntry) -> Option<Vec<String>> {
        let agencies = &self.snapshot.agencies;
        let a = agencies.get(entry.agency as usize)?;
        a.stands_for_any_commune().then(|| {
            agencies.iter().filter(|u| u.is_commune_unit()).map(|u| dvc_core::catalog::unit_name(&u.name)).collect()
        })
    }

    pub fn field_name(&self, entry: &CatalogEntry) -> &str {
        self.snapshot.fields.get(entry.field as usize).map_or("", |f| f.name.as_str())
    }

    pub fn agency_short(&self, entry: &CatalogEntry) -> &str {
        self.snapshot.agencies.get(entry.agency as usize).map_or("", |a| a.short.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CatalogStatus {
    Loading,
    Ready,
    /// Nothing held and the API did not answer.
    Failed,
}

/// Shared through context by [`provide_catalog`].
#[derive(Clone, Copy)]
pub struct CatalogStore {
    pub catalog: RwSignal<Option<Arc<LoadedCatalog>>>,
    pub status: RwSignal<CatalogStatus>,
    /// The catalog held can be searched without a wait.
    pub indexed: RwSignal<bool>,
}

thread_local! {
    /// Loading has begun ([`CatalogStore::need`]; one store in the app).
    static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl CatalogStore {
    /// Shows a catalog at once and indexes it in slices, each in a task of its own.
    fn hold(self, catalog: LoadedCatalog) {
        let catalog = Arc::new(catalog);
        self.catalog.set(Some(catalog.clone()));
        self.status.set(CatalogStatus::Ready);
        self.indexed.set(false);
        spawn_local(async move {
            let mut builder = IndexBuilder::new(&catalog.snapshot);
            while builder.add_next(INDEX_SLICE) {
                next_task().await;
                if catalog.index.get().is_some() {
                    break; // a search did not wait
                }
            }
            if catalog.index.get().is_none() {
                let _ = catalog.index.set(builder.finish());
            }
            // Still the catalog shown (a newer one may have arrived meanwhile).
            if self.catalog.with_untracked(|c| c.as_ref().is_some_and(|c| Arc::ptr_eq(c, &catalog))) {
                self.indexed.set(true);
            }
        });
    }

    /// Loads the catalog, once: the first call does, later ones nothing.
    pub fn need(self) {
        if !ASKED.replace(true) {
            self.load();
        }
    }

    /// Loads the kept copy (if any), then revalidates with the API (again, for "Thử lại").
    pub fn load(self) {
        let held = storage().and_then(|s| {
            let _ = s.remove_item(STORE_JSON_BEFORE);
            let text = s.get_item(STORE_PACK).ok()??;
            let etag = s.get_item(STORE_ETAG).ok()?;
            Some((text, etag))
        });
        let mut etag = None;
        if let Some((text, held_etag)) = held {
            if let Ok(wire) = catalog_pack::decode(&text) {
                self.hold(LoadedCatalog::new(CatalogSnapshot::from(wire)));
                etag = held_etag;
            }
        }
        if self.catalog.with_untracked(Option::is_none) {
            self.status.set(CatalogStatus::Loading);
        }
        spawn_local(async move {
            // A lost answer is asked again by itself; a failure shows only after that.
            match api::retrying(|| api::catalog_snapshot(etag.as_deref())).await {
                Ok(SnapshotFetch::NotModified) => {}
                Ok(SnapshotFetch::Fresh { snapshot, text, etag }) => {
                    if let Some(s) = storage() {
                        // A full store only costs the next start a download.
                        let _ = s.set_item(STORE_PACK, &text);
                        if let Some(etag) = etag {
                            let _ = s.set_item(STORE_ETAG, &etag);
                        }
                    }
                    self.hold(LoadedCatalog::new(snapshot));
                }
                Err(_) => {
                    if self.catalog.with_untracked(Option::is_none) {
                        self.status.set(CatalogStatus::Failed);
                    }
                }
            }
        });
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn provide_catalog() -> CatalogStore {
    let store = CatalogStore {
        catalog: RwSignal::new(None),
        status: RwSignal::new(CatalogStatus::Loading),
        indexed: RwSignal::new(false),
    };
    provide_context(store);
    set_timeout(move || store.need(), std::time::Duration::from_millis(AFTER_START_MS));
    store
}

impl CatalogStore {
    /// A procedure's name before its record comes: from the catalog, else from the first
    /// paint the server wrote it into. Tracked: it follows the catalog's arrival.
    pub fn known_name(self, code: &str) -> Option<String> {
        self.catalog
            .with(|c| c.as_ref().and_then(|c| c.by_code(code).map(|e| e.name.clone())))
            .or_else(crate::boot::painted_name)
    }
}

/// The catalog, for a page that shows or searches it: loaded now if it was not yet.
pub fn use_catalog() -> CatalogStore {
    let store = expect_context::<CatalogStore>();
    store.need();
    store
}

/// The catalog as far as it is loaded, without asking for it (the shell's footer).
pub fn held_catalog() -> CatalogStore {
    expect_context::<CatalogStore>()
}
