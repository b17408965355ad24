//! Admission control for deadline night (issue 32). A server answers so many requests at a time;
//! past that, a request waits a moment for a turn and is then answered at once, 503 with
//! `Retry-After`, rather than queued behind everyone: a queue that grows makes every candidate
//! wait seconds and time out together, while a prompt "come back in 2 s" keeps the answers that
//! are given fast, and the page sends again then (the outbox and the draft keep what waits). A
//! page asked for by the browser's address bar gets a page that says so and reloads itself.
//!
//! The probes (`/health`, `/ready`, `/metrics`) and the static files never wait: a load balancer
//! must see a busy server as alive, and the files cost nothing.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use tokio::sync::Semaphore;

use app::error::AppError;

use crate::http::middleware::probes_and_files::is_probe_or_file;
use crate::http::routes::error_response;

/// What a turned-away request is told to wait, in seconds.
const RETRY_AFTER_SECS: u64 = 2;

#[derive(Clone)]
pub struct Admission {
    turns: Option<Arc<Semaphore>>,
    wait: Duration,
}

impl Admission {
    /// `in_flight` requests at a time (0: no limit); a request past them waits at most `wait`.
    pub fn new(in_flight: u32, wait: Duration) -> Admission {
        let turns = (in_flight > 0).then(|| Arc::new(Semaphore::new(in_flight as usize)));
        Admission { turns, wait }
    }
}

pub async fn admit(State(admission): State<Admission>, request: Request, next: Next) -> Response {
    let Some(turns) = admission.turns.filter(|_| !is_probe_or_file(request.uri().path())) else {
        return next.run(request).await;
    };
    // A free turn is taken at once; otherwise the wait is at most `wait`.
    match tokio::time::timeout(admission.wait, turns.acquire_owned()).await {
        Ok(Ok(_turn)) => next.run(request).await,
        Ok(Err(closed)) => error_response(app::ssr::internal("admission", closed)),
        Err(_) => {
            metrics::counter!("zige_admission_refused_total").increment(1);
            tracing::warn!(path = request.uri().path(), "at capacity: asked to come back");
            // Its body, unread, is drained before the answer goes (`unread_body`).
            turned_away(&request.into_parts().0)
        }
    }
}

/// 503 with `Retry-After`: the error in the form asked for, or, for a page opened in the
/// browser, a page that says so and opens itself again then.
fn turned_away(request: &Parts) -> Response {
    let busy = AppError::Busy { retry_after_secs: RETRY_AFTER_SECS };
    if !opened_as_page(request) {
        return error_response(busy);
    }
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, Html(busy_page(&busy))).into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn opened_as_page(request: &Parts) -> bool {
    let accepts_html = request
        .headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    request.method == Method::GET && accepts_html
}

