//! Uploads: streamed to disk, checked by content, limited in size, safely named.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use dvc_server::config::UploadConfig;
use futures_util::StreamExt;

const PDF: &[u8] = b"%PDF-1.4\n%Giay khai sinh\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
/// `sha256sum` of PDF, computed outside the code under test.
const PDF_SHA256: &str = "1a03604576b269634cc82745ab48b82a2aa32f00d7e2542d190b2888ab64d394";

fn upload_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dvc-uploads-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

async fn post(
    dir: &std::path::Path,
    max_bytes: u64,
    name: Option<&str>,
    content_length: bool,
    bytes: Vec<u8>,
) -> (StatusCode, serde_json::Value) {
    let state = dvc_server::AppState { uploads: UploadConfig { dir: dir.to_owned(), max_bytes }, ..state() };
    let mut request = Request::post("/api/v1/uploads").header("content-type", "application/octet-stream");
    if let Some(name) = name {
        request = request.header("x-file-name", name);
    }
    if content_length {
        request = request.header("content-length", bytes.len());
    }
    let response = send(state, request.body(Body::from(bytes)).unwrap()).await;
    let status = response.status();
    (status, serde_json::from_slice(&body_bytes(response).await).unwrap())
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_pdf_is_kept_with_its_size_kind_and_sha256() {
    let dir = upload_dir("pdf");
    let (status, receipt) =
        post(&dir, UploadConfig::DEFAULT_MAX_BYTES, Some("Gi%E1%BA%A5y%20khai%20sinh.pdf"), true, PDF.to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    assert_eq!(receipt["name"], "Giấy khai sinh.pdf");
    assert_eq!(receipt["kind"], "pdf");
    assert_eq!(receipt["size"], PDF.len());
    assert_eq!(receipt["sha256"], PDF_SHA256);
    let id = receipt["id"].as_str().unwrap();
    assert_eq!(std::fs::read(dir.join(id)).unwrap(), PDF, "the bytes on disk are the bytes sent");
    let kept: u32 = seeded_db().with(|c| {
        c.query_row("SELECT count(*) FROM uploads WHERE id = ?1", dvc_server::params![id], |r| r.get(0)).unwrap()
    });
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn a_file_over_the_limit_is_413_and_nothing_is_left_behind() {
    let dir = upload_dir("big");
    let mut big = PDF.to_vec();
    big.resize(4096, b' ');
    // Streamed without a Content-Length: stopped as it passes the limit.
    let (status, body) = post(&dir, 1024, Some("big.pdf"), false, big.clone()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "file_too_large");
    assert!(body["error"]["message"].as_str().unwrap().contains("Tệp lớn quá"));
    // Announced by Content-Length: refused before reading.
    let (status, _) = post(&dir, 1024, Some("big.pdf"), true, big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[tokio::test]
async fn content_that_is_not_an_accepted_kind_is_415_whatever_its_name() {
    let dir = upload_dir("type");
    let (status, body) =
        post(&dir, 1024 * 1024, Some("khai-sinh.pdf"), true, b"MZ\x90\0this is an executable".to_vec()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(body["error"]["code"], "unsupported_file_type");
    assert_eq!(body["error"]["field"], "file");
    let (status, body) = post(&dir, 1024 * 1024, Some("empty.pdf"), true, Vec::new()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "file_empty");
    assert!(leftovers(&dir).is_empty());
}

#[tokio::test]
async fn a_name_with_folders_is_reduced_to_its_last_part_and_the_file_stays_in_the_upload_folder() {
    let dir = upload_dir("name");
    let (status, receipt) = post(&dir, 1024 * 1024, Some("..%2F..%2Fetc%2Fpasswd.pdf"), true, PDF.to_vec()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(receipt["name"], "passwd.pdf");
    assert_eq!(leftovers(&dir), vec![receipt["id"].as_str().unwrap().to_owned()]);
    assert!(!dir.parent().unwrap().join("etc").exists());
}

#[tokio::test]
async fn a_transfer_cut_off_midway_leaves_no_part_file() {
    let dir = upload_dir("stalled");
    let state = dvc_server::AppState {
        uploads: UploadConfig { dir: dir.clone(), max_bytes: UploadConfig::DEFAULT_MAX_BYTES },
        ..state()
    };
    // One chunk, then nothing: the request is dropped as a timeout or a gone client drops it.
    let chunks =
        futures_util::stream::once(async { Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"%PDF-1.4\n")) })
            .chain(futures_util::stream::pending());
    let request =
        Request::post("/api/v1/uploads").header("x-file-name", "a.pdf").body(Body::from_stream(chunks)).unwrap();
    assert!(
        tokio::time::timeout(std::time::Duration::from_millis(300), send(state, request)).await.is_err(),
        "the transfer stalls"
    );
    assert_eq!(leftovers(&dir), Vec::<String>::new(), "nothing left behind");
    // And what a killed server left is swept at start.
    std::fs::write(dir.join(".part-0123"), b"x").unwrap();
    std::fs::write(dir.join("0123456789abcdef0123456789abcdef"), b"%PDF").unwrap();
    assert_eq!(dvc_server::uploads::sweep_parts(&dir), 1);
    assert_eq!(leftovers(&dir), vec!["0123456789abcdef0123456789abcdef".to_owned()]);
}

#[tokio::test]
async fn uploads_no_dossier_took_are_deleted_after_a_week_and_attached_ones_kept() {
    let dir = upload_dir("sweep");
    let app = dvc_server::AppState {
        uploads: UploadConfig { dir: dir.clone(), max_bytes: UploadConfig::DEFAULT_MAX_BYTES },
        ..state_at("2027-03-01T08:00:00+07:00")
    };
    let orphan = upload_pdf(app.clone(), "bo-quen.pdf").await;
    let code = file_residence_registration(app.clone(), "uploads-sweep-filed").await;
    let attached: String = seeded_db().with(|c| {
        c.query_row("SELECT answers FROM dossiers WHERE code = ?1", dvc_server::params![&code], |r| r.get(0)).unwrap()
    });
    app.clock.advance(6 * 24 * 3600);
    dvc_server::uploads::sweep(&app).await.unwrap();
    assert!(leftovers(&dir).contains(&orphan), "kept for a week: a draft may still take it");
    app.clock.advance(2 * 24 * 3600);
    assert!(dvc_server::uploads::sweep(&app).await.unwrap() >= 1);
    assert!(!leftovers(&dir).contains(&orphan), "gone after the week");
    let gone: i64 = seeded_db().with(|c| {
        c.query_row("SELECT count(*) FROM uploads WHERE id = ?1", dvc_server::params![&orphan], |r| r.get(0)).unwrap()
    });
    assert_eq!(gone, 0);
    let kept = leftovers(&dir).into_iter().filter(|id| attached.contains(id.as_str())).count();
    assert_eq!(kept, 1, "the filed dossier's file stays");
}

#[tokio::test]
async fn each_client_uploads_a_limited_number_of_files_an_hour() {
    let dir = upload_dir("quota");
    let app = dvc_server::AppState {
        uploads: UploadConfig { dir, max_bytes: UploadConfig::DEFAULT_MAX_BYTES },
        upload_quota: std::sync::Arc::new(dvc_server::rate_limit::RateLimiter::new(
            "uploads-limited-3",
            3,
            std::time::Duration::from_secs(3600),
        )),
        ..state()
    };
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let request = Request::post("/api/v1/uploads").header("x-file-name", "a.pdf").body(Body::from(PDF)).unwrap();
        statuses.push(send(app.clone(), request).await.status());
    }
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CREATED, StatusCode::CREATED, StatusCode::TOO_MANY_REQUESTS]
    );
}
