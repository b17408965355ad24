//! Which form this request's errors are written in, and the reference they carry. The app's pages
//! ask for postcard (`Accept`, see `app::api::wire`) and carry no JSON decoder; curl, scripts and
//! the tests read JSON. The outermost layer notes what the request asked for, for the whole of its
//! handling, and every guard and plain route writes its error once, in that form
//! (`routes::error_response`). A server function writes its own the same way
//! (`app::error::wire`). An internal error names the request by its id's start
//! (`app::ssr::infra::request_reference`), as the log lines of the request do.

use std::future::Future;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use app::api::wire::accepts_postcard;
use app::ssr::infra::request_reference;

tokio::task_local! {
    /// Whether the request being answered asked for postcard.
    static ASKED_FOR_POSTCARD: bool;
}

pub async fn errors_as_asked(request: Request, next: Next) -> Response {
    let postcard = accepts_postcard(request.headers());
    // `SetRequestIdLayer`, further out, gave every request its id.
    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    request_reference::within(&id, ASKED_FOR_POSTCARD.scope(postcard, next.run(request))).await
}

/// Whether the request being answered asked for postcard; JSON outside a request's handling
/// (a payment gateway's notification, which comes in front of this layer).
pub fn asked_for_postcard() -> bool {
    ASKED_FOR_POSTCARD.try_with(|postcard| *postcard).unwrap_or(false)
}

/// `answer` made as if inside this layer, in the form `postcard` says: for a layer outside it
/// (around the session layer), which read `Accept` itself.
pub fn as_asked<R>(postcard: bool, answer: impl FnOnce() -> R) -> R {
    ASKED_FOR_POSTCARD.sync_scope(postcard, answer)
}

/// `work` answers the same request in a task of its own (`idempotency`): its errors keep the
/// form the request asked for, and its reference.
pub fn for_this_request<F: Future>(work: F) -> impl Future<Output = F::Output> {
    let reference = request_reference::current().unwrap_or_default();
    request_reference::within(&reference, ASKED_FOR_POSTCARD.scope(asked_for_postcard(), work))
}
