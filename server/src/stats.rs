//! `/stats`: the catalog's figures, counted in SQLite, to set beside the province's report.

use crate::db::Connection;
use axum::extract::State;
use axum::Json;
use dvc_core::api::{CatalogFigures, ErrorBody, FacetCount, Stats};
use dvc_core::catalog::Level;
use dvc_core::date::Date;

use crate::error::ApiError;
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Figures computed from the database.
#[utoipa::path(get, path = "/stats", tag = "stats", responses((status = 200, body = Stats), (status = 500, body = ErrorBody)))]
pub async fn stats(State(state): State<AppState>) -> Result<Json<Stats>, ApiError> {
    state.db.call(|c| compute(c)).await.map(Json)
}

pub fn compute(c: &Connection) -> Result<Stats, ApiError> {
    let meta = |key: &str| -> Result<String, ApiError> {
        Ok(c.query_row("SELECT value FROM meta WHERE key = ?1", crate::params![key], |r| r.get(0)).unwrap_or_default())
    };
    let totals = c.query_row(
        "SELECT count(*), \
                CAST(coalesce(sum(service_count), 0) AS BIGINT), \
                CAST(coalesce(sum(CASE WHEN online_mode = 'full' THEN service_count END), 0) AS BIGINT), \
                CAST(coalesce(sum(CASE WHEN online_mode = 'partial' THEN service_count END), 0) AS BIGINT), \
                CAST(coalesce(sum(CASE WHEN online_mode = 'offline' THEN service_count END), 0) AS BIGINT), \
                CAST(coalesce(sum(has_fee), 0) AS BIGINT), \
                CAST(coalesce(sum(payable_online), 0) AS BIGINT), \
                CAST(coalesce(sum(CASE WHEN on_national_portal = 1 THEN service_count END), 0) AS BIGINT), \
                CAST(coalesce(sum(CASE WHEN on_national_portal = 1 AND online_mode = 'full' THEN service_count END), 0) AS BIGINT), \
                CAST(coalesce(sum(CASE WHEN on_national_portal = 1 AND online_mode = 'partial' THEN service_count END), 0) AS BIGINT) \
         FROM procedures",
        crate::params![],
        |r| (0..10).map(|i| r.get::<_, u32>(i)).collect::<Result<Vec<u32>, _>>(),
    )?;
    let by_level = Level::ALL
        .iter()
        .map(|l| {
            let n: u32 =
                c.query_row("SELECT count(*) FROM procedures WHERE level = ?1", crate::params![l.slug()], |r| {
                    r.get(0)
                })?;
            Ok(FacetCount { value: l.slug().to_owned(), label: l.name_vi().to_owned(), count: n })
        })
        // Only the levels the province has: no "Cấp huyện" with two tiers.
        .filter(|level| !matches!(level, Ok(FacetCount { count: 0, .. })))
        .collect::<Result<Vec<_>, ApiError>>()?;
    let by_field = c
        .prepare(
            "SELECT f.slug, f.name, count(p.code) FROM fields f LEFT JOIN procedures p ON p.field = f.slug \
             GROUP BY f.slug ORDER BY f.position",
        )?
        .query_map(crate::params![], |r| Ok(FacetCount { value: r.get(0)?, label: r.get(1)?, count: r.get(2)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    let finished: Vec<(String, String)> = c
        .prepare(
            "SELECT finished_on, appointment_on FROM dossiers WHERE status IN (9, 10) AND finished_on IS NOT NULL",
        )?
        .query_map(crate::params![], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let on_time = finished
        .iter()
        .filter(|(done, due)| matches!((Date::parse_dmy(done), Date::parse_dmy(due)), (Ok(d), Ok(a)) if d <= a))
        .count();
    let (ratings, average): (u32, Option<f64>) =
        c.query_row("SELECT count(*), CAST(avg(stars) AS DOUBLE PRECISION) FROM ratings", crate::params![], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(Stats {
        finished_dossiers: finished.len() as u32,
        on_time_rate: (!finished.is_empty()).then(|| on_time as f64 / finished.len() as f64),
        ratings,
        average_rating: average,
        province: meta("province")?,
        as_of: meta("as_of")?,
        source: meta("source")?,
        figures: CatalogFigures {
            procedures: totals[0],
            fully_online: totals[2],
            partially_online: totals[3],
            offline: totals[4],
            with_fee: totals[5],
            payable_online: totals[6],
            on_national_portal: totals[7],
            on_national_portal_fully_online: totals[8],
            on_national_portal_partially_online: totals[9],
        },
        services: totals[1],
        by_level,
        by_field,
    })
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(stats))
}
