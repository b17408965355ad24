//! Exactly-once actions over a network that drops answers (`app::ssr::infra::idempotency` keeps
//! the books). A signed-in POST with an `Idempotency-Key` header runs once: its answer is kept,
//! and a repeat with the same content gets that answer again (marked `Idempotent-Replayed`).
//! The action runs to its end in a task of its own, so a phone that goes away mid-request still
//! finds the answer when it asks again.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tower_sessions::Session;

use app::domain::settled_answer::settles;
use app::error::AppError;
use app::ssr::access::session_user::user_from_session;
use app::ssr::infra::idempotency::{self, Arrival, KeyRun};
use app::ssr::ServerState;

use crate::http::middleware::error_wire;
use crate::http::routes::error_response;

/// The request header carrying the browser's key for one action.
pub const KEY_HEADER: &str = "idempotency-key";
/// Marks an answer given again to a repeat.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// Answers are small JSON; a larger one is not kept (and the key released).
const ANSWER_LIMIT_BYTES: usize = 1024 * 1024;

pub async fn apply_once(State(state): State<ServerState>, request: Request, next: Next) -> Response {
    let Some(key) = request.headers().get(KEY_HEADER).filter(|_| request.method() == Method::POST) else {
        return next.run(request).await;
    };
    let Some(key) = key.to_str().ok().filter(|key| idempotency::valid_key(key)).map(str::to_string) else {
        return error_response(AppError::BadRequest("Idempotency-Key must be 8–64 letters, digits, - or _".into()));
    };
    // Everything from here runs in a task of its own: a phone that goes away mid-request drops
    // this future (hyper cancels it), not the action, and a key is never left half-booked.
    let keyed = tokio::spawn(error_wire::for_this_request(apply_keyed(state, key, request, next)));
    keyed.await.unwrap_or_else(|failure| error_response(app::ssr::internal("idempotent action", failure)))
}

async fn apply_keyed(state: ServerState, key: String, request: Request, next: Next) -> Response {
    // Keys belong to an account; without one the action itself answers (401).
    let Some(session) = request.extensions().get::<Session>().cloned() else { return next.run(request).await };
    let Ok(user) = user_from_session(&session, &state.db).await else { return next.run(request).await };

    let (parts, body) = request.into_parts();
    // No more than the route itself would take: a body past its limit is refused here, before
    // it is held in memory (a declared length at once, a streamed one at the limit).
    let limit = crate::http::body_limits::for_path(parts.uri.path(), state.max_upload_bytes);
    let too_large = || error_response(AppError::TooLarge { limit_bytes: limit as u64 });
    if crate::http::body_limits::declared_past(&parts.headers, limit) {
        return too_large();
    }
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else { return too_large() };
    let fingerprint = content_fingerprint(&parts, &bytes).await;
    let run = KeyRun::arriving(user.id, key);
    run_once(state, run, fingerprint, Request::from_parts(parts, Body::from(bytes)), next).await
}

