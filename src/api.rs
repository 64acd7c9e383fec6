//! The typed client of the public-service API (`/api/v1`). Pages call these functions and
//! get shared types from the domain core, or an [`ApiError`] they can show.

use dvc_core::api::{
    Area, DossierReceipt, ErrorBody, ErrorDetail, Handoff, MyDossier, Rating, SessionInfo, Stats, SubmitDossier,
    Supplement, Withdrawal,
};
use dvc_core::catalog::{CatalogSnapshot, Procedure};
use dvc_core::catalog_pack;
use dvc_core::form::FormDefinition;
use dvc_core::payment::Payment;
use dvc_core::tracking::{DossierView, Verification};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

use crate::config::api_base;

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: offline, DNS, CORS, server down.
    Network,
    /// The API answered with an error body. Pages branch on `code`, the API's stable name for
    /// what went wrong, and show their own words for it: `message` is the API's (Vietnamese)
    /// text, for logs only.
    Api { status: u16, code: String, message: String },
    /// The answers have mistakes (422), each at its path.
    Invalid(Vec<ErrorDetail>),
    /// The answer was not what the API promises.
    Decode,
}

impl ApiError {
    /// The API's error code (`dossier_not_found`, `no_fee_due`…), if it answered one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    pub fn is(&self, code: &str) -> bool {
        self.code() == Some(code)
    }
}

/// A read asked again by itself when its answer is lost (after 2, 4 and 8 s), as a person on
/// a flaky line would; what the API answered, or the last loss. Only for requests that are
/// safe to repeat (reads, and writes with an idempotency key).
pub async fn retrying<T, F, Fut>(mut ask: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let mut attempt = 0;
    loop {
        match ask().await {
            Err(ApiError::Network) if attempt < 3 => {
                attempt += 1;
                pause(1000 << attempt).await;
            }
            answer => return answer,
        }
    }
}

/// Waits `ms` milliseconds.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub fn url(path: &str) -> String {
    format!("{}/api/v1{path}", api_base())
}

/// The header every call that changes something carries: with the session cookie, the API
/// takes such a call only from this site's pages (a page elsewhere cannot send it unasked).
pub const REQUEST_HEADER: (&str, &str) = ("X-Requested-With", "dichvucong");

/// A POST from this site's pages.
fn post(url: &str) -> RequestBuilder {
    Request::post(url).header(REQUEST_HEADER.0, REQUEST_HEADER.1)
}

async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiError::Decode);
    }
    let status = response.status();
    Err(api_error(status, response.json::<ErrorBody>().await.ok()))
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(&url(path)).send().await.map_err(|_| ApiError::Network)?;
    json(response).await
}

/// One procedure's full record, by local or national code. Read with the core's small JSON
/// reader: the procedure page, which many open first, carries no serde_json.
pub async fn procedure(code: &str) -> Result<Procedure, ApiError> {
    let encoded = String::from(js_sys::encode_uri_component(code));
    let response = Request::get(&url(&format!("/procedures/{encoded}"))).send().await.map_err(|_| ApiError::Network)?;
    lean(response, Procedure::from_json).await
}

/// An answer read with the core's small JSON reader (`read`), errors too: for the pages that
/// carry no serde_json (a procedure, the payment page).
async fn lean<T>(response: Response, read: fn(&str) -> Option<T>) -> Result<T, ApiError> {
    let (ok, status) = (response.ok(), response.status());
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    if ok {
        return read(&text).ok_or(ApiError::Decode);
    }
    Err(api_error(status, ErrorBody::from_json(&text)))
}

/// A failed answer as the pages show it, from its status and error body (if it had one).
fn api_error(status: u16, body: Option<ErrorBody>) -> ApiError {
    match body {
        Some(body) if status == 422 && !body.errors.is_empty() => ApiError::Invalid(body.errors),
        Some(body) => ApiError::Api { status, code: body.error.code, message: body.error.message },
        None => ApiError::Api { status, code: "http".into(), message: format!("HTTP {status}") },
    }
}

