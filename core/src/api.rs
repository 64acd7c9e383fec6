//! Request and response bodies of the public-service API (`/api/v1`), shared by the app's
//! client and the reference server so both sides agree on every field.

use serde::{Deserialize, Serialize};

use crate::catalog::{AgencyRef, FieldRef, Level, OnlineMode};

/// The error body of every failed request: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
    /// Every problem, when a request has several (a form with mistakes), each at its path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorDetail>,
}

impl ErrorBody {
    /// An error answer read without serde (see [`crate::json`]).
    pub fn from_json(text: &str) -> Option<ErrorBody> {
        let j = crate::json::Json::parse(text)?;
        let detail = |d: &crate::json::Json| {
            Some(ErrorDetail { code: d.text("code")?, message: d.text("message")?, field: d.optional_text("field")? })
        };
        let errors = if j.get("errors").is_some() { j.list("errors", detail)? } else { Vec::new() };
        Some(ErrorBody { error: detail(j.get("error")?)?, errors })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_parameter`, `not_found`.
    pub code: String,
    /// A sentence for people, in Vietnamese.
    pub message: String,
    /// The request field at fault, e.g. `page` or `applicant.cccd`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// One procedure in a list of results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureSummary {
    pub code: String,
    pub base_code: String,
    pub name: String,
    pub field: String,
    pub agency_id: String,
    pub agency: String,
    pub level: Level,
    pub online_mode: OnlineMode,
    pub has_fee: bool,
    pub fee: u64,
    pub days: u16,
    /// With `collapse=true`: how many agencies carry the same base procedure among the results.
    pub variants: u32,
}

/// A count for one value of a filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCounts {
    pub field: Vec<FacetCount>,
    pub level: Vec<FacetCount>,
    pub agency: Vec<FacetCount>,
    pub mode: Vec<FacetCount>,
    pub fee: Vec<FacetCount>,
}

/// `GET /api/v1/procedures`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedurePage {
    pub total: usize,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<ProcedureSummary>,
    pub facets: FacetCounts,
    /// When nothing answers the query: the fields of the procedures that came closest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested_fields: Vec<crate::catalog::FieldRef>,
}

/// `GET /api/v1/fields`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldWithCount {
    #[serde(flatten)]
    pub field: FieldRef,
    pub procedures: u32,
}

/// `GET /api/v1/agencies`: the agency tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyNode {
    #[serde(flatten)]
    pub agency: AgencyRef,
    pub procedures: u32,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<AgencyNode>,
}

/// The figures a province publishes about its catalog (docs/domain.md, "Published figures"):
/// what the seeded demo catalog must reproduce, and what `/stats` counts from the database.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogFigures {
    pub procedures: u32,
    pub fully_online: u32,
    pub partially_online: u32,
    pub offline: u32,
    pub with_fee: u32,
    pub payable_online: u32,
    pub on_national_portal: u32,
    pub on_national_portal_fully_online: u32,
    pub on_national_portal_partially_online: u32,
}

/// `GET /api/v1/stats`: figures computed from the catalog.
///
/// `procedures`, `with_fee` and `payable_online` count catalog records; `fully_online`,
/// `partially_online`, `offline` and the `on_national_portal` counts count public services,
/// one per level at which a procedure is carried out (a few procedures run at two levels),
/// as the province's report does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    pub province: String,
    pub as_of: String,
    pub source: String,
    #[serde(flatten)]
    pub figures: CatalogFigures,
    /// Public services: a procedure once per level at which it is carried out.
    pub services: u32,
    pub by_level: Vec<FacetCount>,
    pub by_field: Vec<FacetCount>,
    /// Dossiers processed (status 9 or 10), and the share of them finished by their appointment date (0–1).
    #[serde(default)]
    pub finished_dossiers: u32,
    #[serde(default)]
    pub on_time_rate: Option<f64>,
    /// Ratings given, and their average (1–5).
    #[serde(default)]
    pub ratings: u32,
    #[serde(default)]
    pub average_rating: Option<f64>,
}

/// `POST /api/v1/uploads`: what the server kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadReceipt {
    pub id: String,
    /// The file name, made safe.
    pub name: String,
    pub kind: crate::validation::FileKind,
    pub size: u64,
    /// Hex SHA-256 of the bytes, for the citizen's and the office's records.
    pub sha256: String,
}

/// `GET /api/v1/areas`: administrative units for address pickers, province → district → commune.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Area {
    /// The agency id of the unit's people's committee, stable across renames.
    pub code: String,
    /// "Tỉnh Vĩnh Phúc", "Thành phố Vĩnh Yên", "Phường Tích Sơn".
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<Area>,
}

/// `POST /api/v1/dossiers` (with an `Idempotency-Key` header).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitDossier {
    /// The procedure as placed in the catalog (where the citizen applies).
    pub procedure_code: String,
    pub answers: crate::form::Answers,
}

/// What the citizen keeps after submitting: the dossier code and when to expect the result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierReceipt {
    /// `<receiving agency>-yyMMdd-NNNN`.
    pub code: String,
    pub receipt_number: String,
    pub procedure_code: String,
    pub procedure_name: String,
    pub agency: String,
    /// National status code (1: newly registered) and its name.
    pub status: u8,
    pub status_name: String,
    /// dd/mm/yyyy.
    pub received_on: String,
    /// dd/mm/yyyy: the appointment date for the result.
    pub appointment_on: String,
}

/// `GET /api/v1/session`: the citizen signed in with their e-ID on this browser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// As the identity provider named them. Only the owner's session gets this answer.
    pub citizen: crate::eid::EidCitizen,
    /// The identification number as shown on screen (`001******345`).
    pub id_number_masked: String,
    /// The e-ID account's identification level: 1 or 2.
    pub level: u8,
    /// When the session ends if nothing happens, in Vietnam's time (`dd/mm/yyyy HH:MM`).
    pub ends_at: String,
    /// Seconds from now until then.
    pub ends_in_seconds: i64,
}

/// `GET /api/v1/session/state`: whether this deployment signs citizens in, and who is signed in
/// on this browser, for the header of every page (always 200: asking costs a visitor no error).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionState {
    /// Signing in with the e-ID is on here.
    pub sign_in: bool,
    /// The signed-in citizen's name, or `None`.
    pub full_name: Option<String>,
    /// Their e-ID's level, or `None`.
    pub level: Option<u8>,
}

/// One of the signed-in citizen's dossiers (`GET /api/v1/session/dossiers`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyDossier {
    pub code: String,
    pub procedure_code: String,
    pub procedure_name: String,
    /// National status code and its name.
    pub status: u8,
    pub status_name: String,
    /// dd/mm/yyyy.
    pub received_on: String,
    pub appointment_on: String,
    /// Filed signed in with a verified e-ID of this level; `None`: filed without signing in.
    pub eid_level: Option<u8>,
}

/// `POST /api/v1/handoffs`: a draft carried from a kiosk to a phone, opened once by its token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Handoff {
    pub token: String,
    /// Seconds since 1970 (UTC).
    pub expires_at: i64,
}

/// `POST /dossiers/{code}/supplements`: the documents an office asked for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Supplement {
    /// Upload ids of the documents asked for.
    pub uploads: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// `POST /dossiers/{code}/withdrawal`: the applicant withdraws the dossier.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Withdrawal {
    #[serde(default)]
    pub reason: String,
}

/// `POST /dossiers/{code}/rating`: 1–5 stars for the service, once the result is returned.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rating {
    pub stars: u8,
    #[serde(default)]
    pub comment: String,
}

/// `POST /officer/dossiers/{code}/status`: the office moves a dossier.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficerAction {
    /// The national status code to move to.
    pub status: u8,
    #[serde(default)]
    pub note: String,
    /// For status 5: the documents asked for.
    #[serde(default)]
    pub documents: Vec<String>,
    /// For status 5: working days to supplement (5 by default).
    #[serde(default)]
    pub deadline_days: Option<u32>,
}
