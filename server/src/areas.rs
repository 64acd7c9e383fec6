//! `GET /areas`: the province's local units for address pickers, named as units
//! ("Phường Tích Sơn"), from the agency tree of the catalog (each unit's people's committee).

use axum::extract::State;
use axum::Json;
use dvc_core::api::Area;
pub use dvc_core::catalog::unit_name;
use dvc_core::catalog::{AgencyRef, Level};

use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Province → its local units, as deep as the province's structure goes: districts and their
/// communes (three tiers), or communes and wards (two tiers, since 1 July 2025).
#[utoipa::path(get, path = "/areas", tag = "catalog", responses((status = 200, body = Vec<Area>)))]
pub async fn areas(State(state): State<AppState>) -> Json<Vec<Area>> {
    let agencies = &state.catalog.snapshot.agencies;
    // The units under an agency: its children other than the province's departments.
    fn units(agencies: &[AgencyRef], parent: &str) -> Vec<Area> {
        agencies
            .iter()
            .filter(|a| a.level != Level::Province && a.parent.as_deref() == Some(parent))
            .map(|u| Area { code: u.id.clone(), name: unit_name(&u.name), children: units(agencies, &u.id) })
            .collect()
    }
    let provinces = agencies.iter().filter(|a| a.level == Level::Province && a.parent.is_none());
    Json(
        provinces
            .map(|p| Area { code: p.id.clone(), name: unit_name(&p.name), children: units(agencies, &p.id) })
            .collect(),
    )
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(areas))
}
