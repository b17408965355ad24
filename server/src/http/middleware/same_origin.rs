//! Cross-site request forgery: a page elsewhere must not make a signed-in browser change
//! anything here. Every request that may change state (all but GET, HEAD, OPTIONS) is refused
//! when the browser says it comes from another site (`Sec-Fetch-Site`) or names another origin
//! (`Origin`); requests with neither header come from programs, not from a browser tricked into
//! sending a cookie. State-changing requests must also carry a body the app itself sends (JSON or
//! multipart): a `text/plain` or URL-encoded POST is what a forged cross-site form would send.
//! (A page's own address changes nothing when posted to, and takes the browser's plain form.)

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use app::error::AppError;

use crate::http::routes::error_response;

#[derive(Clone)]
pub struct SameOriginState {
    /// The origin the public reaches the app at (`https://zige.example.cn`); None: the request's
    /// own Host header names it.
    pub public_origin: Option<String>,
}

pub async fn refuse_cross_site(State(state): State<SameOriginState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    if let Err(reason) = check(&state, &request) {
        tracing::warn!(path = request.uri().path(), reason, "cross-site request refused");
        return error_response(AppError::Forbidden);
    }
    if takes_a_body(request.uri().path()) && !sends_app_content(&request) {
        let mut refused = error_response(AppError::BadRequest("content type".into()));
        *refused.status_mut() = StatusCode::UNSUPPORTED_MEDIA_TYPE;
        return refused;
    }
    next.run(request).await
}

fn check(state: &SameOriginState, request: &Request) -> Result<(), &'static str> {
    let header_text = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header_text("sec-fetch-site") {
        if !matches!(site, "same-origin" | "none") {
            return Err("Sec-Fetch-Site is not same-origin");
        }
    }
    let Some(origin) = header_text(header::ORIGIN.as_str()) else { return Ok(()) };
    let expected_host = match &state.public_origin {
        Some(public) => {
            return if origin.eq_ignore_ascii_case(public.trim_end_matches('/')) {
                Ok(())
            } else {
                Err("Origin is not the public origin")
            }
        }
        None => header_text(header::HOST.as_str()).ok_or("no Host header")?,
    };
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    if origin_host.eq_ignore_ascii_case(expected_host) {
        Ok(())
    } else {
        Err("Origin names another host")
    }
}

/// Whether the path is one of the routes that act on a body: server functions and the app's own
/// routes (`/api/…`), deleting an account, the sandbox's cashier. Every other path is a page,
/// which a POST changes nothing at (a form sent before the page's code arrived is answered with
/// the page: `routes::page_posted`), so a browser's plain form may reach it.
fn takes_a_body(path: &str) -> bool {
    ["/api/", "/account/", "/sandbox/"].iter().any(|prefix| path.starts_with(prefix))
}

/// JSON for server functions, multipart for uploads; a body-less POST (no content type) is fine.
fn sends_app_content(request: &Request) -> bool {
    let Some(content_type) = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return request.headers().get(header::CONTENT_LENGTH).is_none_or(|length| length == "0");
    };
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(essence.as_str(), "application/json" | "multipart/form-data")
}
