//! GET /api/on-site/{code}/{application}/handover.pdf: the 材料交接单 the branch's on-site check prints once a
//! candidate's originals passed, for the exam's staff only.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use tower_sessions::Session;

use app::domain::record_ids::{ApplicationId, ExamCode};
use app::ssr::access::{caller, gate::Staff};
use app::ssr::ServerState;

use crate::documents::font_cell::FontCell;
use crate::documents::material_handover::handover_pdf;

use super::candidate_documents::pdf_response;

pub async fn on_site_handover(
    State(state): State<ServerState>,
    Extension(fonts): Extension<FontCell>,
    session: Session,
    Path((code, application_id)): Path<(ExamCode, ApplicationId)>,
) -> Response {
    let made = async {
        let staff = caller::from_session::<Staff>(&session, &state.db).await?;
        handover_pdf(&state, &fonts, &staff, &code, application_id).await
    };
    pdf_response(made.await, &format!("{code}-{application_id}-material-handover.pdf"))
}
