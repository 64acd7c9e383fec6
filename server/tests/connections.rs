//! The connection loop over real TCP: slow or silent clients are cut off, connections are
//! capped, and shutdown ends event streams and drains within its deadline.

mod common;

use std::time::{Duration, Instant};

use common::*;
use dvc_server::router;
use dvc_server::serve::{serve, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A server on a free port with `limits`; the sender stops it.
async fn start(
    limits: Limits,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>, dvc_server::AppState) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = state();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let closing = state.closing.clone();
    let app = router(state.clone());
    let task = tokio::spawn(serve(listener, app, limits, async move {
        let _ = stopped.await;
        let _ = closing.send(true);
    }));
    (addr, stop, task, state)
}

/// Reads until the server closes the connection (0 bytes) or `within` passes: whether it closed.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline.into(), stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
        }
    }
}

async fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_or_sends_nothing_is_cut_off() {
    let limits = Limits { header_read: Duration::from_millis(500), ..Limits::default() };
    let (addr, stop, task, _) = start(limits).await;
    let mut silent = TcpStream::connect(addr).await.unwrap();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /api/v1/stats HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    assert!(closed_within(&mut slow, Duration::from_secs(10)).await, "half-sent headers are cut off");
    assert!(closed_within(&mut silent, Duration::from_secs(10)).await, "a connection that sends nothing is cut off");
    assert!(get(addr, "/api/v1/stats").await.starts_with("HTTP/1.1 200"), "others are served");
    let _ = stop.send(());
    task.await.unwrap();
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_until_one_is_free() {
    let limits = Limits { header_read: Duration::from_millis(800), max_connections: 2, ..Limits::default() };
    let (addr, stop, task, _) = start(limits).await;
    let _a = TcpStream::connect(addr).await.unwrap();
    let _b = TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let answer = tokio::time::timeout(Duration::from_secs(20), get(addr, "/api/v1/stats"))
        .await
        .expect("served once a slot is free");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "it waited for the idle ones to be cut off ({:?})",
        started.elapsed()
    );
    let _ = stop.send(());
    task.await.unwrap();
}

#[tokio::test]
async fn shutdown_ends_event_streams_and_drains_within_its_deadline() {
    let limits = Limits { drain: Duration::from_secs(5), ..Limits::default() };
    let (addr, stop, task, state) = start(limits).await;
    let code = file_residence_registration(state.clone(), "connections-shutdown").await;
    let request = axum::http::Request::post(format!("/api/v1/dossiers/{code}/payment"))
        .header("x-applicant", "026090012345")
        .body(axum::body::Body::empty())
        .unwrap();
    let bill: serde_json::Value = serde_json::from_slice(&body_bytes(send(state, request).await).await).unwrap();
    let id = bill["id"].as_str().unwrap();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(format!("GET /api/v1/payments/{id}/events HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).await.unwrap();
    let mut first = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut first)).await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).contains("text/event-stream"));
    let asked = Instant::now();
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(8), task)
        .await
        .expect("the server stops within its drain deadline")
        .unwrap();
    assert!(
        asked.elapsed() < Duration::from_secs(4),
        "the stream ended at once, not at the deadline ({:?})",
        asked.elapsed()
    );
    assert!(closed_within(&mut stream, Duration::from_secs(2)).await, "the stream's connection is closed");
}

#[tokio::test]
async fn what_the_http_layer_refuses_by_itself_is_answered_in_the_json_error_shape() {
    let (addr, stop, task, _) = start(Limits::default()).await;
    let long_path = format!("/api/v1/procedures?q={}", "a".repeat(70_000));
    let long_header = format!("GET /api/v1/stats HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "b".repeat(500_000));
    for (request, status, code) in [
        (format!("GET {long_path} HTTP/1.1\r\nHost: x\r\n\r\n"), "414", "uri_too_long"),
        (long_header, "431", "headers_too_large"),
        // Within hyper's read buffer, so always parsed whole: the server's own limit answers.
        (
            format!(
                "GET /api/v1/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: {}\r\n\r\n",
                "b".repeat(100_000)
            ),
            "431",
            "headers_too_large",
        ),
        ("GET /api/v1/stats HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".to_owned(), "400", "bad_request"),
    ] {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        // The server may answer and close before it has read all of a long request.
        let _ = stream.write_all(request.as_bytes()).await;
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
        let answer = String::from_utf8_lossy(&answer).into_owned();
        assert!(answer.starts_with(&format!("HTTP/1.1 {status} ")), "{}", &answer[..answer.len().min(300)]);
        assert!(answer.to_ascii_lowercase().contains("content-type: application/json"), "{answer}");
        let body: serde_json::Value =
            serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap_or_default()).unwrap_or_default();
        assert_eq!(body["error"]["code"], code, "{answer}");
    }
    assert!(get(addr, "/api/v1/stats").await.starts_with("HTTP/1.1 200"), "ordinary answers pass untouched");
    let _ = stop.send(());
    task.await.unwrap();
}
