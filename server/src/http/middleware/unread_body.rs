//! A request answered before its body was read — turned away past capacity, over a rate limit,
//! refused 401 before the upload's form was read, 413 on a declared length — still has its body on
//! the wire. A server that answers and drops it closes the connection with bytes unread, and a load
//! balancer keeping that connection alive for the next request sees the server fail (nginx's
//! "upstream prematurely closed connection"), counts it against the server and, at the default
//! `max_fails=1`, stops sending to it for 10 s: one refusal became a 502 for everyone.
//!
//! So every request's body is handed on in a wrapper that keeps hold of it, and once the answer is
//! ready whatever the layers and routes left unread is read and thrown away, within bounds, before
//! the answer goes; past the bounds the answer says the connection closes.

use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;
use http_body::{Frame, SizeHint};

use crate::http::body_limits::{declared_past, for_path};

/// Behind a load balancer the body is already whole (nginx buffers it): reading it takes
/// microseconds. A client that sends slowly is not waited for.
const WAIT: Duration = Duration::from_secs(2);

/// Read past the route's own limit: a multipart form's closing boundary after a picture the size
/// of the limit.
const SLACK_BYTES: u64 = 64 * 1024;

/// Outermost but for the headers and compression. `max_upload_bytes` is the installation's upload
/// limit (`ZIGE_MAX_UPLOAD_BYTES`): no body longer than its route takes is read to the end.
pub async fn drain_unread_bodies(State(max_upload_bytes): State<u64>, request: Request, next: Next) -> Response {
    let limit = for_path(request.uri().path(), max_upload_bytes) as u64 + SLACK_BYTES;
    let too_long_to_read = declared_past(request.headers(), usize::try_from(limit).unwrap_or(usize::MAX));
    let (parts, body) = request.into_parts();
    let kept = Arc::new(Mutex::new(Some(body)));
    let mut answer = next.run(Request::from_parts(parts, Body::new(KeptBody(kept.clone())))).await;
    let unread = kept.lock().unwrap_or_else(PoisonError::into_inner).take();
    let connection_fit = match unread {
        None => true,
        Some(_) if too_long_to_read => false,
        Some(rest) => read_to_end(rest, limit).await,
    };
    if !connection_fit {
        answer.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    answer
}

/// Reads and drops at most `limit` bytes of `body`; whether the body ended within the bounds.
async fn read_to_end(body: Body, limit: u64) -> bool {
    let drained = async {
        let mut seen = 0u64;
        let mut chunks = body.into_data_stream();
        while let Some(chunk) = chunks.next().await {
            seen += chunk.map_err(|_| ())?.len() as u64;
            if seen > limit {
                return Err(());
            }
        }
        Ok(())
    };
    matches!(tokio::time::timeout(WAIT, drained).await, Ok(Ok(())))
}

/// The request's body as the layers and routes read it, while the drain keeps hold of it: once
/// the answer is ready the drain takes it, and a reader still holding this sees its end.
struct KeptBody(Arc<Mutex<Option<Body>>>);

impl http_body::Body for KeptBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        match self.0.lock().unwrap_or_else(PoisonError::into_inner).as_mut() {
            Some(body) => Pin::new(body).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).as_ref().is_none_or(http_body::Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), http_body::Body::size_hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use axum::routing::{get, post};
    use axum::Router;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Sends `request` and then `GET /health` on one connection; both answers, as text.
    async fn two_requests_on_one_connection(app: Router, request: &[u8]) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let mut connection = tokio::net::TcpStream::connect(address).await.unwrap();
        connection.write_all(request).await.unwrap();
        connection.write_all(b"GET /health HTTP/1.1\r\nHost: zige\r\n\r\n").await.unwrap();
        let mut answers = Vec::new();
        let mut buffer = [0u8; 4096];
        while !String::from_utf8_lossy(&answers).contains("\r\n\r\nok") {
            let read = tokio::time::timeout(Duration::from_secs(5), connection.read(&mut buffer)).await;
            let Ok(Ok(read)) = read else { break };
            if read == 0 {
                break;
            }
            answers.extend_from_slice(&buffer[..read]);
        }
        String::from_utf8_lossy(&answers).into_owned()
    }

    fn upload(body_bytes: usize) -> Vec<u8> {
        let mut request =
            format!("POST /api/materials HTTP/1.1\r\nHost: zige\r\nContent-Length: {body_bytes}\r\n\r\n").into_bytes();
        request.extend(std::iter::repeat_n(b'x', body_bytes));
        request
    }

    /// An upload route that refuses before reading a byte of the picture, as the real one does
    /// for a caller who is not signed in.
    fn refusing_router(max_upload_bytes: u64) -> Router {
        Router::new()
            .route("/api/materials", post(|| async { StatusCode::UNAUTHORIZED }))
            .route("/health", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(max_upload_bytes, drain_unread_bodies))
    }

    #[tokio::test]
    async fn an_upload_refused_unread_leaves_its_connection_fit_for_the_next_request() {
        let answers = two_requests_on_one_connection(refusing_router(1 << 20), &upload(300 * 1024)).await;
        assert!(answers.starts_with("HTTP/1.1 401"), "{answers}");
        assert!(!answers.contains("connection: close"), "{answers}");
        assert!(answers.contains("HTTP/1.1 200"), "the next request on the same connection is answered: {answers}");
    }

    #[tokio::test]
    async fn a_body_longer_than_its_route_takes_is_not_read_and_the_connection_is_closed() {
        let answers = two_requests_on_one_connection(refusing_router(100 * 1024), &upload(300 * 1024)).await;
        assert!(answers.starts_with("HTTP/1.1 401"), "{answers}");
        assert!(answers.contains("connection: close"), "{answers}");
        assert!(!answers.contains("HTTP/1.1 200"), "{answers}");
    }
}
