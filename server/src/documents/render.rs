//! A template and one candidate's data made a PDF, off the async threads (Typst is CPU work).

use std::sync::Arc;

use app::domain::document_kind::DocumentKind;
use app::error::AppError;
use app::ssr::exams::document_templates;
use app::ssr::ServerState;

use super::fonts::DocumentFonts;
use super::typst_world::DocumentWorld;
use super::unprintable::flag_unprintable;

/// Files a template may name beside its data ("photo.jpg", "qr.svg").
pub type DocumentFiles = Vec<(&'static str, Vec<u8>)>;

/// Lays `template` out with `data` as `sys.inputs` and `files` beside it: the PDF with its number
/// of pages, or the template's mistakes ("line 12: unknown variable: nme").
pub async fn lay_out(
    fonts: Arc<DocumentFonts>,
    template: String,
    data: serde_json::Value,
    files: DocumentFiles,
) -> Result<Result<(Vec<u8>, usize), String>, AppError> {
    tokio::task::spawn_blocking(move || {
        let inputs = serde_json::from_value(data).map_err(|e| e.to_string())?;
        let world = DocumentWorld::new(&template, inputs, fonts, files).ok_or("template file name")?;
        world.pdf()
    })
    .await
    .map_err(|e| app::ssr::internal("document task", e))
}

/// The exam's document for one candidate, with its number of pages: laid out with the exam's own
/// template, or with the shipped one when the exam's fails on this candidate's data (it laid out
/// sample data when it was saved, but an exam file changed since can break it) — the candidate
/// still gets the document, and the failure is logged for the administrator.
pub async fn render_for_exam(
    state: &ServerState,
    fonts: Arc<DocumentFonts>,
    exam_code: &str,
    kind: DocumentKind,
    mut data: serde_json::Value,
    files: DocumentFiles,
) -> Result<(Vec<u8>, usize), AppError> {
    flag_unprintable(&fonts, &mut data);
    let current = document_templates::current(&state.db, exam_code, kind).await?;
    if current.saved.is_some() {
        match lay_out(fonts.clone(), current.source, data.clone(), files.clone()).await? {
            Ok(done) => return Ok(done),
            Err(mistakes) => tracing::error!(
                exam = exam_code,
                document = kind.key(),
                %mistakes,
                "the exam's own template failed on a candidate's data; the shipped one was used"
            ),
        }
    }
    let shipped = document_templates::shipped(kind).to_string();
    lay_out(fonts, shipped, data, files).await?.map_err(|e| app::ssr::internal("document layout", e))
}
