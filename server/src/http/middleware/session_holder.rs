//! Notes on a page's request whose session it is (`SessionHolder`), so the page can draw what
//! depends on it around its islands without a resource of its own (`components::candidate_menu`).

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use app::ssr::access::session_user::{session_holder, SessionHolder};

pub async fn note_session_holder(mut request: Request, next: Next) -> Response {
    let holder = match request.extensions().get::<Session>() {
        Some(session) => session_holder(session).await.unwrap_or(SessionHolder::Nobody),
        None => SessionHolder::Nobody,
    };
    request.extensions_mut().insert(holder);
    next.run(request).await
}
