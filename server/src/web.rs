//! The whole service: `/api/v1` and the built app, with compression, security headers,
//! cache rules and (only when configured) CORS for local test origins.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

use crate::catalog::Catalog;
use crate::config::CorsOrigins;
use crate::error::ApiError;
use crate::state::AppState;
use crate::{
    areas, auth, bank, catalog, dossiers, forms, handoffs, officer, openapi, payments, procedures, receipts, results,
    stats, test_bank, tracking, uploads,
};

/// No inline script or style; WASM may compile (`wasm-unsafe-eval`).
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Every API route, each declared once by its module (`routes()`), grouped by the limits it
/// needs. The OpenAPI document is built from this same value ([`crate::openapi::spec`]).
pub fn api_routes() -> OpenApiRouter<AppState> {
    let json = OpenApiRouter::new()
        .merge(procedures::routes())
        .merge(forms::routes())
        .merge(catalog::routes())
        .merge(areas::routes())
        .merge(dossiers::routes())
        .merge(tracking::routes())
        .merge(results::routes())
        .merge(payments::routes())
        .merge(handoffs::routes())
        .merge(receipts::routes())
        .merge(bank::routes())
        .merge(test_bank::routes())
        .merge(stats::routes())
        .merge(openapi::routes())
        .merge(auth::api::routes())
        .layer(RequestBodyLimitLayer::new(1024 * 1024))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        // Only JSON bodies reach the JSON endpoints: a form on another site can post
        // text/plain without asking the browser first. The test bank's form and signed bank
        // notifications take their own bodies.
        .layer(middleware::from_fn(json_only));
    // Uploads stream up to their own limit, and a 10 MB file on 3G takes more than 30 s.
    let uploads =
        uploads::routes().layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(600)));
    // The officer's endpoint checks its token before it reads a body.
    let officer = officer::routes()
        .layer(RequestBodyLimitLayer::new(64 * 1024))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)));
    // An event stream stays open as long as its page does.
    json.merge(uploads).merge(officer).merge(payments::stream_routes())
}

/// The API as served under `/api/v1`: `routes` with the answers every route shares, and a
/// check (in debug builds, so in every test) that each route the router matched is in its
/// OpenAPI description: a route added without one answers 500 `undocumented_route`.
pub fn api(routes: OpenApiRouter<AppState>) -> Router<AppState> {
    let (router, spec) = routes.split_for_parts();
    let documented = Arc::new(Documented::of(&spec));
    router
        .fallback(api_not_found)
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(middleware::from_fn_with_state(documented, only_documented))
        .layer(middleware::from_fn(api_answers))
}

pub fn router(state: AppState) -> Router {
    // A call that changes something with the session cookie must come from this site's pages.
    let api = api(api_routes()).layer(middleware::from_fn_with_state(state.clone(), auth::same_site_only));
    let mut app = Router::new()
        .nest("/api/v1", api)
        .route("/api", get(api_not_found))
        .route("/api/{*rest}", get(api_not_found))
        .merge(auth::routes());
    if let Some(dir) = state.static_dir.clone() {
        let shells = Shells { dir: dir.clone(), catalog: state.catalog.clone() };
        let files = ServeDir::new(&dir)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(axum::routing::any(spa_index).with_state(shells));
        app = app.fallback_service(files).layer(middleware::from_fn(cache_rules));
    }
    let cors = cors_layer(&state.cors);
    let mut app = app
        .with_state(state)
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| ApiError::Internal("panic".into()).into_response()))
        .layer(middleware::from_fn(headers_within_limit))
        .layer(TraceLayer::new_for_http());
    for (name, value) in security_headers() {
        app = app.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    if let Some(cors) = cors {
        app = app.layer(cors);
    }
    app
}

/// The most header bytes a request may carry (names, values and their separators): far above
/// any browser's (cookies included), far below what would cost memory.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Headers over [`MAX_HEADER_BYTES`] get a JSON 431. hyper refuses a head larger than its read
/// buffer too, but only when the head is still incomplete after a read that fills the buffer:
/// one that arrives whole in a single large read would pass. This makes the limit exact.
async fn headers_within_limit(request: Request, next: Next) -> Response {
    let bytes: usize = request.headers().iter().map(|(name, value)| name.as_str().len() + value.len() + 4).sum();
    if bytes > MAX_HEADER_BYTES {
        let status = StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE;
        // And the connection ends, as after hyper's own refusals.
        let close = [(header::CONNECTION, "close")];
        return (status, close, axum::Json(crate::error::body_for_status(status))).into_response();
    }
    next.run(request).await
}

