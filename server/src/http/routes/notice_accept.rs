//! POST /exams/{code}/notice/accept: 接受 under an exam's 报考须知, a plain form from the notice's
//! page; answered by opening the exam's page (303), where the pledge comes next, or the error.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::domain::record_ids::ExamCode;
use app::ssr::access::{caller, gate::Candidate};
use app::ssr::candidate::notice;
use app::ssr::ServerState;

use super::error_response;

pub async fn accept_notice_form(
    State(state): State<ServerState>,
    session: Session,
    Path(code): Path<ExamCode>,
) -> Response {
    let accepted = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        notice::accept(&state, &account, &code).await
    };
    match accepted.await {
        Ok(()) => Redirect::to(&format!("/exams/{code}")).into_response(),
        Err(error) => error_response(error),
    }
}
