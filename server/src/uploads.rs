//! `POST /uploads`: a file for a dossier, streamed to disk (never whole in memory), checked by
//! its first bytes against the core's file rules, kept under a random id with its SHA-256.


use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use dvc_core::api::{ErrorBody, UploadReceipt};
use dvc_core::validation::{sanitize_file_name, validate_file, FileRules, Problem};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::error::ApiError;
use crate::query_string;
use crate::state::AppState;

/// How many first bytes tell a file's kind.
const HEAD: usize = 16;

/// Upload one file: the body is the file's bytes, `X-File-Name` its name (percent-encoded).
#[utoipa::path(post, path = "/api/v1/uploads", tag = "uploads",
    params(("X-File-Name" = Option<String>, Header, description = "The file's name, percent-encoded UTF-8")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file: PDF, JPEG, PNG or HEIC"),
    responses(
        (status = 201, body = UploadReceipt),
        (status = 413, description = "Larger than the limit (10 MB by default)", body = ErrorBody),
        (status = 415, description = "Not a PDF, JPEG, PNG or HEIC by its content", body = ErrorBody),
        (status = 400, description = "Empty, or the transfer broke off", body = ErrorBody)))]
pub async fn upload(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Result<(StatusCode, Json<UploadReceipt>), ApiError> {
    let rules = FileRules { max_bytes: state.uploads.max_bytes, ..FileRules::default() };
    let too_big = || ApiError::File(Problem::FileTooBig { max_bytes: rules.max_bytes });
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > rules.max_bytes) {
        return Err(too_big());
    }
    let name = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .and_then(query_string::decode)
        .map(|n| sanitize_file_name(&n))
        .unwrap_or_else(|| sanitize_file_name(""));

    let dir = state.uploads.dir.clone();
    tokio::fs::create_dir_all(&dir).await.map_err(|e| ApiError::Internal(format!("upload folder: {e}")))?;
    let id = crate::random::token();
    let part = dir.join(format!(".part-{id}"));
    let result = receive(body, &part, &rules).await;
    let (size, head, sha256) = match result {
        Ok(received) => received,
        Err(e) => {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(e);
        }
    };
    let kind = match validate_file(size, &head, 0, &rules) {
        Ok(kind) => kind,
        Err(problem) => {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(ApiError::File(problem));
        }
    };
    tokio::fs::rename(&part, dir.join(&id)).await.map_err(|e| ApiError::Internal(format!("keeping upload: {e}")))?;
    let receipt = UploadReceipt { id, name, kind, size, sha256 };
    let row = receipt.clone();
    let now = state.clock.now();
    state
        .db
        .call(move |c| {
            c.execute(
                "INSERT INTO uploads (id, name, kind, size, sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5, datetime(?6, 'unixepoch'))",
                rusqlite::params![row.id, row.name, row.kind.label().to_lowercase(), row.size, row.sha256, now],
            )?;
            Ok(())
        })
        .await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// Streams the body into `path`, stopping as soon as it passes the limit.
async fn receive(body: Body, path: &std::path::Path, rules: &FileRules) -> Result<(u64, Vec<u8>, String), ApiError> {
    let mut file = tokio::fs::File::create(path).await.map_err(|e| ApiError::Internal(format!("upload file: {e}")))?;
    let mut stream = body.into_data_stream();
    let (mut size, mut head, mut hasher) = (0u64, Vec::with_capacity(HEAD), Sha256::new());
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| ApiError::invalid("file", "Việc tải tệp lên bị gián đoạn, hãy thử lại."))?;
        size += chunk.len() as u64;
        if size > rules.max_bytes {
            return Err(ApiError::File(Problem::FileTooBig { max_bytes: rules.max_bytes }));
        }
        if head.len() < HEAD {
            let take = (HEAD - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
        }
        hasher.update(&chunk);
        file.write_all(&chunk).await.map_err(|e| ApiError::Internal(format!("writing upload: {e}")))?;
    }
    file.flush().await.map_err(|e| ApiError::Internal(format!("writing upload: {e}")))?;
    let sha256 = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok((size, head, sha256))
}