/// POST bodies of JSON endpoints must say they are JSON (an empty body needs nothing).
async fn json_only(request: Request, next: Next) -> Response {
    const OWN_BODIES: [&str; 2] = ["/test-bank/transfers", "/bank-notifications"];
    let path = api_path(request.uri().path());
    let headers = request.headers();
    let has_body = match headers.get(header::CONTENT_LENGTH) {
        Some(length) => length.as_bytes() != b"0",
        None => axum::body::HttpBody::size_hint(request.body()).upper() != Some(0),
    };
    if request.method() == Method::POST && has_body && !OWN_BODIES.contains(&path) && !is_json(headers) {
        return ApiError::UnsupportedMediaType.into_response();
    }
    next.run(request).await
}

/// `Content-Type: application/json`, with or without parameters.
pub fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// What every API answer shares: errors in the one JSON shape (also those the body limit, the
/// timeout or the router make), and `Cache-Control: no-store` unless the answer is public
/// (the catalog) or says otherwise, so nothing personal is kept by a shared cache.
async fn api_answers(request: Request, next: Next) -> Response {
    let public = is_public(request.uri().path());
    let mut response = next.run(request).await;
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !json {
        let keep = response.headers().get(header::RETRY_AFTER).cloned();
        response = crate::error::from_status(status);
        if let Some(retry) = keep {
            response.headers_mut().insert(header::RETRY_AFTER, retry);
        }
    }
    if !public && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// An API address within `/api/v1` (where the nested router sees it), with or without it.
fn api_path(path: &str) -> &str {
    path.strip_prefix("/api/v1").unwrap_or(path)
}

/// The public catalog's addresses: the same answer for everyone.
fn is_public(path: &str) -> bool {
    let first = api_path(path).trim_start_matches('/').split('/').next().unwrap_or("");
    matches!(first, "procedures" | "catalog" | "fields" | "agencies" | "areas" | "stats" | "openapi.json")
}

async fn api_not_found() -> ApiError {
    ApiError::NoSuchRoute
}

/// The (method, path) pairs an OpenAPI document describes, paths as the router writes them.
struct Documented(HashSet<(Method, String)>);

impl Documented {
    fn of(spec: &utoipa::openapi::OpenApi) -> Documented {
        let mut pairs = HashSet::new();
        for (path, item) in &spec.paths.paths {
            let methods = [
                (Method::GET, item.get.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::PATCH, item.patch.is_some()),
                (Method::DELETE, item.delete.is_some()),
            ];
            pairs.extend(methods.into_iter().filter(|(_, has)| *has).map(|(m, _)| (m, path.clone())));
        }
        Documented(pairs)
    }

    fn has(&self, method: &Method, path: &str) -> bool {
        let method = if method == Method::HEAD { &Method::GET } else { method };
        self.0.contains(&(method.clone(), api_path(path).to_owned()))
    }
}

/// Refuses, in debug builds, a request that a route without an OpenAPI description answered.
async fn only_documented(State(documented): State<Arc<Documented>>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|m| (request.method().clone(), m.as_str().to_owned()));
    let response = next.run(request).await;
    if let (true, Some((method, path))) = (cfg!(debug_assertions), route) {
        if response.status() != StatusCode::METHOD_NOT_ALLOWED && !documented.has(&method, &path) {
            tracing::error!(route = path, "a route missing from the OpenAPI description");
            return ApiError::Internal("undocumented route".into()).into_response();
        }
    }
    response
}

fn security_headers() -> Vec<(HeaderName, HeaderValue)> {
    vec![
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(self), geolocation=(), microphone=()"),
        ),
        (HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin")),
    ]
}

pub fn cors_layer(origins: &CorsOrigins) -> Option<CorsLayer> {
    let allow = match origins {
        CorsOrigins::None => return None,
        CorsOrigins::Local => AllowOrigin::predicate(|origin, _| is_local_origin(origin.as_bytes())),
        CorsOrigins::List(list) => AllowOrigin::list(list.iter().filter_map(|o| HeaderValue::from_str(o).ok())),
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
            .allow_headers([
                header::CONTENT_TYPE,
                header::IF_NONE_MATCH,
                HeaderName::from_static("idempotency-key"),
                HeaderName::from_static("x-file-name"),
                HeaderName::from_static("x-signature"),
                HeaderName::from_static("x-applicant"),
                HeaderName::from_static("x-phone"),
                HeaderName::from_static(auth::REQUEST_HEADER),
                header::AUTHORIZATION,
            ])
            .expose_headers([header::ETAG])
            .max_age(Duration::from_secs(600)),
    )
}

