//! `GET /areas`: the province's districts and communes for address pickers, named as units
//! ("Phường Tích Sơn"), from the agency tree of the catalog (each unit's people's committee).

use axum::extract::State;
use axum::Json;
use dvc_core::api::Area;
use dvc_core::catalog::{AgencyRef, Level};

use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Province → districts → communes.
#[utoipa::path(get, path = "/areas", tag = "catalog", responses((status = 200, body = Vec<Area>)))]
pub async fn areas(State(state): State<AppState>) -> Json<Vec<Area>> {
    let agencies = &state.catalog.snapshot.agencies;
    let units = |parent: &str, level: Level| -> Vec<&AgencyRef> {
        agencies.iter().filter(|a| a.level == level && a.parent.as_deref() == Some(parent)).collect()
    };
    let roots = agencies.iter().filter(|a| a.parent.is_none());
    Json(
        roots
            .map(|p| Area {
                code: p.id.clone(),
                name: unit_name(&p.name),
                children: units(&p.id, Level::District)
                    .into_iter()
                    .map(|d| Area {
                        code: d.id.clone(),
                        name: unit_name(&d.name),
                        children: units(&d.id, Level::Commune)
                            .into_iter()
                            .map(|c| Area { code: c.id.clone(), name: unit_name(&c.name), children: vec![] })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    )
}

/// "Ủy ban nhân dân phường Tích Sơn" → "Phường Tích Sơn".
pub fn unit_name(committee: &str) -> String {
    let rest =
        committee.strip_prefix("Ủy ban nhân dân ").or_else(|| committee.strip_prefix("UBND ")).unwrap_or(committee);
    let mut chars = rest.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(areas))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_named_without_their_committee() {
        assert_eq!(unit_name("Ủy ban nhân dân phường Tích Sơn"), "Phường Tích Sơn");
        assert_eq!(unit_name("Ủy ban nhân dân tỉnh Vĩnh Phúc"), "Tỉnh Vĩnh Phúc");
        assert_eq!(unit_name("Ủy ban nhân dân thành phố Vĩnh Yên"), "Thành phố Vĩnh Yên");
    }
}