/// The online form of a procedure.
pub async fn form(code: &str) -> Result<FormDefinition, ApiError> {
    let encoded = String::from(js_sys::encode_uri_component(code));
    get(&format!("/procedures/{encoded}/form")).await
}

/// Province → district → commune, for address pickers.
pub async fn areas() -> Result<Vec<Area>, ApiError> {
    get("/areas").await
}

/// Files a dossier. The same key with the same body gives the same dossier back, so a retry
/// after a timeout or a reload never files twice.
pub async fn submit_dossier(request: &SubmitDossier, idempotency_key: &str) -> Result<DossierReceipt, ApiError> {
    let response = post(&url("/dossiers"))
        .header("Idempotency-Key", idempotency_key)
        .json(request)
        .map_err(|_| ApiError::Decode)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json(response).await
}

/// Opens the dossier's bill (made on first call) for its applicant (`id_number`: the CCCD or
/// tax code given when filing): the bill's random id, which the payment page's address
/// carries and which that page reads the bill by (so only the id is read here).
pub async fn open_payment(dossier_code: &str, id_number: &str) -> Result<String, ApiError> {
    let encoded = String::from(js_sys::encode_uri_component(dossier_code));
    let response = post(&url(&format!("/dossiers/{encoded}/payment")))
        .header("X-Applicant", id_number)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    lean(response, |text| dvc_core::json::Json::parse(text)?.text("id")).await
}

/// A fresh expiry for a bill whose code ran out.
pub async fn renew_payment(id: &str) -> Result<Payment, ApiError> {
    let encoded = String::from(js_sys::encode_uri_component(id));
    let response = post(&url(&format!("/payments/{encoded}/renewal"))).send().await.map_err(|_| ApiError::Network)?;
    lean(response, Payment::from_json).await
}

/// The printable receipt of a paid bill.
pub fn receipt_url(payment_id: &str) -> String {
    url(&format!("/payments/{}/receipt", String::from(js_sys::encode_uri_component(payment_id))))
}

/// A bill as it stands, by its id.
pub async fn payment(id: &str) -> Result<Payment, ApiError> {
    let encoded = String::from(js_sys::encode_uri_component(id));
    let response = Request::get(&url(&format!("/payments/{encoded}"))).send().await.map_err(|_| ApiError::Network)?;
    lean(response, Payment::from_json).await
}

/// Where a bill's changes stream from (server-sent events, `event: payment`).
pub fn payment_events_url(id: &str) -> String {
    url(&format!("/payments/{}/events", String::from(js_sys::encode_uri_component(id))))
}

/// A dossier as its applicant follows it; `applicant` is the CCCD (or tax code) or phone given
/// when filing. A wrong code or applicant is a 404.
pub async fn dossier(code: &str, applicant: &str) -> Result<DossierView, ApiError> {
    let encoded = String::from(js_sys::encode_uri_component(code));
    let response = Request::get(&url(&format!("/dossiers/{encoded}")))
        .header("X-Applicant", applicant)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json(response).await
}

/// One of the applicant's changes to a dossier, with its body.
#[derive(Clone, Debug, PartialEq)]
pub enum DossierChange {
    Supplement(Supplement),
    Withdrawal(Withdrawal),
    Rating(Rating),
}

/// Makes an applicant's change to a dossier (the CCCD or tax code given when filing): the
/// dossier as it then stands.
pub async fn change_dossier(code: &str, applicant: &str, change: &DossierChange) -> Result<DossierView, ApiError> {
    let encoded = String::from(js_sys::encode_uri_component(code));
    let request = |action: &str| post(&url(&format!("/dossiers/{encoded}/{action}"))).header("X-Applicant", applicant);
    let request = match change {
        DossierChange::Supplement(body) => request("supplements").json(body),
        DossierChange::Withdrawal(body) => request("withdrawal").json(body),
        DossierChange::Rating(body) => request("rating").json(body),
    };
    let response = request.map_err(|_| ApiError::Decode)?.send().await.map_err(|_| ApiError::Network)?;
    json(response).await
}

