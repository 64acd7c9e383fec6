//! What every handler shares.

use std::sync::Arc;
use std::time::Duration;

use crate::catalog::Catalog;
use crate::clock::Clock;
use tokio::sync::{broadcast, watch};

use crate::config::{CorsOrigins, PaymentConfig, UploadConfig};
use crate::db::Db;
use crate::rate_limit::RateLimiter;

/// Payment event streams open at once; more get a 503 and the page polls instead.
pub const MAX_EVENT_STREAMS: usize = 2000;

/// Failed dossier lookups (a wrong code or identity) a client may make in a minute; lookups
/// that find their dossier (the app's polling of "my dossiers") do not count.
pub const LOOKUPS_PER_MINUTE: u32 = 30;

/// All dossier lookups a client may make in a minute, found or not.
pub const READS_PER_MINUTE: u32 = 300;

/// How many times the budgets above a client in a kiosk network gets (`DVC_KIOSK_NETWORKS`:
/// a service centre's LAN, many citizens behind one address).
pub const KIOSK_FACTOR: u32 = 20;

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
    /// The ids of bills that changed, for the event streams of the pages showing them: sent
    /// here by this instance, and on PostgreSQL heard from every instance ([`crate::events`]).
    pub payment_events: broadcast::Sender<String>,
    /// Set to `true` when the server shuts down: event streams end so connections can drain.
    pub closing: Arc<watch::Sender<bool>>,
    /// Event streams open now, at most [`MAX_EVENT_STREAMS`].
    pub open_streams: Arc<std::sync::atomic::AtomicUsize>,
    /// Failed dossier lookups per client.
    pub lookups: Arc<RateLimiter>,
    /// Uploads per client and hour.
    pub upload_quota: Arc<RateLimiter>,
    /// All dossier lookups per client.
    pub reads: Arc<RateLimiter>,
    /// Proxies whose `X-Forwarded-For` names the client (`DVC_TRUSTED_PROXIES`).
    pub trusted_proxies: Arc<crate::clients::Networks>,
    /// Kiosk LANs, with a larger budget (`DVC_KIOSK_NETWORKS`).
    pub kiosk_networks: Arc<crate::clients::Networks>,
    /// Wrong identities per dossier code.
    pub wrong_identities: Arc<RateLimiter>,
    /// The bearer token of the officer endpoints; `None`: they refuse everyone.
    pub officer_token: Option<String>,
    /// Where citizens reach this deployment, as printed on results and receipts (never taken
    /// from a request's `Host`, which the sender chooses).
    pub public_url: String,
    /// The one clock every date and time comes from (`DVC_CLOCK` sets it; tests pin it).
    pub clock: Clock,
    /// The national e-ID's identity provider (`DVC_OIDC_*`); `None`: signing in is off.
    pub oidc: Option<Arc<crate::auth::oidc::Provider>>,
}

impl AppState {
    /// Loads the catalog from a seeded database; uploads go to `var/uploads` until set otherwise.
    pub fn new(db: Db, static_dir: Option<std::path::PathBuf>, cors: CorsOrigins) -> Result<AppState, crate::ApiError> {
        let catalog = db.with(|c| Catalog::load(c))?;
        let uploads = UploadConfig { dir: "var/uploads".into(), max_bytes: UploadConfig::DEFAULT_MAX_BYTES };
        let (payment_events, _) = broadcast::channel(256);
        Ok(AppState {
            db,
            catalog: Arc::new(catalog),
            static_dir,
            cors,
            uploads,
            payments: PaymentConfig::demo(),
            payment_events,
            closing: Arc::new(watch::channel(false).0),
            open_streams: Arc::new(std::sync::atomic::AtomicUsize::new(0)),
            lookups: Arc::new(RateLimiter::new("lookups", LOOKUPS_PER_MINUTE, Duration::from_secs(60))),
            reads: Arc::new(RateLimiter::new("reads", READS_PER_MINUTE, Duration::from_secs(60))),
            upload_quota: Arc::new(RateLimiter::new(
                "uploads",
                crate::uploads::UPLOADS_PER_HOUR,
                Duration::from_secs(3600),
            )),
            trusted_proxies: Arc::default(),
            kiosk_networks: Arc::default(),
            wrong_identities: Arc::new(RateLimiter::new(
                "wrong_identities",
                WRONG_IDENTITIES_PER_DOSSIER,
                Duration::from_secs(15 * 60),
            )),
            officer_token: None,
            public_url: "http://127.0.0.1:8080".into(),
            clock: Clock::system(),
            oidc: None,
        })
    }
}

impl AppState {
    /// Who `request` comes from, as the limits count clients.
    pub fn client(&self, request: &axum::extract::Request) -> crate::clients::Client {
        crate::clients::client(request, &self.trusted_proxies, &self.kiosk_networks)
    }
}
