//! GET /api/exams/{code}/examples/{name}: an exam's example picture (上传示例), for anyone
//! signed in. Examples are the authority's, not a candidate's, so they may be cached.

use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

use app::domain::record_ids::ExamCode;
use app::ssr::access::session_user::user_from_session;
use app::ssr::exams::exam_examples::read_example;
use app::ssr::ServerState;

use super::{error_response, file_response};

pub async fn example_file(
    State(state): State<ServerState>,
    session: Session,
    Path((code, name)): Path<(ExamCode, String)>,
) -> Response {
    let outcome = async {
        user_from_session(&session, &state.db).await?;
        read_example(&state.db, state.blobs.as_ref(), &code, &format!("examples/{name}")).await
    }
    .await;
    match outcome {
        Ok((format, bytes)) => file_response(format, bytes, "private, max-age=3600"),
        Err(error) => error_response(error),
    }
}
