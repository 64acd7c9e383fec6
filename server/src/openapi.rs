//! `/openapi.json`: the OpenAPI 3 description. Its paths come from the router itself (each
//! module's `routes()`, built from the handlers' `#[utoipa::path]`), so a route and its
//! description are declared once and cannot drift apart.

use std::sync::LazyLock;

use axum::Json;
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(info(
    title = "Dịch vụ công — public-service API",
    version = "1.0.0",
    description = "The province's administrative procedures: catalog and search, dossiers, tracking, fee payment and statistics. Errors are `{\"error\": {\"code\", \"message\", \"field\"}}`."
))]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta", responses((status = 200, description = "OpenAPI 3 document")))]
pub async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(spec())
}

/// The served description: the document's header and shared schemas, with every route of
/// [`crate::web::api_routes`] under `/api/v1`.
pub fn spec() -> &'static utoipa::openapi::OpenApi {
    static SPEC: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| {
        OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", crate::web::api_routes()).into_openapi()
    });
    &SPEC
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(openapi_json))
}
