//! GET /api/admin/exams/{code}/templates/{document}/preview.pdf: the exam's saved template (or the
//! shipped one) laid out for the sample candidate, so an administrator sees a change before any
//! candidate prints it. Administrators only.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use tower_sessions::Session;

use app::domain::document_kind::DocumentKind;
use app::domain::record_ids::ExamCode;
use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::exams::exam_store;
use app::ssr::ServerState;

use crate::documents::font_cell::FontCell;
use crate::documents::render::render_for_exam;
use crate::documents::samples::sample;

use super::candidate_documents::pdf_response;

pub async fn template_preview(
    State(state): State<ServerState>,
    Extension(fonts): Extension<FontCell>,
    session: Session,
    Path((code, document)): Path<(ExamCode, String)>,
) -> Response {
    let made = async {
        caller::from_session::<Admin>(&session, &state.db).await?;
        let kind = DocumentKind::parse(&document).ok_or(AppError::NotFound)?;
        let exam = exam_store::load(&state.db, &code).await?.ok_or(AppError::NotFound)?;
        let (data, files) = sample(kind, &exam, &state.clock.now()).ok_or(AppError::NotFound)?;
        Ok(render_for_exam(&state, &fonts, &code, kind, data, files).await?.0)
    };
    pdf_response(made.await, &format!("{code}-{document}-preview.pdf"))
}
