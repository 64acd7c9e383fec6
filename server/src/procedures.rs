//! `/procedures`: search with filters, paging and facet counts, and one full record.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use dvc_core::api::{ErrorBody, FacetCount, FacetCounts, ProcedurePage, ProcedureSummary};
use dvc_core::catalog::{fee_name_vi, Level, OnlineMode, Procedure};
use dvc_core::search::{Facets, Filters, SearchRequest};

use crate::catalog::Catalog;
use crate::error::ApiError;
use crate::query_string;
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_PER_PAGE: u32 = 100;
pub const MAX_PAGE: u32 = 10_000;

/// The parameters of `GET /api/v1/procedures`, validated.
#[derive(Debug, Default, PartialEq, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProcedureQuery {
    /// What the citizen typed; diacritics, typos and everyday words are fine. At most 200 characters.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Field slug, from `/fields`.
    #[param(max_length = 100)]
    pub field: Option<String>,
    /// Agency id, from `/agencies`.
    #[param(max_length = 100)]
    pub agency: Option<String>,
    /// `province`, `district` or `commune`.
    #[param(pattern = "^(province|district|commune)$")]
    pub level: Option<String>,
    /// `full`, `partial` or `offline`.
    #[param(pattern = "^(full|partial|offline)$")]
    pub mode: Option<String>,
    /// `yes` (a fee is due) or `no`.
    #[param(pattern = "^(yes|no)$")]
    pub fee: Option<String>,
    /// `true`: one result per base procedure, with the number of agencies carrying it.
    pub collapse: Option<bool>,
    /// From 1; at most 10000.
    #[param(minimum = 1, maximum = 10000)]
    pub page: Option<u32>,
    /// From 1 to 100; 20 by default.
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
}

impl ProcedureQuery {
    pub fn parse(raw: Option<&str>) -> Result<ProcedureQuery, ApiError> {
        let mut q = ProcedureQuery::default();
        for (key, value) in query_string::parse(raw)? {
            let text = || Some(value.trim().to_owned()).filter(|v| !v.is_empty());
            match key.as_str() {
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        return Err(ApiError::invalid(
                            "q",
                            format!("Từ khóa tìm kiếm dài quá {MAX_QUERY_CHARS} ký tự."),
                        ));
                    }
                    q.q = text();
                }
                "field" => q.field = text(),
                "agency" => q.agency = text(),
                "level" => q.level = text(),
                "mode" => q.mode = text(),
                "fee" => q.fee = text(),
                "collapse" => q.collapse = Some(parse_bool("collapse", &value)?),
                "page" => q.page = Some(parse_number("page", &value, 1, MAX_PAGE)?),
                "per_page" => q.per_page = Some(parse_number("per_page", &value, 1, MAX_PER_PAGE)?),
                _ => return Err(ApiError::UnknownParameter { field: key }),
            }
        }
        Ok(q)
    }

    fn filters(&self, catalog: &Catalog) -> Result<Filters, ApiError> {
        Ok(Filters {
            field: self
                .field
                .as_ref()
                .map(|f| {
                    catalog
                        .field_index
                        .get(f)
                        .copied()
                        .ok_or_else(|| ApiError::invalid("field", format!("Không có lĩnh vực “{f}”.")))
                })
                .transpose()?,
            agency: self
                .agency
                .as_ref()
                .map(|a| {
                    catalog
                        .agency_index
                        .get(a)
                        .copied()
                        .ok_or_else(|| ApiError::invalid("agency", format!("Không có cơ quan “{a}”.")))
                })
                .transpose()?,
            level: self
                .level
                .as_ref()
                .map(|l| {
                    Level::from_slug(l).ok_or_else(|| {
                        ApiError::invalid("level", "Cấp thực hiện phải là province, district hoặc commune.")
                    })
                })
                .transpose()?,
            mode: self
                .mode
                .as_ref()
                .map(|m| {
                    OnlineMode::from_slug(m).ok_or_else(|| {
                        ApiError::invalid("mode", "Mức độ trực tuyến phải là full, partial hoặc offline.")
                    })
                })
                .transpose()?,
            fee: self
                .fee
                .as_ref()
                .map(|f| match f.as_str() {
                    "yes" | "true" => Ok(true),
                    "no" | "false" => Ok(false),
                    _ => Err(ApiError::invalid("fee", "Lệ phí phải là yes hoặc no.")),
                })
                .transpose()?,
        })
    }
}

fn parse_number(field: &str, value: &str, min: u32, max: u32) -> Result<u32, ApiError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| ApiError::invalid(field, format!("“{field}” phải là số nguyên từ {min} đến {max}.")))
}

