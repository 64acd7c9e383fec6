//! One error type for the whole API, turned into `{"error": {"code", "message", "field"}}`
//! with the right status. Internals go to the log, never to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dvc_core::api::{ErrorBody, ErrorDetail};
use dvc_core::validation::Problem;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A parameter has a value we cannot use.
    #[error("{message}")]
    InvalidParameter { field: String, message: String },
    /// A parameter we do not know.
    #[error("unknown parameter {field}")]
    UnknownParameter { field: String },
    /// The query string is not valid percent-encoded UTF-8.
    #[error("invalid encoding in {field}")]
    InvalidEncoding { field: String },
    /// Nothing at this address; `code` says what was not found (`dossier_not_found`…).
    #[error("{message}")]
    NotFound { code: &'static str, message: String },
    /// No API route has this address.
    #[error("no such route")]
    NoSuchRoute,
    /// Answers with mistakes: each problem at its path (422).
    #[error("{} problems in the answers", .0.len())]
    Validation(Vec<dvc_core::form::FieldError>),
    /// The request body is not the JSON the endpoint takes; `path` is where it went wrong
    /// (`answers.applicant.sex`), when it got that far.
    #[error("invalid JSON: {detail}")]
    InvalidJson { detail: String, path: Option<String> },
    /// The same idempotency key was used for another request.
    #[error("idempotency key reused")]
    IdempotencyConflict,
    /// An uploaded file the rules refuse (too big, wrong kind, empty).
    #[error("{}", .0.vi())]
    File(Problem),
    /// The dossier's procedure has no fee to pay.
    #[error("no fee due")]
    NoFeeDue,
    /// A bank notification without a valid signature.
    #[error("bad signature")]
    BadSignature,
    /// Too many lookups from one client; retry after this many seconds.
    #[error("rate limited")]
    TooManyRequests(u64),
    /// A state the request does not fit (an illegal status change, rated already…).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// An officer endpoint without the right token.
    #[error("unauthorised")]
    Unauthorized,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A citizen's endpoint without a live e-ID session (401 `not_signed_in`).
    #[error("not signed in")]
    NotSignedIn,
    /// Understood and refused: a cross-site request with the session cookie, an e-ID level
    /// below what the procedure asks (403, `code` says which).
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// Too much open at once (event streams): try later, or poll.
    #[error("busy")]
    Busy,
    /// A body that is not `application/json` where JSON is taken.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The store refused a query (the store's own error, as text: `crate::db` makes this).
    #[error("database: {0}")]
    Database(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn not_found(code: &'static str, message: &str) -> ApiError {
        ApiError::NotFound { code, message: message.to_owned() }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::InvalidParameter { field: field.to_owned(), message: message.into() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidParameter { .. }
            | ApiError::UnknownParameter { .. }
            | ApiError::InvalidEncoding { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound { .. } | ApiError::NoSuchRoute => StatusCode::NOT_FOUND,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::InvalidJson { .. } => StatusCode::BAD_REQUEST,
            ApiError::IdempotencyConflict => StatusCode::CONFLICT,
            ApiError::File(Problem::FileTooBig { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::File(Problem::FileType { .. }) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::File(_) => StatusCode::BAD_REQUEST,
            ApiError::NoFeeDue => StatusCode::CONFLICT,
            ApiError::BadSignature => StatusCode::UNAUTHORIZED,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::NotSignedIn => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> ErrorDetail {
        let (code, message, field) = match self {
            ApiError::InvalidParameter { field, message } => {
                ("invalid_parameter", message.clone(), Some(field.clone()))
            }
            ApiError::UnknownParameter { field } => {
                ("unknown_parameter", format!("Tham số “{field}” không được hỗ trợ."), Some(field.clone()))
            }
            ApiError::InvalidEncoding { field } => {
                ("invalid_encoding", "Địa chỉ yêu cầu có ký tự mã hóa không hợp lệ.".to_owned(), Some(field.clone()))
            }
            ApiError::NotFound { code, message } => (*code, message.clone(), None),
            ApiError::NoSuchRoute => ("no_route", "Không có địa chỉ API này.".to_owned(), None),
            ApiError::Validation(errors) => (
                "validation_failed",
                format!("Hồ sơ còn {} chỗ cần sửa.", errors.len()),
                errors.first().map(|e| e.path.clone()),
            ),
            ApiError::InvalidJson { detail, path } => {
                ("invalid_json", format!("Dữ liệu gửi lên không đúng định dạng ({detail})."), path.clone())
            }
            ApiError::IdempotencyConflict => (
                "idempotency_key_reused",
                "Mã yêu cầu (Idempotency-Key) này đã được dùng cho một hồ sơ khác.".to_owned(),
                Some("Idempotency-Key".to_owned()),
            ),
            ApiError::File(problem) => {
                let code = match problem {
                    Problem::FileTooBig { .. } => "file_too_large",
                    Problem::FileType { .. } => "unsupported_file_type",
                    Problem::FileEmpty => "file_empty",
                    _ => "invalid_file",
                };
                (code, problem.vi(), Some("file".to_owned()))
            }
            ApiError::NoFeeDue => {
                ("no_fee_due", "Thủ tục này không thu phí, lệ phí: không cần thanh toán.".to_owned(), None)
            }
            ApiError::BadSignature => (
                "bad_signature",
                "Thông báo chuyển khoản không có chữ ký hợp lệ (X-Signature): không ghi nhận.".to_owned(),
                Some("X-Signature".to_owned()),
            ),
            ApiError::TooManyRequests(seconds) => {
                ("too_many_requests", format!("Bạn tra cứu quá nhiều lần. Hãy thử lại sau {seconds} giây."), None)
            }
            ApiError::Conflict { code, message } => (*code, message.clone(), None),
            ApiError::Unauthorized => (
                "unauthorized",
                "Cần mã truy cập của cán bộ (Authorization: Bearer …).".to_owned(),
                Some("Authorization".to_owned()),
            ),
            ApiError::MethodNotAllowed => ("method_not_allowed", "Phương thức này không được hỗ trợ.".to_owned(), None),
            ApiError::NotSignedIn => {
                ("not_signed_in", "Bạn chưa đăng nhập, hoặc phiên đăng nhập đã hết hạn.".to_owned(), None)
            }
            ApiError::Forbidden { code, message } => (*code, message.clone(), None),
            ApiError::Busy => ("busy", "Hệ thống đang bận, trang sẽ tự hỏi lại sau ít giây.".to_owned(), None),
            ApiError::UnsupportedMediaType => (
                "unsupported_media_type",
                "Dữ liệu phải gửi dạng JSON (Content-Type: application/json).".to_owned(),
                Some("Content-Type".to_owned()),
            ),
            ApiError::Database(_) | ApiError::Internal(_) => {
                ("internal", "Hệ thống đang gặp sự cố, vui lòng thử lại sau.".to_owned(), None)
            }
        };
        ErrorDetail { code: code.to_owned(), message, field }
    }
}

/// The one way the API reads a JSON body, once it has checked who is asking: a body that is
/// not the JSON `T` is the API's 400 `invalid_json`, at the path where it went wrong.
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let reader = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(reader).map_err(|e| {
        let path = e.path().to_string();
        let path = (path != "." && !path.is_empty()).then_some(path);
        ApiError::InvalidJson { detail: e.into_inner().to_string(), path }
    })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let errors = match &self {
            ApiError::Validation(errors) => errors
                .iter()
                .map(|e| ErrorDetail { code: "invalid".into(), message: e.problem.vi(), field: Some(e.path.clone()) })
                .collect(),
            _ => Vec::new(),
        };
        let mut response = (self.status(), Json(ErrorBody { error: self.body(), errors })).into_response();
        if let ApiError::TooManyRequests(seconds) = self {
            if let Ok(v) = axum::http::HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        response
    }
}

/// The JSON error of a response something else made (a body limit, a timeout, the HTTP
/// layer): the same shape as every other error, with a code from its status.
pub fn from_status(status: StatusCode) -> Response {
    (status, Json(body_for_status(status))).into_response()
}

/// The error body [`from_status`] answers with.
pub fn body_for_status(status: StatusCode) -> ErrorBody {
    let (code, message) = match status.as_u16() {
        400 => ("bad_request", "Yêu cầu không hợp lệ."),
        404 => ("no_route", "Không có địa chỉ API này."),
        405 => ("method_not_allowed", "Phương thức này không được hỗ trợ."),
        408 => ("request_timeout", "Yêu cầu quá thời gian chờ, vui lòng thử lại."),
        413 => ("payload_too_large", "Dữ liệu gửi lên quá lớn."),
        414 => ("uri_too_long", "Địa chỉ yêu cầu quá dài."),
        431 => ("headers_too_large", "Phần đầu của yêu cầu quá lớn."),
        415 => ("unsupported_media_type", "Dữ liệu phải gửi dạng JSON (Content-Type: application/json)."),
        422 => ("invalid_json", "Dữ liệu gửi lên không đúng định dạng."),
        429 => ("too_many_requests", "Quá nhiều yêu cầu. Hãy thử lại sau ít phút."),
        s if s >= 500 => ("internal", "Hệ thống đang gặp sự cố, vui lòng thử lại sau."),
        _ => ("error", "Yêu cầu không thực hiện được."),
    };
    ErrorBody {
        error: ErrorDetail { code: code.to_owned(), message: message.to_owned(), field: None },
        errors: Vec::new(),
    }
}
