//! 上传回执 (upload receipt): every file of the candidate's application — category, sequence
//! number, name, bytes, pixels, SHA-256 of the bytes as stored, and the server's time — so a
//! candidate can prove what they sent. Printed from `templates/upload-receipt.typ`.

use std::sync::Arc;

use serde_json::json;
use sha2::{Digest, Sha256};

use app::domain::exam_windows::format_utc;
use app::error::AppError;
use app::ssr::access::candidate_access;
use app::ssr::application::material_queries;
use app::ssr::entities::user;
use app::ssr::ServerState;

use super::fonts::DocumentFonts;
use super::render::render;

pub const TEMPLATE: &str = include_str!("../../templates/upload-receipt.typ");

/// The receipt of the signed-in candidate's application to `exam_code`, as PDF.
pub async fn receipt_pdf(
    state: &ServerState,
    fonts: Arc<DocumentFonts>,
    account: &user::Model,
    exam_code: &str,
) -> Result<Vec<u8>, AppError> {
    let exam = candidate_access::enter(state, account, exam_code).await?;
    let application = exam.application.as_ref().ok_or(AppError::NotFound)?;
    let definition = &exam.definition;
    let mut rows = material_queries::rows_of(&state.db, account.id, exam_code).await?;
    // In the exam's order of categories, as the candidate's page shows them.
    let rank = |code: &str| definition.categories.iter().position(|c| c.code == code).unwrap_or(usize::MAX);
    rows.sort_by_key(|row| (rank(&row.category), row.seq_no));
    let mut files = Vec::with_capacity(rows.len());
    for row in &rows {
        let bytes = state
            .blobs
            .get(&row.blob_key)
            .await
            .map_err(|e| app::ssr::internal("receipt blob", e))?
            .ok_or_else(|| app::ssr::internal("receipt blob", format!("{} missing", row.blob_key)))?;
        let category = definition.category(&row.category);
        files.push(json!({
            "category_zh": category.map_or(row.category.clone(), |c| c.name_zh.clone()),
            "category_en": category.map_or(row.category.clone(), |c| c.name_en.clone()),
            "seq_no": row.seq_no,
            "name": row.original_name,
            "bytes": row.bytes.to_string(),
            "pixels": format!("{}×{}", row.width, row.height),
            "sha256": hex::encode(Sha256::digest(&bytes)),
            "uploaded_at": format_utc(&row.created_at),
        }));
    }
    let state_seen = app::ssr::application::application_queries::state_seen_by_candidate(
        Some(application),
        &definition.windows,
        exam.now,
    );
    let data = json!({
        "exam_code": definition.code,
        "title_zh": definition.title_zh,
        "title_en": definition.title_en,
        "name": account.name,
        "id_number": account.masked_id_number(),
        "state_zh": state_seen.label_zh(),
        "state_en": state_seen.label_en(),
        "submitted_at": application.submitted_at.as_ref().map(format_utc).unwrap_or_else(|| "—".to_string()),
        "issued_at": format_utc(&exam.now),
        "files": files,
    });
    render(fonts, TEMPLATE, data, Vec::new()).await
}