fn busy_page(busy: &AppError) -> String {
    let (zh, en) = (busy.message_zh(), busy.message_en());
    format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="{RETRY_AFTER_SECS}"><title>服务器繁忙 · Server busy</title></head>
<body><main><h1>服务器繁忙 · Server busy</h1><p role="status">{zh}。本页将自动重新打开，已保存的内容不受影响。</p><p lang="en">{en}. This page opens again by itself; nothing saved is lost.</p></main></body></html>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use tokio::sync::Notify;
    use tower::ServiceExt;

    /// A router whose `/slow` holds its turn until `release` is notified; its upload reads nothing.
    fn router(admission: Admission, release: Arc<Notify>) -> Router {
        Router::new()
            .route("/api/materials", axum::routing::post(|| async { "stored" }))
            .route(
                "/slow",
                get(move || {
                    let release = release.clone();
                    async move { release.notified().await }
                }),
            )
            .route("/api/fast", get(|| async { "fast" }))
            .route("/health", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(admission, admit))
            .layer(axum::middleware::from_fn_with_state(1u64 << 20, super::super::unread_body::drain_unread_bodies))
    }

    fn get_with(path: &str, accept: &str) -> Request {
        Request::builder().uri(path).header(header::ACCEPT, accept).body(Body::empty()).unwrap()
    }

    async fn text(response: Response) -> String {
        String::from_utf8(axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap()
    }

    #[tokio::test]
    async fn past_capacity_a_request_is_told_at_once_to_come_back_and_the_probes_still_answer() {
        let release = Arc::new(Notify::new());
        let app = router(Admission::new(1, Duration::from_millis(50)), release.clone());
        let holding = tokio::spawn(app.clone().oneshot(get_with("/slow", "*/*")));
        tokio::time::sleep(Duration::from_millis(20)).await;

        let started = std::time::Instant::now();
        let refused = app.clone().oneshot(get_with("/api/fast", "application/json")).await.unwrap();
        assert!(started.elapsed() < Duration::from_secs(1), "turned away without a long wait");
        assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(refused.headers()[header::RETRY_AFTER], "2");
        let error: AppError = serde_json::from_str(&text(refused).await).unwrap();
        assert_eq!(error, AppError::Busy { retry_after_secs: 2 });

        let page = app.clone().oneshot(get_with("/api/fast", "text/html,application/xhtml+xml")).await.unwrap();
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        let page = text(page).await;
        assert!(page.contains(r#"http-equiv="refresh" content="2""#) && page.contains("服务器繁忙"), "{page}");

        let health = app.clone().oneshot(get_with("/health", "*/*")).await.unwrap();
        assert_eq!(health.status(), StatusCode::OK, "a busy server is alive");

        release.notify_one();
        holding.await.unwrap().unwrap();
        let served = app.oneshot(get_with("/api/fast", "application/json")).await.unwrap();
        assert_eq!(text(served).await, "fast", "the turn is given back");
    }

    #[tokio::test]
    async fn a_request_waits_a_moment_for_a_turn_that_frees_up() {
        let release = Arc::new(Notify::new());
        let app = router(Admission::new(1, Duration::from_secs(5)), release.clone());
        let holding = tokio::spawn(app.clone().oneshot(get_with("/slow", "*/*")));
        tokio::time::sleep(Duration::from_millis(20)).await;
        let waiting = tokio::spawn(app.oneshot(get_with("/api/fast", "*/*")));
        tokio::time::sleep(Duration::from_millis(50)).await;
        release.notify_one();
        holding.await.unwrap().unwrap();
        assert_eq!(text(waiting.await.unwrap().unwrap()).await, "fast");
    }

    /// nginx keeps connections to the server alive: a refused upload must leave its connection
    /// fit for the next request, or nginx counts the server as failed (`unread_body`).
    #[tokio::test]
    async fn a_turned_away_upload_leaves_its_connection_fit_for_the_next_request() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let release = Arc::new(Notify::new());
        let app = router(Admission::new(1, Duration::from_millis(20)), release.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let holding = tokio::spawn(reqwest::get(format!("http://{address}/slow")));
        tokio::time::sleep(Duration::from_millis(50)).await;

        let mut connection = tokio::net::TcpStream::connect(address).await.unwrap();
        let body = vec![b'x'; 300 * 1024];
        let head = format!("POST /api/materials HTTP/1.1\r\nHost: zige\r\nContent-Length: {}\r\n\r\n", body.len());
        connection.write_all(head.as_bytes()).await.unwrap();
        connection.write_all(&body).await.unwrap();
        connection.write_all(b"GET /health HTTP/1.1\r\nHost: zige\r\n\r\n").await.unwrap();
        let mut answers = Vec::new();
        let mut buffer = [0u8; 4096];
        while !String::from_utf8_lossy(&answers).contains("\r\n\r\nok") {
            let read = tokio::time::timeout(Duration::from_secs(5), connection.read(&mut buffer)).await;
            let read = read.expect("both answers within 5 s").unwrap();
            assert!(read > 0, "the connection closed after: {}", String::from_utf8_lossy(&answers));
            answers.extend_from_slice(&buffer[..read]);
        }
        let answers = String::from_utf8_lossy(&answers);
        assert!(answers.starts_with("HTTP/1.1 503"), "{answers}");
        assert!(answers.contains("HTTP/1.1 200"), "the next request on the same connection is answered: {answers}");
        release.notify_one();
        holding.await.unwrap().unwrap();
    }
}
