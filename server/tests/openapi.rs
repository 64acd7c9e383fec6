//! The OpenAPI document and the router are one: every documented operation is served, and a
//! route added without a description fails instead of going unnoticed.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::routing::get as get_route;
use axum::Router;
use common::*;
use dvc_server::web;

/// Each `{name}` of a path template replaced by a value no record has.
fn concrete(template: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in template.chars() {
        match c {
            '{' => inside = true,
            '}' => {
                inside = false;
                out.push_str("no-such-thing");
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn every_operation_in_the_document_is_served() {
    let (status, doc) = get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let mut operations = 0;
    for (template, item) in paths {
        assert!(template.starts_with("/api/v1/"), "{template}");
        for method in ["get", "post", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            operations += 1;
            let request = Request::builder()
                .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
                .uri(concrete(template))
                .header("content-type", "application/json")
                .body(Body::from(if method == "post" { "{}" } else { "" }))
                .unwrap();
            let response = send(state(), request).await;
            let status = response.status();
            let body: serde_json::Value = serde_json::from_slice(&body_bytes(response).await).unwrap_or_default();
            let code = body["error"]["code"].as_str().unwrap_or("");
            assert!(
                status != StatusCode::METHOD_NOT_ALLOWED && !status.is_server_error() && code != "no_route",
                "{method} {template}: {status} {body}"
            );
        }
    }
    // Every endpoint of the reference API: catalog, forms, dossiers, tracking, payments, the session…
    assert_eq!(operations, 35, "{:?}", paths.keys().collect::<Vec<_>>());
}

#[tokio::test]
async fn a_route_missing_from_the_document_fails() {
    let routes = web::api_routes().route("/undocumented", get_route(|| async { "hello" }));
    let app: Router = Router::new().nest("/api/v1", web::api(routes)).with_state(state());
    let ask = |uri: &'static str| {
        let app = app.clone();
        async move {
            let request = Request::get(uri).body(Body::empty()).unwrap();
            tower::ServiceExt::oneshot(app, request).await.unwrap().status()
        }
    };
    assert_eq!(ask("/api/v1/stats").await, StatusCode::OK, "a documented route is served");
    assert_eq!(ask("/api/v1/undocumented").await, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn every_schema_the_document_refers_to_is_in_it() {
    let (_, doc) = get("/api/v1/openapi.json").await;
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut refs = 0;
    for piece in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &piece[..piece.find('"').unwrap()];
        assert!(schemas.contains_key(name), "{name} is referred to but not described");
        refs += 1;
    }
    assert!(refs > 20, "{refs} references");
}