/// `http://127.0.0.1:<port>` or `http://localhost:<port>`.
pub fn is_local_origin(origin: &[u8]) -> bool {
    let Ok(origin) = std::str::from_utf8(origin) else { return false };
    ["http://127.0.0.1:", "http://localhost:"].iter().any(|p| {
        origin
            .strip_prefix(p)
            .is_some_and(|port| !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// What deep links are answered from: the built app's folder, and the catalog for the names
/// of procedures.
#[derive(Clone)]
struct Shells {
    dir: PathBuf,
    catalog: Arc<Catalog>,
}

/// Deep links (`/thu-tuc/1.001193`) load the app, from the first paint of their page: a
/// procedure's address from `procedure.html`, the first step of filing it from `filing.html`,
/// each with the procedure's name written in (what the app shows first, so the largest paint
/// comes at once), any other from `shell.html`. A missing file (`/pkg/x.js`) is a 404.
async fn spa_index(State(shells): State<Shells>, request: Request) -> Response {
    let path = request.uri().path();
    let last = path.rsplit('/').next().unwrap_or("");
    if path.starts_with("/api/") || looks_like_file(last) {
        return (StatusCode::NOT_FOUND, "Không tìm thấy tệp.").into_response();
    }
    let html = |html: Vec<u8>| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], Body::from(html)).into_response();
    if let Some((first_paint, name)) = procedure_page(&shells.catalog, path) {
        if let Ok(page) = tokio::fs::read_to_string(shells.dir.join(first_paint)).await {
            return html(page.replace(PROCEDURE_NAME, &crate::html::escape(name)).into_bytes());
        }
    }
    // The first paint of every page but home (the build writes both; older builds only index.html).
    let shell = match tokio::fs::read(shells.dir.join("shell.html")).await {
        Ok(page) => Ok(page),
        Err(_) => tokio::fs::read(shells.dir.join("index.html")).await,
    };
    match shell {
        Ok(page) => html(page),
        Err(_) => (StatusCode::NOT_FOUND, "Ứng dụng chưa được build (thiếu index.html).").into_response(),
    }
}

/// Where a procedure's first paints take its name.
const PROCEDURE_NAME: &str = "{{PROCEDURE_NAME}}";

/// A procedure's page (`/thu-tuc/<code>`) or the first step of filing it (`/nop-ho-so/<code>`):
/// its first paint, and the procedure's name as the app shows it there.
fn procedure_page<'a>(catalog: &'a Catalog, path: &str) -> Option<(&'static str, &'a str)> {
    let (first_paint, code) = if let Some(code) = path.strip_prefix("/thu-tuc/") {
        ("procedure.html", code)
    } else {
        ("filing.html", path.strip_prefix("/nop-ho-so/")?)
    };
    catalog.snapshot.by_code(code).map(|e| (first_paint, e.name.as_str()))
}

/// A last path segment with a short extension (`app.js`) names a file; procedure codes
/// (`1.001193`) end in digits and do not.
fn looks_like_file(segment: &str) -> bool {
    segment
        .rsplit_once('.')
        .is_some_and(|(_, ext)| (1..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Hashed assets never change: cache them for a year. Everything else (index.html, the
/// manifest, the service worker, deep links) is revalidated on every load.
async fn cache_rules(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if path.starts_with("/api/") || response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let value = if response.status().is_success() && is_hashed_asset(Path::new(&path)) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// `name-<16 hex digits>.<ext>`, or anything in a folder `app-<16 hex digits>/`, as the build
/// names what never changes under its name.
pub fn is_hashed_asset(path: &Path) -> bool {
    let hashed = |name: &str| {
        name.rsplit_once('-').is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let in_build_folder = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|f| f.to_str())
        .is_some_and(|f| f.starts_with("app-") && hashed(f));
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { return false };
    in_build_folder || hashed(stem.strip_suffix("_bg").unwrap_or(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_origins_are_loopback_with_a_port() {
        assert!(is_local_origin(b"http://127.0.0.1:41234"));
        assert!(is_local_origin(b"http://localhost:8000"));
        assert!(!is_local_origin(b"http://127.0.0.1.evil.example:80"));
        assert!(!is_local_origin(b"https://example.org"));
        assert!(!is_local_origin(b"http://localhost:"));
    }

    #[test]
    fn hashed_assets_are_recognised() {
        assert!(is_hashed_asset(Path::new("/dichvucong-0123456789abcdef.js")));
        assert!(is_hashed_asset(Path::new("/dichvucong-0123456789abcdef_bg.wasm")));
        assert!(!is_hashed_asset(Path::new("/index.html")));
        assert!(!is_hashed_asset(Path::new("/sw.js")));
        assert!(is_hashed_asset(Path::new("/app-0123456789abcdef/chunk_12.wasm")));
        assert!(is_hashed_asset(Path::new("/app-0123456789abcdef/__wasm_split.js")));
        assert!(!is_hashed_asset(Path::new("/app-latest/chunk_12.wasm")));
        assert!(!is_hashed_asset(Path::new("/icons/chunk_12.wasm")));
    }

    #[test]
    fn procedure_codes_are_not_files() {
        assert!(!looks_like_file("1.001193"));
        assert!(!looks_like_file("1.001193.000.00.15.H62"));
        assert!(looks_like_file("app.js"));
        assert!(looks_like_file("icon-192.png"));
    }
}
