//! A template and one candidate's data made a PDF, in a render worker (`render_pool`): bounded in
//! memory and time, off the server's own threads.

use app::domain::document_kind::DocumentKind;
use app::domain::record_ids::ExamCode;
use app::error::AppError;
use app::ssr::exams::document_templates;
use app::ssr::ServerState;

use super::font_cell::FontCell;
use super::render_job::{RenderAnswer, RenderJob};
use super::unprintable::flag_unprintable;

/// Files a template may name beside its data ("photo.jpg", "qr.svg").
pub type DocumentFiles = Vec<(&'static str, Vec<u8>)>;

/// Lays `template` out with `data` as `sys.inputs` and `files` beside it: the PDF with its number
/// of pages, or the template's mistakes ("line 12: unknown variable: nme"), or that it passed the
/// deadline or the memory bound.
pub async fn lay_out(
    cell: &FontCell,
    template: String,
    data: serde_json::Value,
    files: DocumentFiles,
) -> Result<RenderAnswer, AppError> {
    let job = RenderJob {
        template,
        inputs_json: data.to_string(),
        files: files.into_iter().map(|(name, bytes)| (name.to_string(), bytes)).collect(),
    };
    cell.pool.lay_out(job).await
}

/// The exam's document for one candidate, with its number of pages: laid out with the exam's own
/// template, or with the shipped one when the exam's fails on this candidate's data (it laid out
/// sample data when it was saved, but an exam file changed since can break it) — the candidate
/// still gets the document, and the failure is logged for the administrator.
pub async fn render_for_exam(
    state: &ServerState,
    cell: &FontCell,
    exam_code: &ExamCode,
    kind: DocumentKind,
    mut data: serde_json::Value,
    files: DocumentFiles,
) -> Result<(Vec<u8>, usize), AppError> {
    flag_unprintable(&*cell.get().await?, &mut data);
    let current = document_templates::current(&state.db, exam_code, kind).await?;
    if current.saved.is_some() {
        match lay_out(cell, current.source, data.clone(), files.clone()).await? {
            Ok(done) => return Ok(done),
            Err(mistakes) => tracing::error!(
                exam = %exam_code,
                document = kind.key(),
                %mistakes,
                "the exam's own template failed on a candidate's data; the shipped one was used"
            ),
        }
    }
    let shipped = document_templates::shipped(kind).to_string();
    lay_out(cell, shipped, data, files).await?.map_err(|e| app::ssr::internal("document layout", e))
}
