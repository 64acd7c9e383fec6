//! What every handler shares.

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::config::CorsOrigins;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The catalog as loaded at start-up, with its search index.
    pub catalog: Arc<Catalog>,
    pub static_dir: Option<std::path::PathBuf>,
    pub cors: CorsOrigins,
}

impl AppState {
    /// Loads the catalog from a seeded database.
    pub fn new(db: Db, static_dir: Option<std::path::PathBuf>, cors: CorsOrigins) -> Result<AppState, crate::ApiError> {
        let catalog = db.with(|c| Catalog::load(c))?;
        Ok(AppState { db, catalog: Arc::new(catalog), static_dir, cors })
    }
}
