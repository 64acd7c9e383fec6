//! The core's strict query-string parser ([`dvc_core::query_string`]), its refusals as the
//! API's errors (400).

pub use dvc_core::query_string::decode;
use dvc_core::query_string::QueryError;

use crate::error::ApiError;

/// `a=1&b=x%20y` → [("a", "1"), ("b", "x y")]; a 400 for a broken escape, invalid UTF-8 or an
/// overlong query.
pub fn parse(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    dvc_core::query_string::parse(raw).map_err(|e| match e {
        QueryError::TooLong => ApiError::invalid("query", "Yêu cầu quá dài."),
        QueryError::Encoding { key } => ApiError::InvalidEncoding { field: key.unwrap_or_else(|| "query".into()) },
    })
}