async fn run_once(state: ServerState, run: KeyRun, fingerprint: String, request: Request, next: Next) -> Response {
    match idempotency::arrive(&state.db, &run, &fingerprint, state.clock.now()).await {
        Ok(Arrival::First) => {}
        Ok(Arrival::Repeat { status, content_type, body }) => return replay(status, content_type, body),
        Err(refusal) if idempotency::refused_untouched(&refusal) => return error_response(refusal),
        Err(unanswered) => {
            // The database may have booked the key for this run and lost its answer (a restart
            // between its commit and its reply): the action never ran, and a row left "running"
            // would tell every repeat to wait for `ABANDONED_AFTER`. Let go of it once the
            // database answers again.
            tokio::spawn(Booking::Release.book_when_the_database_answers(state.db.clone(), run));
            return error_response(unanswered);
        }
    }
    let (parts, body) = next.run(request).await.into_parts();
    let body = match axum::body::to_bytes(body, ANSWER_LIMIT_BYTES).await {
        Ok(body) => body,
        Err(e) => {
            Booking::Release.book_now_or_later(&state.db, run).await;
            return error_response(app::ssr::internal("idempotent answer", e));
        }
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    let booking = if settles(parts.status.as_u16()) {
        Booking::Keep { status: parts.status.as_u16(), content_type, body: body.to_vec() }
    } else {
        Booking::Release
    };
    booking.book_now_or_later(&state.db, run).await;
    Response::from_parts(parts, Body::from(body))
}

/// How a key's run ends in the books: its answer kept, or the key let go (nothing was done).
enum Booking {
    Keep { status: u16, content_type: Option<String>, body: Vec<u8> },
    Release,
}

impl Booking {
    async fn book(&self, db: &sea_orm::DatabaseConnection, run: &KeyRun) -> Result<(), AppError> {
        match self {
            Booking::Keep { status, content_type, body } => {
                idempotency::keep(db, run, *status, content_type.clone(), body.clone()).await
            }
            Booking::Release => idempotency::release(db, run).await,
        }
    }

    /// Books at once, or, when the database does not answer (a restart), as soon as it does:
    /// left as it is, the key would stay "running" for `ABANDONED_AFTER` and every repeat be
    /// told to wait.
    async fn book_now_or_later(self, db: &sea_orm::DatabaseConnection, run: KeyRun) {
        if let Err(e) = self.book(db, &run).await {
            tracing::warn!(error = e.message_en(), "idempotency bookkeeping failed; trying again in the background");
            tokio::spawn(self.book_when_the_database_answers(db.clone(), run));
        }
    }

    /// Tries again every half second while a taken-over key could still be running (after
    /// that, the next repeat takes the key over anyway).
    async fn book_when_the_database_answers(self, db: sea_orm::DatabaseConnection, run: KeyRun) {
        let every = std::time::Duration::from_millis(500);
        let tries = idempotency::ABANDONED_AFTER.num_milliseconds() / every.as_millis() as i64;
        for _ in 0..tries {
            tokio::time::sleep(every).await;
            if self.book(&db, &run).await.is_ok() {
                return;
            }
        }
        tracing::error!("idempotency bookkeeping failed for good; the key is taken over when it is repeated");
    }
}

/// What the action asked, as a hash: method, path and content. A multipart form is read part by
/// part (name, file name, bytes), because a browser sending the same form again draws a new
/// boundary; anything else is hashed as sent.
async fn content_fingerprint(parts: &axum::http::request::Parts, body: &Bytes) -> String {
    let mut hash = Sha256::new();
    hash.update(parts.method.as_str());
    hash.update([0]);
    hash.update(parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or(""));
    hash.update([0]);
    match multipart_fields(parts, body).await {
        Some(fields) => {
            for (name, file_name, data) in fields {
                for piece in [name.as_bytes(), file_name.as_bytes(), &(data.len() as u64).to_le_bytes(), &data] {
                    hash.update(piece);
                    hash.update([0]);
                }
            }
        }
        None => hash.update(body),
    }
    format!("{:x}", hash.finalize())
}

/// The parts of a multipart form in order; None when the body is not one (or not a valid one).
async fn multipart_fields(parts: &axum::http::request::Parts, body: &Bytes) -> Option<Vec<(String, String, Bytes)>> {
    let content_type = parts.headers.get(header::CONTENT_TYPE)?.clone();
    if !content_type.to_str().ok()?.starts_with("multipart/form-data") {
        return None;
    }
    let request = Request::builder().header(header::CONTENT_TYPE, content_type).body(Body::from(body.clone())).ok()?;
    let mut form = Multipart::from_request(request, &()).await.ok()?;
    let mut fields = Vec::new();
    while let Some(field) = form.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().unwrap_or_default().to_string();
        fields.push((name, file_name, field.bytes().await.ok()?));
    }
    Some(fields)
}

fn replay(status: u16, content_type: Option<String>, body: Vec<u8>) -> Response {
    if let Some(error) = kept_error_in_the_other_form(status, content_type.as_deref(), &body) {
        // The first try asked for the other form (a page, then a script, or the other way round).
        let mut response = error_response(error);
        *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        response.headers_mut().insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
        return response;
    }
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    if let Some(value) = content_type.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response.headers_mut().insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    // Kept in the form its first try asked for, which the repeat's `Accept` could change.
    response.headers_mut().append(header::VARY, HeaderValue::from_static("accept"));
    response
}

/// A kept error answer written in the form this repeat did not ask for, read back to be written
/// again; None for a success, or an error already in the asked form (given again as it was kept).
fn kept_error_in_the_other_form(status: u16, content_type: Option<&str>, body: &[u8]) -> Option<AppError> {
    if status < 400 {
        return None;
    }
    let kept_in_postcard = content_type.is_some_and(|kind| kind.starts_with(app::api::wire::POSTCARD));
    let kept_in_json = content_type.is_some_and(|kind| kind.starts_with("application/json"));
    match (kept_in_postcard, kept_in_json, error_wire::asked_for_postcard()) {
        (true, _, false) => AppError::from_postcard(body),
        (_, true, true) => serde_json::from_slice(body).ok(),
        _ => None,
    }
}
