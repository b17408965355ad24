//! Staff sessions end after a short time without a request (`ZIGE_STAFF_IDLE_MINUTES`, 30): an
//! administrator's or reviewer's unattended screen does not stay signed in for the day, as 等保
//! 2.0 level 3 asks. Candidates keep the ordinary session (eight hours without a request). Runs
//! before anything that asks who is signed in.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use app::ssr::access::session_user::end_staff_session_if_idle;
use app::ssr::infra::clock::Clock;

use crate::http::routes::error_response;

#[derive(Clone)]
pub struct StaffIdleState {
    pub clock: std::sync::Arc<dyn Clock>,
    pub idle: chrono::Duration,
}

pub async fn end_idle_staff_sessions(State(state): State<StaffIdleState>, request: Request, next: Next) -> Response {
    if let Some(session) = request.extensions().get::<Session>().cloned() {
        match end_staff_session_if_idle(&session, state.idle, state.clock.now()).await {
            Ok(true) => tracing::info!("a staff session ended after its idle time"),
            Ok(false) => {}
            Err(error) => return error_response(error),
        }
    }
    next.run(request).await
}
