//! The catalog on this device: shown at once from the copy kept in `localStorage`,
//! revalidated against the API with its ETag, and searched locally on every keystroke.

use std::sync::Arc;

use dvc_core::catalog::{CatalogEntry, CatalogSnapshot};
use dvc_core::catalog_pack;
use dvc_core::search::{SearchIndex, SearchRequest, SearchResult};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, SnapshotFetch};

/// The snapshot kept on the device, as the compact text it came in, and its ETag.
const STORE_PACK: &str = "dvc.catalog.pack";
const STORE_ETAG: &str = "dvc.catalog.etag";
/// Where earlier versions kept it as JSON: removed to free the space.
const STORE_JSON_BEFORE: &str = "dvc.catalog.json";

/// A snapshot with its search index.
pub struct LoadedCatalog {
    pub snapshot: CatalogSnapshot,
    pub index: SearchIndex,
}

impl LoadedCatalog {
    pub fn new(snapshot: CatalogSnapshot) -> LoadedCatalog {
        let index = SearchIndex::from_snapshot(&snapshot);
        LoadedCatalog { snapshot, index }
    }

    pub fn search(&self, request: &SearchRequest) -> SearchResult {
        self.index.search(request)
    }

    pub fn entry(&self, doc: u32) -> &CatalogEntry {
        &self.snapshot.entries[doc as usize]
    }

    pub fn by_code(&self, code: &str) -> Option<&CatalogEntry> {
        self.snapshot.entries.iter().find(|e| e.code == code).or_else(|| self.snapshot.entries.iter().find(|e| e.base == code))
    }

    /// Where a base procedure can be done: (code, agency) of each placement, grouped under
    /// the agency above (a commune's district), groups and agencies in the agency tree's order.
    pub fn placements_by_parent(&self, base: &str) -> Vec<(String, Vec<(String, String)>)> {
        let agencies = &self.snapshot.agencies;
        let mut found: Vec<(usize, &CatalogEntry)> = self.snapshot.entries.iter().filter(|e| e.base == base).map(|e| (e.agency as usize, e)).collect();
        found.sort_by_key(|(agency, _)| *agency);
        let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (agency, entry) in found {
            let Some(a) = agencies.get(agency) else { continue };
            let parent = a.parent.as_deref().and_then(|p| agencies.iter().find(|x| x.id == p)).map_or(String::new(), |p| p.short.clone());
            if groups.last().is_none_or(|(label, _)| *label != parent) {
                groups.push((parent, Vec::new()));
            }
            if let Some((_, list)) = groups.last_mut() {
                list.push((entry.code.clone(), a.short.clone()));
            }
        }
        groups
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
}

impl CatalogStore {
    /// Loads the kept copy (if any), then revalidates with the API.
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
                self.catalog.set(Some(Arc::new(LoadedCatalog::new(CatalogSnapshot::from(wire)))));
                self.status.set(CatalogStatus::Ready);
                etag = held_etag;
            }
        }
        if self.catalog.with_untracked(Option::is_none) {
            self.status.set(CatalogStatus::Loading);
        }
        spawn_local(async move {
            match api::catalog_snapshot(etag.as_deref()).await {
                Ok(SnapshotFetch::NotModified) => {}
                Ok(SnapshotFetch::Fresh { snapshot, text, etag }) => {
                    if let Some(s) = storage() {
                        // A full store only costs the next start a download.
                        let _ = s.set_item(STORE_PACK, &text);
                        if let Some(etag) = etag {
                            let _ = s.set_item(STORE_ETAG, &etag);
                        }
                    }
                    self.catalog.set(Some(Arc::new(LoadedCatalog::new(snapshot))));
                    self.status.set(CatalogStatus::Ready);
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
    let store = CatalogStore { catalog: RwSignal::new(None), status: RwSignal::new(CatalogStatus::Loading) };
    provide_context(store);
    store.load();
    store
}

pub fn use_catalog() -> CatalogStore {
    expect_context::<CatalogStore>()
}
