//! Serving the built app: deep links, cache rules, compression, security headers, CORS.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use dvc_server::config::CorsOrigins;

/// A stand-in for `dist/`, written once per test binary.
fn built_app() -> std::path::PathBuf {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dvc-serving-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><title>Dịch vụ công</title>").unwrap();
        std::fs::write(dir.join("shell.html"), "<!doctype html><title>Dịch vụ công</title><p>Đang tải…</p>").unwrap();
        std::fs::write(
            dir.join("procedure.html"),
            "<!doctype html><title>{{PROCEDURE_NAME}} – Dịch vụ công</title><h1>{{PROCEDURE_NAME}}</h1>",
        )
        .unwrap();
        std::fs::write(
            dir.join("filing.html"),
            "<!doctype html><title>Dịch vụ công</title><p>{{PROCEDURE_NAME}}</p><h1>Thông tin người nộp hồ sơ</h1>",
        )
        .unwrap();
        std::fs::write(dir.join("dichvucong-0123456789abcdef.js"), "export default 1;".repeat(200)).unwrap();
        std::fs::write(dir.join("manifest.webmanifest"), "{}").unwrap();
        dir
    })
    .clone()
}

async fn fetch(uri: &str, headers: &[(&str, &str)], cors: CorsOrigins) -> axum::http::Response<Body> {
    let mut request = Request::get(uri);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    send(state_with(Some(built_app()), cors), request.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn deep_links_load_the_app_and_are_never_cached() {
    for uri in ["/", "/thu-tuc/1.001193", "/tim-kiem"] {
        let r = fetch(uri, &[], CorsOrigins::None).await;
        assert_eq!(r.status(), StatusCode::OK, "{uri}: {:?}", r.headers());
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-cache", "{uri}");
        assert!(String::from_utf8(body_bytes(r).await).unwrap().contains("<title>"), "{uri}");
    }
}

#[tokio::test]
async fn a_procedure_s_pages_open_on_its_name_written_by_the_server() {
    let page = |uri: String| async move {
        String::from_utf8(body_bytes(fetch(&uri, &[], CorsOrigins::None).await).await).unwrap()
    };
    // By national base code (its first placement) and by local code, as the API answers them.
    let name = state().catalog.snapshot.by_code("1.001193").expect("in the demo catalog").name.clone();
    assert!(name.to_lowercase().contains("khai sinh"), "{name}");
    let html = page("/thu-tuc/1.001193".into()).await;
    assert!(html.contains(&format!("<h1>{name}</h1>")), "{html}");
    assert!(html.contains(&format!("<title>{name} – Dịch vụ công</title>")), "{html}");
    let local =
        state().catalog.snapshot.entries.iter().find(|e| e.base == "1.000894").expect("marriage registration").clone();
    assert!(page(format!("/thu-tuc/{}", local.code)).await.contains(&format!("<h1>{}</h1>", local.name)));
    // The first step of filing it names it too; a later step, a code the catalog does not
    // have, another page get the plain first paint: no placeholder shows.
    assert!(page("/nop-ho-so/1.001193".into())
        .await
        .contains(&format!("<p>{name}</p><h1>Thông tin người nộp hồ sơ</h1>")));
    for uri in
        ["/thu-tuc/9.999999", "/thu-tuc/%3Cb%3E", "/nop-ho-so/1.001193/giay-to", "/nop-ho-so/9.999999", "/tra-cuu"]
    {
        let html = page(uri.into()).await;
        assert!(html.contains("Đang tải…") && !html.contains("{{"), "{uri}: {html}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_missing_files_are_404() {
    let r = fetch("/dichvucong-0123456789abcdef.js", &[], CorsOrigins::None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    let r = fetch("/manifest.webmanifest", &[], CorsOrigins::None).await;
    assert_eq!(r.headers()[header::CACHE_CONTROL], "no-cache");
    let r = fetch("/dichvucong-missing.js", &[], CorsOrigins::None).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn responses_carry_a_strict_content_security_policy_and_security_headers() {
    let r = fetch("/thu-tuc/1.001193", &[], CorsOrigins::None).await;
    let csp = r.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let api = fetch("/api/v1/stats", &[], CorsOrigins::None).await;
    assert!(api.headers().contains_key(header::CONTENT_SECURITY_POLICY));
}

#[tokio::test]
async fn text_is_compressed_with_brotli_or_gzip() {
    let r = fetch("/api/v1/catalog", &[("accept-encoding", "br")], CorsOrigins::None).await;
    assert_eq!(r.headers()[header::CONTENT_ENCODING], "br");
    let r = fetch("/dichvucong-0123456789abcdef.js", &[("accept-encoding", "gzip")], CorsOrigins::None).await;
    assert_eq!(r.headers()[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn cors_is_off_unless_configured_and_then_only_for_local_origins() {
    let origin = [("origin", "http://127.0.0.1:41234")];
    let r = fetch("/api/v1/stats", &origin, CorsOrigins::None).await;
    assert!(!r.headers().contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    let r = fetch("/api/v1/stats", &origin, CorsOrigins::Local).await;
    assert_eq!(r.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "http://127.0.0.1:41234");
    let r = fetch("/api/v1/stats", &[("origin", "https://example.org")], CorsOrigins::Local).await;
    assert!(!r.headers().contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}