fn parse_bool(field: &str, value: &str) -> Result<bool, ApiError> {
    match value.trim() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ApiError::invalid(field, format!("“{field}” phải là true hoặc false."))),
    }
}

/// Search the catalog, as the app does locally.
#[utoipa::path(get, path = "/procedures", tag = "procedures", params(ProcedureQuery),
    responses((status = 200, body = ProcedurePage), (status = 400, description = "A parameter is invalid", body = ErrorBody)))]
pub async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Json<ProcedurePage>, ApiError> {
    let query = ProcedureQuery::parse(raw.as_deref())?;
    let catalog = &state.catalog;
    let page = query.page.unwrap_or(1);
    let per_page = query.per_page.unwrap_or(20);
    let request = SearchRequest {
        query: query.q.as_deref().unwrap_or(""),
        filters: query.filters(catalog)?,
        collapse: query.collapse.unwrap_or(false),
        offset: ((page - 1) * per_page) as usize,
        limit: per_page as usize,
    };
    let result = catalog.index.search(&request);
    let s = &catalog.snapshot;
    let items = result
        .hits
        .iter()
        .map(|h| {
            let e = &s.entries[h.doc as usize];
            let agency = &s.agencies[e.agency as usize];
            ProcedureSummary {
                code: e.code.clone(),
                base_code: e.base.clone(),
                name: e.name.clone(),
                field: s.fields[e.field as usize].slug.clone(),
                agency_id: agency.id.clone(),
                agency: agency.short.clone(),
                level: e.level,
                online_mode: e.mode,
                has_fee: e.has_fee,
                fee: e.fee,
                days: e.days,
                variants: h.variants,
            }
        })
        .collect();
    Ok(Json(ProcedurePage {
        total: result.total,
        page,
        per_page,
        items,
        facets: facet_counts(catalog, &result.facets),
        suggested_fields: result.suggested_fields.iter().filter_map(|&f| s.fields.get(f as usize).cloned()).collect(),
    }))
}

fn facet_counts(catalog: &Catalog, f: &Facets) -> FacetCounts {
    let s = &catalog.snapshot;
    let count =
        |value: &str, label: &str, count: u32| FacetCount { value: value.to_owned(), label: label.to_owned(), count };
    FacetCounts {
        field: f
            .field
            .iter()
            .map(|(i, n)| count(&s.fields[*i as usize].slug, &s.fields[*i as usize].name, *n))
            .collect(),
        agency: f
            .agency
            .iter()
            .map(|(i, n)| count(&s.agencies[*i as usize].id, &s.agencies[*i as usize].short, *n))
            .collect(),
        level: f.level.iter().map(|(l, n)| count(l.slug(), l.name_vi(), *n)).collect(),
        mode: f.mode.iter().map(|(m, n)| count(m.slug(), m.name_vi(), *n)).collect(),
        fee: f.fee.iter().map(|(yes, n)| count(if *yes { "yes" } else { "no" }, fee_name_vi(*yes), *n)).collect(),
    }
}

/// The full published record of one procedure.
#[utoipa::path(get, path = "/procedures/{code}", tag = "procedures",
    params(("code" = String, Path, pattern = "^[0-9A-Za-z.]{1,64}$", description = "Local procedure code (1.001193.001.01.00.H62), or a national base code (1.001193) for its first placement")),
    responses((status = 200, body = Procedure), (status = 404, body = ErrorBody), (status = 400, body = ErrorBody)))]
pub async fn detail(State(state): State<AppState>, Path(code): Path<String>) -> Result<Json<Procedure>, ApiError> {
    load_record(&state, code).await.map(Json)
}

/// The full record of a procedure by local code, or by national base code (its first
/// placement); a JSON 404 when there is none.
pub async fn load_record(state: &AppState, code: String) -> Result<Procedure, ApiError> {
    if code.len() > 64 || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
        return Err(ApiError::invalid("code", "Mã thủ tục không hợp lệ."));
    }
    let json: Option<String> = state
        .db
        .call(move |c| {
            // A national base code (1.001193) opens its first placement in the catalog.
            let mut stmt = c.prepare_cached(
                "SELECT record FROM procedures WHERE code = ?1 OR base_code = ?1 ORDER BY position LIMIT 1",
            )?;
            let mut rows = stmt.query(crate::params![code])?;
            Ok(rows.next()?.map(|r| r.get(0)).transpose()?)
        })
        .await?;
    let json = json.ok_or_else(|| ApiError::not_found("procedure_not_found", "Không tìm thấy thủ tục này."))?;
    serde_json::from_str(&json).map_err(|e| ApiError::Internal(format!("stored record: {e}")))
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search)).routes(routes!(detail))
}
