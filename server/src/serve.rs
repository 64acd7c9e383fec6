//! Serving connections: what `axum::serve` leaves out and a public service needs. A client
//! that does not finish its request headers in time is cut off (also one that sends nothing,
//! or sits idle between requests); at most so many connections are served at once, the rest
//! wait in the listener's queue; on shutdown, no new connection is taken, event streams end
//! (`AppState::closing`), requests under way finish, and whatever is still open after the
//! drain deadline is dropped. The few answers the HTTP layer gives by itself, before any
//! handler (a request line or headers too long, a request it cannot parse), get the same JSON
//! error body as every other error ([`JsonParseErrors`]).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Time to send a request's headers, and to start the next one on a kept-alive connection.
    pub header_read: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// How long shutdown waits for requests under way.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { header_read: Duration::from_secs(10), max_connections: 1024, drain: Duration::from_secs(10) }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then drains (see the module).
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        // The client's address, as `ConnectInfo` gives it to handlers (the rate limits).
        let service = tower::service_fn(move |mut request: axum::http::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(remote));
            app.clone().oneshot(request.map(axum::body::Body::new))
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(limits.header_read);
        let io = TokioIo::new(JsonParseErrors::new(stream));
        let connection = graceful.watch(builder.serve_connection(io, TowerToHyperService::new(service)));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("all connections closed"),
        () = tokio::time::sleep(limits.drain) => tracing::warn!("drain deadline passed: closing the connections still open"),
    }
}

/// Ctrl-C or SIGTERM (what `docker stop`, systemd and Kubernetes send).
pub async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// A connection whose bare error answers from hyper itself (400, 414 and 431 with an empty
/// body, written when a request cannot be parsed, and followed by closing the connection) are
/// rewritten on their way out into the API's JSON error shape. Every other byte passes as is:
/// the API's own errors always have a body, so they never look bare.
pub struct JsonParseErrors<T> {
    inner: T,
    /// A rewritten answer being written: its bytes, how many went out, and the length of the
    /// bare answer it stands for (reported as written once it is all out).
    rewriting: Option<(Vec<u8>, usize, usize)>,
}

impl<T> JsonParseErrors<T> {
    pub fn new(inner: T) -> JsonParseErrors<T> {
        JsonParseErrors { inner, rewriting: None }
    }
}

/// The JSON version of `head` if it is one of hyper's bare parse-error answers.
fn rewrite_bare_error(head: &[u8]) -> Option<Vec<u8>> {
    let status = match head.get(..13)? {
        b"HTTP/1.1 400 " => axum::http::StatusCode::BAD_REQUEST,
        b"HTTP/1.1 414 " => axum::http::StatusCode::URI_TOO_LONG,
        b"HTTP/1.1 431 " => axum::http::StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        _ => return None,
    };
    let text = std::str::from_utf8(head).ok()?.to_ascii_lowercase();
    if !text.ends_with("\r\n\r\n") || !text.contains("\r\ncontent-length: 0\r\n") {
        return None;
    }
    let body = serde_json::to_string(&crate::error::body_for_status(status)).ok()?;
    let reason = status.canonical_reason().unwrap_or("");
    Some(
        format!(
            "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\ncache-control: no-store\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
            status.as_u16(),
            body.len()
        )
        .into_bytes(),
    )
}

impl<T: AsyncRead + Unpin> AsyncRead for JsonParseErrors<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for JsonParseErrors<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.rewriting.is_none() {
            match rewrite_bare_error(buf) {
                Some(json) => this.rewriting = Some((json, 0, buf.len())),
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        let Some((json, sent, stands_for)) = this.rewriting.as_mut() else { unreachable!("set above") };
        while *sent < json.len() {
            let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &json[*sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *sent += n;
        }
        let written = *stands_for;
        this.rewriting = None;
        Poll::Ready(Ok(written))
    }

    /// Vectored writes pass through as well (hyper then writes as it would on the bare
    /// stream); a bare error answer is always a head alone, in the first slice.
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let first = bufs.iter().find(|b| !b.is_empty()).map(|b| &**b).unwrap_or_default();
        if self.rewriting.is_some() || rewrite_bare_error(first).is_some() {
            return self.poll_write(cx, first);
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::rewrite_bare_error;

    #[test]
    fn only_bare_parse_errors_are_rewritten() {
        let bare = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: Tue, 01 Dec 2026 10:00:00 GMT\r\n\r\n";
        let json = String::from_utf8(rewrite_bare_error(bare).expect("rewritten")).unwrap();
        assert!(json.starts_with("HTTP/1.1 414 URI Too Long\r\ncontent-type: application/json\r\n"), "{json}");
        let body = json.split("\r\n\r\n").nth(1).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(parsed["error"]["code"], "uri_too_long");
        assert!(json.contains(&format!("content-length: {}\r\n", body.len())));
        // The API's own answers, with a body, pass untouched; so does anything not an error.
        assert!(rewrite_bare_error(
            b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 80\r\n\r\n"
        )
        .is_none());
        assert!(rewrite_bare_error(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(
            rewrite_bare_error(b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n").is_some()
        );
    }
}
