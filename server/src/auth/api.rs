//! The session as the app sees it: who is signed in (`GET /session`), ending it from the app
//! (`DELETE /session`: a kiosk's idle wipe) and the citizen's own dossiers, from any device
//! (`GET /session/dossiers`). Each answers only the session's owner, and 401 to anyone else.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dvc_core::api::{ErrorBody, MyDossier, SessionInfo, SessionState};
use dvc_core::date::vietnam_time;
use dvc_core::dossier::DossierStatus;
use dvc_core::eid::mask_id_number;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{cookie, cookie_name, sessions, set_cookie, signed_in, SESSION_COOKIE};
use crate::error::ApiError;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session, end_session))
        .routes(routes!(my_dossiers))
        .routes(routes!(session_state))
}

/// Who is signed in on this browser (the `dvc_session` cookie, set by `/auth/callback`).
#[utoipa::path(get, path = "/session", tag = "session",
    responses((status = 200, body = SessionInfo),
        (status = 401, description = "Not signed in, or the session ended (`not_signed_in`)", body = ErrorBody),
        (status = 404, description = "Signing in is off here (`sign_in_off`)", body = ErrorBody)))]
pub async fn session(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<SessionInfo>, ApiError> {
    if state.oidc.is_none() {
        return Err(ApiError::not_found(
            "sign_in_off",
            "Cổng này chưa bật đăng nhập bằng tài khoản định danh điện tử.",
        ));
    }
    let who = signed_in(&state, &headers).await?.ok_or(ApiError::NotSignedIn)?;
    let now = state.clock.now();
    Ok(Json(SessionInfo {
        id_number_masked: mask_id_number(&who.citizen.id_number),
        citizen: who.citizen,
        level: who.level,
        ends_at: vietnam_time(who.ends_at),
        ends_in_seconds: who.ends_at - now,
    }))
}

/// Whether signing in is on here and who is signed in: what every page's header asks.
#[utoipa::path(get, path = "/session/state", tag = "session",
    responses((status = 200, body = SessionState)))]
pub async fn session_state(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<SessionState>, ApiError> {
    let who = signed_in(&state, &headers).await?;
    Ok(Json(SessionState {
        sign_in: state.oidc.is_some(),
        level: who.as_ref().map(|w| w.level),
        full_name: who.map(|w| w.citizen.full_name),
    }))
}

/// Ends this browser's session here (the provider's stays: `POST /auth/logout` ends both).
#[utoipa::path(delete, path = "/session", tag = "session",
    params(("X-Requested-With" = String, Header, description = "`dichvucong`: a call from this deployment's pages")),
    responses((status = 204, description = "Ended, or there was none"),
        (status = 403, description = "From another site", body = ErrorBody)))]
pub async fn end_session(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = cookie(&headers, &cookie_name(&state, SESSION_COOKIE)) {
        state.db.call(move |c| sessions::end(c, &token)).await?;
    }
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0))]).into_response())
}

/// The dossiers filed with the signed-in citizen's identification number, newest first:
/// those filed signed in and those filed without, on any device.
#[utoipa::path(get, path = "/session/dossiers", tag = "session",
    responses((status = 200, body = Vec<MyDossier>),
        (status = 401, description = "Not signed in", body = ErrorBody)))]
pub async fn my_dossiers(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<Vec<MyDossier>>, ApiError> {
    let who = signed_in(&state, &headers).await?.ok_or(ApiError::NotSignedIn)?;
    let id_number = who.citizen.id_number;
    let rows = state
        .db
        .call(move |c| {
            let mut statement = c.prepare(
                "SELECT code, procedure_code, procedure_name, status, received_on, appointment_on, eid_level \
                 FROM dossiers WHERE applicant_id_number = ?1 ORDER BY created_at DESC, code DESC LIMIT 200",
            )?;
            let rows = statement.query_map(crate::params![id_number], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, u8>(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })?;
            Ok::<_, ApiError>(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    let dossiers = rows
        .into_iter()
        .map(|(code, procedure_code, procedure_name, status, received_on, appointment_on, eid_level)| MyDossier {
            code,
            procedure_code,
            procedure_name,
            status,
            status_name: DossierStatus::from_code(status).map(|s| s.name_vi().to_owned()).unwrap_or_default(),
            received_on,
            appointment_on,
            eid_level,
        })
        .collect();
    Ok(Json(dossiers))
}