/// Hands a draft (its JSON) to the citizen's phone: a token that opens it once, for ten minutes.
pub async fn create_handoff(draft_json: &str) -> Result<Handoff, ApiError> {
    let response = post(&url("/handoffs"))
        .header("Content-Type", "application/json")
        .body(draft_json)
        .map_err(|_| ApiError::Decode)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json(response).await
}

/// The draft a handoff token carries (once).
pub async fn take_handoff(token: &str) -> Result<crate::draft::Draft, ApiError> {
    let encoded = String::from(js_sys::encode_uri_component(token));
    get(&format!("/handoffs/{encoded}")).await
}

/// Whether the system issued the digitised result of this id (its printed QR's page).
pub async fn verify_result(id: &str) -> Result<Verification, ApiError> {
    get(&format!("/results/{}/verify", js_sys::encode_uri_component(id))).await
}

pub async fn stats() -> Result<Stats, ApiError> {
    get("/stats").await
}

/// What revalidating the catalog snapshot gave.
pub enum SnapshotFetch {
    /// The snapshot held (by this ETag) is current.
    NotModified,
    /// A new snapshot, its text (to keep) and its ETag.
    Fresh { snapshot: CatalogSnapshot, text: String, etag: Option<String> },
}

/// `GET /catalog/pack` (the snapshot as compact text, read without a JSON decoder, so none is
/// in the first download), conditional on the ETag of the snapshot already held.
pub async fn catalog_snapshot(etag: Option<&str>) -> Result<SnapshotFetch, ApiError> {
    let mut request = Request::get(&url("/catalog/pack"));
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.status() == 304 {
        return Ok(SnapshotFetch::NotModified);
    }
    if !response.ok() {
        let status = response.status();
        return Err(ApiError::Api { status, code: "http".into(), message: format!("HTTP {status}") });
    }
    let etag = response.headers().get("etag");
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    let snapshot = catalog_pack::decode(&text).map_err(|_| ApiError::Decode)?.into();
    Ok(SnapshotFetch::Fresh { snapshot, text, etag })
}

/// Whether this deployment signs citizens in (`None`: it does not), and if so who is signed in:
/// their name and level. Read by the browser's own JSON parser: the header is on every first
/// page, which carries no JSON decoder of its own.
pub async fn session_state() -> Result<Option<Option<(String, u8)>>, ApiError> {
    let response = Request::get(&url("/session/state")).send().await.map_err(|_| ApiError::Network)?;
    if !response.ok() {
        let status = response.status();
        return Err(ApiError::Api { status, code: "http".into(), message: format!("HTTP {status}") });
    }
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    let json = js_sys::JSON::parse(&text).map_err(|_| ApiError::Decode)?;
    let field = |key: &str| js_sys::Reflect::get(&json, &key.into()).ok();
    if field("sign_in").and_then(|on| on.as_bool()) != Some(true) {
        return Ok(None);
    }
    let name = field("full_name").and_then(|n| n.as_string());
    let level = field("level").and_then(|l| l.as_f64()).filter(|l| (1.0..=2.0).contains(l));
    Ok(Some(name.zip(level).map(|(name, level)| (name, level as u8))))
}

/// The signed-in citizen as their e-ID names them (for the forms): `Ok(None)` when no one is
/// signed in, an error where this deployment has no sign-in.
pub async fn session() -> Result<Option<SessionInfo>, ApiError> {
    match session_state().await? {
        None => Err(ApiError::Api { status: 404, code: "sign_in_off".into(), message: String::new() }),
        Some(None) => Ok(None),
        Some(Some(_)) => get::<SessionInfo>("/session").await.map(Some),
    }
}

/// The signed-in citizen's dossiers, from any device.
pub async fn my_dossiers() -> Result<Vec<MyDossier>, ApiError> {
    get("/session/dossiers").await
}

/// Ends this browser's session (a kiosk's idle wipe); the provider's is left to expire.
pub async fn end_session() {
    let request = Request::delete(&url("/session")).header(REQUEST_HEADER.0, REQUEST_HEADER.1);
    let _ = request.send().await;
}
