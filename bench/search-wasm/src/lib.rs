//! The app's search (the domain core's `SearchIndex`), exposed to JavaScript so the benchmark
//! times exactly what the app runs on each keystroke.

use dvc_core::catalog::CatalogSnapshot;
use dvc_core::search::{SearchIndex, SearchRequest};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine {
    index: SearchIndex,
}

#[wasm_bindgen]
impl Engine {
    /// Indexes a catalog snapshot (the JSON of `GET /api/v1/catalog`).
    #[wasm_bindgen(constructor)]
    pub fn new(snapshot_json: &str) -> Result<Engine, JsError> {
        let snapshot: CatalogSnapshot = serde_json::from_str(snapshot_json)?;
        Ok(Engine { index: SearchIndex::from_snapshot(&snapshot) })
    }

    /// One keystroke's search, as the results page runs it: collapsed by base procedure,
    /// first page of 20. Returns the first hit's entry index (or -1), so nothing is optimised away.
    pub fn search(&self, query: &str) -> i32 {
        let result = self.index.search(&SearchRequest { query, collapse: true, limit: 20, ..Default::default() });
        result.hits.first().map_or(-1, |h| h.doc as i32)
    }

    /// Number of matches of a query (for checking that the engines agree roughly).
    pub fn total(&self, query: &str) -> u32 {
        self.index.search(&SearchRequest { query, collapse: true, limit: 1, ..Default::default() }).total as u32
    }
}
