//! Digitised results: `GET /results/{id}`, a printable certificate carrying a QR code of its
//! verification page in the app (`/xac-thuc/{id}`), and `GET /results/{id}/verify`, which says whether the system issued
//! it. The id is random: it is the capability to see the document.

use crate::db::OptionalExtension;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use dvc_core::api::ErrorBody;
use dvc_core::tracking::{mask_name, Verification};

use crate::error::ApiError;
use maud::html;

use crate::html;
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

async fn find(state: &AppState, id: String) -> Result<Verification, ApiError> {
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_issued());
    }
    state
        .db
        .call(move |c| {
            Ok(c.query_row(
                "SELECT r.id, r.title, r.dossier_code, d.applicant_name, r.issued_on, r.issuer FROM results r JOIN dossiers d ON d.code = r.dossier_code WHERE r.id = ?1",
                crate::params![&id],
                |r| {
                    Ok(Verification {
                        genuine: true,
                        result_id: r.get(0)?,
                        title: r.get(1)?,
                        dossier_code: r.get(2)?,
                        holder: mask_name(&r.get::<_, String>(3)?),
                        issued_on: r.get(4)?,
                        issuer: r.get(5)?,
                    })
                },
            )
            .optional()?)
        })
        .await?
        .ok_or_else(not_issued)
}

fn not_issued() -> ApiError {
    ApiError::not_found("result_not_found", "Không xác thực được: giấy tờ này không do hệ thống cấp.")
}

#[utoipa::path(get, path = "/results/{id}/verify", tag = "tracking",
    params(("id" = String, Path, pattern = "^[0-9a-fA-F]{32}$", description = "The result's id, printed on it as a QR code")),
    responses((status = 200, description = "Issued by this system", body = Verification), (status = 404, description = "Not issued here", body = ErrorBody)))]
pub async fn verify(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Verification>, ApiError> {
    find(&state, id).await.map(Json)
}

const RESULT_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;\
    line-height:1.5;color:#1b1f24}.head{text-align:center}h1{font-size:1.4rem}dl{display:grid;\
    grid-template-columns:12rem 1fr;gap:.5rem}dt{font-weight:700}dd{margin:0}.verify{display:flex;gap:1rem;\
    align-items:center;margin-top:2rem;border-top:1px solid #d5dae1;padding-top:1rem}.verify svg{flex:none}\
    p,dd{overflow-wrap:anywhere}";

#[utoipa::path(get, path = "/results/{id}", tag = "tracking",
    params(("id" = String, Path, pattern = "^[0-9a-fA-F]{32}$", description = "The result's id")),
    responses((status = 200, description = "The result as a printable page (text/html)"), (status = 404, body = ErrorBody)))]
pub async fn document(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let v = find(&state, id).await?;
    // The app's verification page: any phone's camera opens it as a page a person reads.
    let verify_url = format!("{}{}{}", state.public_url, dvc_core::scan::VERIFY_PAGE_PATH, v.result_id);
    let qr = crate::html::qr_code(&verify_url, "Mã QR xác thực");
    let body = html! {
        p.head { strong { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" } br; "Độc lập – Tự do – Hạnh phúc" }
        h1.head { (v.title) }
        dl {
            dt { "Mã hồ sơ" } dd { (v.dossier_code) }
            dt { "Người nhận" } dd { (v.holder) }
            dt { "Ngày cấp" } dd { (v.issued_on) }
            dt { "Cơ quan cấp" } dd { (v.issuer) }
            dt { "Số hiệu bản số hóa" } dd { (v.result_id) }
        }
        div.verify {
            @if let Some(qr) = qr { (qr) }
            p { "Quét mã để xác thực bản điện tử này trên hệ thống:" br; small { (verify_url) } }
        }
    };
    let html = html::document(&v.title, RESULT_STYLE, body);
    Ok(html::page(html, "; img-src data:"))
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(document)).routes(routes!(verify))
}
