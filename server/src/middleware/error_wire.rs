//! Which form this request's errors are written in. The app's pages ask for postcard (`Accept`,
//! see `app::api::wire`) and carry no JSON decoder; curl, scripts and the tests read JSON. The
//! outermost layer notes what the request asked for, for the whole of its handling, and every
//! guard and plain route writes its error once, in that form (`routes::error_response`). A
//! server function writes its own the same way (`app::error::wire`).

use std::future::Future;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use app::api::wire::accepts_postcard;

tokio::task_local! {
    /// Whether the request being answered asked for postcard.
    static ASKED_FOR_POSTCARD: bool;
}

pub async fn errors_as_asked(request: Request, next: Next) -> Response {
    let postcard = accepts_postcard(request.headers());
    ASKED_FOR_POSTCARD.scope(postcard, next.run(request)).await
}

/// Whether the request being answered asked for postcard; JSON outside a request's handling
/// (a payment provider's notification, which comes in front of this layer).
pub fn asked_for_postcard() -> bool {
    ASKED_FOR_POSTCARD.try_with(|postcard| *postcard).unwrap_or(false)
}

/// `work` answers the same request in a task of its own (`idempotency`): its errors keep the
/// form the request asked for.
pub fn for_this_request<F: Future>(work: F) -> impl Future<Output = F::Output> {
    ASKED_FOR_POSTCARD.scope(asked_for_postcard(), work)
}
