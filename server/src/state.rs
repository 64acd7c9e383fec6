//! What every handler shares.

use std::sync::Arc;
use std::time::Duration;

use crate::catalog::Catalog;
use crate::clock::Clock;
use dvc_core::payment::Payment;
use tokio::sync::broadcast;

use crate::config::{CorsOrigins, PaymentConfig, UploadConfig};
use crate::db::Db;
use crate::rate_limit::RateLimiter;

/// Dossier lookups a client may make in a minute.
pub const LOOKUPS_PER_MINUTE: u32 = 30;

/// Wrong identities given for one dossier code in a quarter of an hour, from all clients
/// together, before that dossier's lookups pause: guessing a phone number from many
/// addresses is as slow as from one.
pub const WRONG_IDENTITIES_PER_DOSSIER: u32 = 10;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The catalog as loaded at start-up, with its search index.
    pub catalog: Arc<Catalog>,
    pub static_dir: Option<std::path::PathBuf>,
    pub cors: CorsOrigins,
    pub uploads: UploadConfig,
    pub payments: PaymentConfig,
    /// Every change of a bill, for the event streams of the pages showing it.
    pub payment_events: broadcast::Sender<Payment>,
    /// Dossier lookups per client.
    pub lookups: Arc<RateLimiter>,
    /// Wrong identities per dossier code.
    pub wrong_identities: Arc<RateLimiter>,
    /// The bearer token of the officer endpoints; `None`: they refuse everyone.
    pub officer_token: Option<String>,
    /// Where citizens reach this deployment, as printed on results and receipts (never taken
    /// from a request's `Host`, which the sender chooses).
    pub public_url: String,
    /// The one clock every date and time comes from (`DVC_CLOCK` sets it; tests pin it).
    pub clock: Clock,
}

impl AppState {
    /// Loads the catalog from a seeded database; uploads go to `var/uploads` until set otherwise.
    pub fn new(db: Db, static_dir: Option<std::path::PathBuf>, cors: CorsOrigins) -> Result<AppState, crate::ApiError> {
        let catalog = db.with(|c| Catalog::load(c))?;
        let uploads = UploadConfig { dir: "var/uploads".into(), max_bytes: UploadConfig::DEFAULT_MAX_BYTES };
        let (payment_events, _) = broadcast::channel(256);
        Ok(AppState { db, catalog: Arc::new(catalog), static_dir, cors, uploads, payments: PaymentConfig::demo(), payment_events,
            lookups: Arc::new(RateLimiter::new(LOOKUPS_PER_MINUTE, Duration::from_secs(60))),
            wrong_identities: Arc::new(RateLimiter::new(WRONG_IDENTITIES_PER_DOSSIER, Duration::from_secs(15 * 60))), officer_token: None, public_url: "http://127.0.0.1:8080".into(), clock: Clock::system() })
    }
}
