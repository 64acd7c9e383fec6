//! `dvc-server`: the reference public-service API with the demo catalog, serving the app.

use dvc_server::db::Db;
use dvc_server::seed::{self, SeedOutcome};
use dvc_server::serve;
use dvc_server::{router, AppState, Config};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DVC_LOG").unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    if let Err(e) = run().await {
        eprintln!("dvc-server: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env_and_args()?;
    let db = match &config.database_url {
        Some(url) => Db::connect(&url.0).map_err(|e| format!("cannot use PostgreSQL (DVC_DATABASE_URL): {e}"))?,
        None => Db::open(&config.db_path).map_err(|e| format!("cannot open {}: {e}", config.db_path.display()))?,
    };
    match seed::seed_if_needed(&db, &config.data_dir, &config.dataset).map_err(|e| e.to_string())? {
        SeedOutcome::Seeded { procedures } => {
            tracing::info!(procedures, dataset = config.dataset, "catalog seeded from {}", config.data_dir.display())
        }
        SeedOutcome::AlreadySeeded => tracing::info!("catalog up to date"),
    }
    dvc_server::catalog::set_hotline(&db, config.hotline.as_deref()).map_err(|e| e.to_string())?;
    if let Some(dir) = &config.static_dir {
        if !dir.join("index.html").exists() {
            tracing::warn!(
                "{} has no index.html: build the app first (scripts/build-app.sh); serving the API only",
                dir.display()
            );
        }
    }
    let mut state = AppState::new(db, config.static_dir.clone(), config.cors.clone()).map_err(|e| e.to_string())?;
    state.uploads = config.uploads.clone();
    state.payments = config.payments.clone();
    state.officer_token = config.officer_token.clone();
    state.public_url = config.public_url.clone();
    if let Some(settings) = config.oidc.clone() {
        tracing::info!(issuer = settings.issuer, "signing in with the national e-ID is on");
        state.oidc = Some(std::sync::Arc::new(dvc_server::auth::oidc::Provider::new(settings)?));
    }
    state.upload_quota = std::sync::Arc::new(dvc_server::rate_limit::RateLimiter::new(
        "uploads",
        config.uploads_per_hour,
        std::time::Duration::from_secs(3600),
    ));
    state.trusted_proxies = std::sync::Arc::new(config.trusted_proxies.clone());
    state.kiosk_networks = std::sync::Arc::new(config.kiosk_networks.clone());
    if let Some(start) = config.clock_start {
        state.clock = dvc_server::clock::Clock::running_from(start);
        tracing::warn!("the clock starts at {} (DVC_CLOCK), not at the system's time", state.clock.vietnam_time());
    }
    background_tasks(&state, config.demo_progress);
    if state.payments.test_bank {
        tracing::warn!("the TEST BANK is on (/api/v1/test-bank): anyone can mark a bill paid. Set DVC_BANK_SECRET for a real gateway.");
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    println!("Dịch vụ công: http://{}", config.addr);
    let closing = state.closing.clone();
    let shutdown = async move {
        dvc_server::serve::signal().await;
        tracing::info!("shutting down: no new connections, event streams end, requests under way finish");
        let _ = closing.send(true);
    };
    serve::serve(listener, router(state), serve::Limits::default(), shutdown).await;
    Ok(())
}

/// What runs beside the requests: the uploads' sweeps, hearing other instances (PostgreSQL)
/// and the demo's clerk.
fn background_tasks(state: &AppState, demo_progress: bool) {
    let swept = dvc_server::uploads::sweep_parts(&state.uploads.dir);
    if swept > 0 {
        tracing::info!(swept, "part files of uploads a stopped server left, deleted");
    }
    // Uploads no dossier took go after a while: checked at start, then every hour.
    let sweeper = state.clone();
    tokio::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            match dvc_server::uploads::sweep(&sweeper).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(n, "unattached uploads deleted"),
                Err(e) => tracing::warn!(error = %e, "sweeping uploads"),
            }
        }
    });
    if dvc_server::events::hear_other_instances(state) {
        tracing::info!("PostgreSQL: bill changes made through any instance reach this one's event streams");
    }
    if demo_progress {
        tracing::info!("demo: new dossiers move along by themselves (DVC_DEMO_PROGRESS=on)");
        dvc_server::demo::spawn(state.clone());
    }
}
