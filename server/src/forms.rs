//! `GET /procedures/{code}/form`: the online form of a procedure. The applicant section is
//! the same everywhere; the questions are the procedure's own where `forms.json` has them, a
//! description otherwise; there is one document slot per required document.

use axum::extract::{Path, State};
use axum::Json;
use dvc_core::api::ErrorBody;
use dvc_core::catalog::{OnlineMode, Procedure};
use dvc_core::form::{DocumentSlot, FieldKind, FormDefinition, FormField, Receiver};
use dvc_core::validation::FileRules;

use crate::error::ApiError;
use crate::fingerprint::Fingerprint;
use crate::procedures::load_record;
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The form to file a procedure online.
#[utoipa::path(get, path = "/procedures/{code}/form", tag = "procedures",
    params(("code" = String, Path, pattern = "^[0-9A-Za-z.]{1,64}$", description = "Local or national procedure code")),
    responses((status = 200, body = FormDefinition), (status = 404, description = "No such procedure, or it is filed in person only", body = ErrorBody),
        (status = 400, description = "Not a procedure code", body = ErrorBody)))]
pub async fn form(State(state): State<AppState>, Path(code): Path<String>) -> Result<Json<FormDefinition>, ApiError> {
    let procedure = load_record(&state, code).await?;
    form_for(&state, &procedure).await.map(Json)
}

/// The form of a procedure already loaded; a JSON 404 for one filed in person only.
pub async fn form_for(state: &AppState, procedure: &Procedure) -> Result<FormDefinition, ApiError> {
    if procedure.online_mode == OnlineMode::InPersonOnly {
        return Err(ApiError::not_found(
            "no_online_form",
            "Thủ tục này chỉ nộp trực tiếp, không có biểu mẫu trực tuyến.",
        ));
    }
    let base = procedure.base_code.clone();
    let specific: Option<String> = state
        .db
        .call(move |c| {
            let mut stmt = c.prepare_cached("SELECT fields FROM forms WHERE base_code = ?1")?;
            let mut rows = stmt.query(crate::params![base])?;
            Ok(rows.next()?.map(|r| r.get(0)).transpose()?)
        })
        .await?;
    let fields = match specific {
        Some(json) => serde_json::from_str(&json).map_err(|e| ApiError::Internal(format!("stored form: {e}")))?,
        None => generic_fields(),
    };
    let rules = FileRules { max_bytes: state.uploads.max_bytes, ..FileRules::default() };
    let mut form = definition(procedure, fields, rules);
    let agencies = &state.catalog.snapshot.agencies;
    form.district_tier = agencies.iter().any(|a| a.level == dvc_core::catalog::Level::District);
    if procedure.agency.stands_for_any_commune() {
        form.receivers = agencies
            .iter()
            .filter(|a| a.is_commune_unit())
            .map(|a| Receiver { id: a.id.clone(), name: crate::areas::unit_name(&a.name) })
            .collect();
    }
    Ok(form)
}

fn definition(p: &Procedure, fields: Vec<FormField>, rules: FileRules) -> FormDefinition {
    let documents: Vec<DocumentSlot> = p
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| DocumentSlot {
            id: format!("giay_to_{}", i + 1),
            name: d.name.clone(),
            required: !is_conditional(&d.name),
            quantity: d.quantity.clone(),
            rules: rules.clone(),
        })
        .collect();
    let mut version = Fingerprint::new();
    version.write(serde_json::to_string(&(&fields, &documents, &p.applicants)).unwrap_or_default().as_bytes());
    FormDefinition {
        procedure_code: p.code.clone(),
        procedure_name: p.name.clone(),
        version: version.hex(),
        applicant_types: p.applicants.clone(),
        fields,
        documents,
        eid_level: dvc_core::eid::level_required(p),
        district_tier: true,
        receivers: Vec::new(),
    }
}

/// A document published as needed only in some cases ("(nếu có)", "trường hợp …").
fn is_conditional(name: &str) -> bool {
    let folded = dvc_core::fold_vietnamese(name);
    folded.contains("neu co") || folded.contains("truong hop") || folded.contains("doi voi")
}

fn generic_fields() -> Vec<FormField> {
    vec![FormField {
        id: "noi_dung".into(),
        label: "Nội dung đề nghị".into(),
        label_en: "What you ask for".into(),
        kind: FieldKind::LongText,
        required: true,
        help: Some("Nêu ngắn gọn việc bạn đề nghị cơ quan giải quyết".into()),
        max_length: Some(2000),
        min: None,
        max: None,
        options: vec![],
    }]
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(form))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_needed_only_in_some_cases_are_optional() {
        assert!(is_conditional("Văn bản ủy quyền (nếu có)"));
        assert!(is_conditional("Trường hợp trẻ bị bỏ rơi: biên bản xác nhận"));
        assert!(!is_conditional("Tờ khai đăng ký khai sinh"));
    }
}
