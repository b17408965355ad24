//! A template and one candidate's data made a PDF, off the async threads (Typst is CPU work).

use std::sync::Arc;

use app::error::AppError;

use super::fonts::DocumentFonts;
use super::typst_world::DocumentWorld;

/// Lays out `template` with `data` as `sys.inputs` and `files` beside it; the PDF.
pub async fn render(
    fonts: Arc<DocumentFonts>,
    template: &'static str,
    data: serde_json::Value,
    files: Vec<(&'static str, Vec<u8>)>,
) -> Result<Vec<u8>, AppError> {
    Ok(render_pages(fonts, template, data, files).await?.0)
}

/// As `render`, with the number of pages the layout took.
pub async fn render_pages(
    fonts: Arc<DocumentFonts>,
    template: &'static str,
    data: serde_json::Value,
    files: Vec<(&'static str, Vec<u8>)>,
) -> Result<(Vec<u8>, usize), AppError> {
    tokio::task::spawn_blocking(move || {
        let inputs = serde_json::from_value(data).map_err(|e| e.to_string())?;
        let world = DocumentWorld::new(template, inputs, fonts, files).ok_or("template file name")?;
        world.pdf()
    })
    .await
    .map_err(|e| app::ssr::internal("document task", e))?
    .map_err(|e| app::ssr::internal("document layout", e))
}
