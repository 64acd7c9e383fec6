//! The catalog in memory (snapshot and search index, built once from SQLite), and the
//! endpoints that hand it out: `/catalog`, `/fields`, `/agencies`.

use std::collections::HashMap;

use crate::db::Connection;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dvc_core::api::{AgencyNode, ErrorBody, FieldWithCount};
use dvc_core::catalog::{AgencyRef, CatalogEntry, CatalogSnapshot, CatalogWire, FieldRef, Level, Procedure};
use dvc_core::catalog_pack;
use dvc_core::search::SearchIndex;

use crate::error::ApiError;
use crate::fingerprint::Fingerprint;
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

pub struct Catalog {
    pub snapshot: CatalogSnapshot,
    /// The snapshot serialised once; every `/catalog` response is these bytes.
    pub snapshot_json: Bytes,
    /// The same as compact text (`/catalog/pack`, what the app downloads).
    pub snapshot_pack: Bytes,
    /// Strong ETag, quoted.
    pub etag: String,
    pub index: SearchIndex,
    pub field_index: HashMap<String, u16>,
    pub agency_index: HashMap<String, u16>,
}

impl Catalog {
    pub fn load(c: &Connection) -> Result<Catalog, ApiError> {
        let fields: Vec<FieldRef> = c
            .prepare("SELECT slug, name, name_en FROM fields ORDER BY position")?
            .query_map(crate::params![], |r| Ok(FieldRef { slug: r.get(0)?, name: r.get(1)?, name_en: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        let agencies: Vec<AgencyRef> = c
            .prepare("SELECT id, name, short, level, parent FROM agencies ORDER BY position")?
            .query_map(crate::params![], |r| {
                let level: String = r.get(3)?;
                Ok(AgencyRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    short: r.get(2)?,
                    level: Level::from_slug(&level).unwrap_or(Level::Province),
                    parent: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let field_index: HashMap<String, u16> =
            fields.iter().enumerate().map(|(i, f)| (f.slug.clone(), i as u16)).collect();
        let agency_index: HashMap<String, u16> =
            agencies.iter().enumerate().map(|(i, a)| (a.id.clone(), i as u16)).collect();

        let mut entries = Vec::new();
        let mut stmt = c.prepare("SELECT record FROM procedures ORDER BY position")?;
        let mut rows = stmt.query(crate::params![])?;
        while let Some(row) = rows.next()? {
            let json: String = row.get(0)?;
            let p: Procedure =
                serde_json::from_str(&json).map_err(|e| ApiError::Internal(format!("stored record: {e}")))?;
            let field = *field_index
                .get(&p.field.slug)
                .ok_or_else(|| ApiError::Internal(format!("{}: unknown field", p.code)))?;
            let agency = *agency_index
                .get(&p.agency.id)
                .ok_or_else(|| ApiError::Internal(format!("{}: unknown agency", p.code)))?;
            entries.push(CatalogEntry::from_procedure(&p, field, agency));
        }

        let meta = |key: &str| -> String {
            c.query_row("SELECT value FROM meta WHERE key = ?1", crate::params![key], |r| r.get(0)).unwrap_or_default()
        };
        let mut snapshot = CatalogSnapshot {
            version: String::new(),
            province: meta("province"),
            portal_name: meta("portal_name"),
            hotline: Some(meta("hotline")).filter(|h| !h.is_empty()),
            fields,
            agencies,
            entries,
        };
        let unversioned = serde_json::to_vec(&snapshot).map_err(|e| ApiError::Internal(e.to_string()))?;
        snapshot.version = Fingerprint::of(&unversioned);
        let snapshot_json = serde_json::to_vec(&snapshot).map_err(|e| ApiError::Internal(e.to_string()))?.into();
        let snapshot_pack = catalog_pack::encode(&CatalogWire::from(snapshot.clone())).into_bytes().into();
        let index = SearchIndex::from_snapshot(&snapshot);
        Ok(Catalog {
            etag: format!("\"{}\"", snapshot.version),
            snapshot,
            snapshot_json,
            snapshot_pack,
            index,
            field_index,
            agency_index,
        })
    }
}

/// Records the help line the catalog offers when a search finds nothing (`DVC_HOTLINE`), or
/// that there is none; read by [`Catalog::load`].
pub fn set_hotline(db: &crate::db::Db, hotline: Option<&str>) -> Result<(), crate::db::Error> {
    db.with(|c| match hotline {
        Some(h) => c
            .execute(
                "INSERT INTO meta (key, value) VALUES ('hotline', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                crate::params![h],
            )
            .map(drop),
        None => c.execute("DELETE FROM meta WHERE key = 'hotline'", crate::params![]).map(drop),
    })
}

/// `If-None-Match` names this ETag (or `*`), weakly compared as RFC 9110 says for GET.
fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag))
}

/// The compact catalog the app searches locally.
#[utoipa::path(get, path = "/catalog", tag = "catalog",
    params(("If-None-Match" = Option<String>, Header, description = "ETag of a snapshot already held")),
    responses(
        (status = 200, description = "The snapshot; `ETag` names its version", body = CatalogWire),
        (status = 304, description = "The snapshot held is current")))]
pub async fn snapshot(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let catalog = &state.catalog;
    conditional(&headers, &catalog.etag, "application/json", catalog.snapshot_json.clone())
}

/// The same snapshot as compact text (see `dvc_core::catalog_pack`): what the app downloads,
/// read without a JSON decoder. The same `ETag`.
#[utoipa::path(get, path = "/catalog/pack", tag = "catalog",
    params(("If-None-Match" = Option<String>, Header, description = "ETag of a snapshot already held")),
    responses(
        (status = 200, description = "The snapshot as text (`dvc-catalog 1`); `ETag` names its version", content_type = "text/plain", body = String),
        (status = 304, description = "The snapshot held is current")))]
