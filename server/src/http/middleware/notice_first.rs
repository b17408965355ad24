//! An exam's page opened by a candidate who has still to accept its 报考须知 opens the notice instead
//! (303), as seed 002 has 报考须知 before 承诺书 (`ssr::candidate::notice`).

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::domain::record_ids::ExamCode;
use app::ssr::access::session_user::SessionHolder;
use app::ssr::candidate::notice;
use app::ssr::ServerState;

pub async fn notice_first(State(state): State<ServerState>, request: Request, next: Next) -> Response {
    let exam_page = match request.uri().path().strip_prefix("/exams/") {
        Some(code) if request.method() == Method::GET && !code.is_empty() && !code.contains('/') => {
            Some(ExamCode::from(code.to_string()))
        }
        _ => None,
    };
    // Only a candidate's session can owe the notice (noted by `session_holder`, no database read).
    let candidate = request.extensions().get::<SessionHolder>() == Some(&SessionHolder::Candidate);
    if let (Some(code), Some(session), true) = (exam_page, request.extensions().get::<Session>(), candidate) {
        if let Some(notice) = notice::page_first(&state, session, &code).await {
            return Redirect::to(&notice).into_response();
        }
    }
    next.run(request).await
}
