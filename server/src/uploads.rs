//! `POST /uploads`: a file for a dossier, streamed to disk (never whole in memory), checked by
//! its first bytes against the core's file rules, written through to the disk (fsync) before
//! it takes its random id, with its SHA-256. A transfer that breaks off or times out leaves
//! nothing behind; each client may upload [`UPLOADS_PER_HOUR`] files an hour; files no
//! dossier took are deleted after [`UNATTACHED_DAYS`] days ([`sweep`]).

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::Json;
use dvc_core::api::{ErrorBody, UploadReceipt};
use dvc_core::validation::{sanitize_file_name, validate_file, FileRules, Problem};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::error::ApiError;
use crate::query_string;
use crate::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

/// How many first bytes tell a file's kind.
const HEAD: usize = 16;

/// Files a client may upload in an hour by default (`DVC_UPLOADS_PER_HOUR`; a kiosk network
/// twenty times as many). Generous, since a mobile carrier puts many phones behind one IPv4
/// address; what it stops is one client filling the disk at network speed.
pub const UPLOADS_PER_HOUR: u32 = 300;

/// Days an upload no dossier or supplement took is kept (a draft's files wait that long).
pub const UNATTACHED_DAYS: i64 = 7;

/// A file being received: deleted when dropped, unless kept. The handler's future is dropped
/// when the request times out or the client goes away, and the part file goes with it.
struct PartFile {
    path: std::path::PathBuf,
    kept: bool,
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Upload one file: the body is the file's bytes, `X-File-Name` its name (percent-encoded).
#[utoipa::path(post, path = "/uploads", tag = "uploads",
    params(("X-File-Name" = Option<String>, Header, description = "The file's name, percent-encoded UTF-8")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file: PDF, JPEG, PNG or HEIC"),
    responses(
        (status = 201, body = UploadReceipt),
        (status = 413, description = "Larger than the limit (10 MB by default)", body = ErrorBody),
        (status = 415, description = "Not a PDF, JPEG, PNG or HEIC by its content", body = ErrorBody),
        (status = 400, description = "Empty, or the transfer broke off", body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> Result<(StatusCode, Json<UploadReceipt>), ApiError> {
    let client = state.client(&request);
    let (quota, now, factor) =
        (state.upload_quota.clone(), state.clock.now(), if client.kiosk { crate::state::KIOSK_FACTOR } else { 1 });
    state.db.call(move |c| quota.check_scaled(c, &client.key, factor, now)).await?;
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    let rules = FileRules { max_bytes: state.uploads.max_bytes, ..FileRules::default() };
    let too_big = || ApiError::File(Problem::FileTooBig { max_bytes: rules.max_bytes });
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
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
    let mut part = PartFile { path: dir.join(format!("{PART_PREFIX}{id}")), kept: false };
    let (size, head, sha256) = receive(body, &part.path, &rules).await?;
    let kind = validate_file(size, &head, 0, &rules).map_err(ApiError::File)?;
    tokio::fs::rename(&part.path, dir.join(&id))
        .await
        .map_err(|e| ApiError::Internal(format!("keeping upload: {e}")))?;
    part.kept = true;
    let receipt = UploadReceipt { id, name, kind, size, sha256 };
    let row = receipt.clone();
    let now = state.clock.now();
    state
        .db
        .call(move |c| {
            c.execute(
                "INSERT INTO uploads (id, name, kind, size, sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                crate::params![
                    row.id,
                    row.name,
                    row.kind.label().to_lowercase(),
                    row.size,
                    row.sha256,
                    crate::db::utc_timestamp(now)
                ],
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
    // On the disk before it is acknowledged: a crash after the 201 must not lose the file.
    file.sync_all().await.map_err(|e| ApiError::Internal(format!("writing upload: {e}")))?;
    let sha256 = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok((size, head, sha256))
}

/// What a file being received is named until it is checked and kept.
const PART_PREFIX: &str = ".part-";

/// Deletes the part files a stopped server left (at start: no upload is under way then).
pub fn sweep_parts(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(PART_PREFIX))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Deletes the uploads no dossier or supplement took within [`UNATTACHED_DAYS`] days, rows
/// and files: how many.
pub async fn sweep(state: &AppState) -> Result<usize, ApiError> {
    let before = crate::db::utc_timestamp(state.clock.now() - UNATTACHED_DAYS * 24 * 3600);
    let ids: Vec<String> = state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let ids = tx
                .prepare("SELECT id FROM uploads WHERE attached = 0 AND created_at < ?1")?
                .query_map(crate::params![before], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            tx.execute("DELETE FROM uploads WHERE attached = 0 AND created_at < ?1", crate::params![before])?;
            tx.commit()?;
            Ok(ids)
        })
        .await?;
    for id in &ids {
        // Ids are 32 hex digits the server made: nothing outside the folder.
        let _ = tokio::fs::remove_file(state.uploads.dir.join(id)).await;
    }
    Ok(ids.len())
}

/// Marks uploads as taken by a dossier or a supplement (in the caller's transaction).
pub fn attach(c: &crate::db::Connection, ids: &[String]) -> Result<(), ApiError> {
    let mut stmt = c.prepare_cached("UPDATE uploads SET attached = 1 WHERE id = ?1")?;
    for id in ids {
        stmt.execute(crate::params![id])?;
    }
    Ok(())
}

/// This module's routes, each declared once by its handler's `#[utoipa::path]`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(upload))
}