pub async fn pack(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let catalog = &state.catalog;
    conditional(&headers, &catalog.etag, "text/plain; charset=utf-8", catalog.snapshot_pack.clone())
}

/// 304 when the client holds this version, else the bytes; revalidated on every use.
fn conditional(headers: &HeaderMap, etag_text: &str, content_type: &'static str, body: Bytes) -> Response {
    let etag = HeaderValue::from_str(etag_text).unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
    // Revalidate every time: cheap with the ETag, and the citizen never sees a stale catalog.
    let cache = (header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches_etag(headers, etag_text) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag), cache]).into_response();
    }
    ([(header::ETAG, etag), cache, (header::CONTENT_TYPE, HeaderValue::from_static(content_type))], body)
        .into_response()
}

/// Fields (lĩnh vực) with the number of procedures in each.
#[utoipa::path(get, path = "/fields", tag = "catalog", responses((status = 200, body = Vec<FieldWithCount>)))]
pub async fn fields(State(state): State<AppState>) -> Json<Vec<FieldWithCount>> {
    let s = &state.catalog.snapshot;
    let mut counts = vec![0u32; s.fields.len()];
    for e in &s.entries {
        counts[e.field as usize] += 1;
    }
    Json(s.fields.iter().zip(counts).map(|(f, n)| FieldWithCount { field: f.clone(), procedures: n }).collect())
}

/// The agency tree: the province's people's committee, its departments and districts, and
/// each district's communes, with the number of procedures each carries out.
#[utoipa::path(get, path = "/agencies", tag = "catalog", responses((status = 200, body = Vec<AgencyNode>), (status = 500, body = ErrorBody)))]
pub async fn agencies(State(state): State<AppState>) -> Json<Vec<AgencyNode>> {
    let s = &state.catalog.snapshot;
    let mut counts = vec![0u32; s.agencies.len()];
    for e in &s.entries {
        counts[e.agency as usize] += 1;
    }
    fn children(s: &CatalogSnapshot, counts: &[u32], parent: Option<&str>) -> Vec<AgencyNode> {
        s.agencies
            .iter()
            .enumerate()
            .filter(|(_, a)| a.parent.as_deref() == parent)
            .map(|(i, a)| AgencyNode {
                agency: a.clone(),
                procedures: counts[i],
                children: children(s, counts, Some(&a.id)),
            })
            .collect()
    }
    Json(children(s, &counts, None))
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(snapshot))
        .routes(routes!(pack))
        .routes(routes!(fields))
        .routes(routes!(agencies))
}
