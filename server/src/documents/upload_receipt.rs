//! 上传回执 (upload receipt): every file of the candidate's application — category, sequence
//! number, name, bytes, pixels, SHA-256 of the bytes as stored, and the server's time — so a
//! candidate can prove what they sent. Laid out by the exam's template (shipped:
//! `exams/templates/upload-receipt.typ`).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use app::domain::china_time::china_time;
use app::domain::document_kind::DocumentKind;
use app::domain::record_ids::ExamCode;
use app::domain::{ApplicationState, ExamDefinition};
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::candidate_access;
use app::ssr::access::gate::Candidate;
use app::ssr::application::material_queries;
use app::ssr::ServerState;

use super::font_cell::FontCell;
use super::render::render_for_exam;

/// The receipt of the signed-in candidate's application to `exam_code`, as PDF.
pub async fn receipt_pdf(
    state: &ServerState,
    cell: &FontCell,
    account: &Caller<Candidate>,
    exam_code: &ExamCode,
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
        files.push(ReceiptFile {
            category: &row.category,
            seq_no: row.seq_no,
            name: &row.original_name,
            bytes: row.bytes,
            pixels: (row.width, row.height),
            sha256: hex::encode(Sha256::digest(&bytes)),
            uploaded_at: row.created_at,
        });
    }
    let state_seen = app::ssr::application::application_queries::state_seen_by_candidate(
        Some(application),
        &definition.windows,
        exam.now,
    );
    let holder = Holder { name: &account.name, id_masked: &account.masked_id_number() };
    let submitted_at = application.submitted_at.map(|at| china_time(at).zh()).unwrap_or_else(|| "—".to_string());
    let data = inputs(definition, &holder, state_seen, &submitted_at, &files, &exam.now);
    let kind = DocumentKind::UploadReceipt;
    Ok(render_for_exam(state, cell, exam_code, kind, data, Vec::new()).await?.0)
}

/// Whose receipt it is, as it prints them.
pub struct Holder<'a> {
    pub name: &'a str,
    pub id_masked: &'a str,
}

/// One stored file as the receipt lists it.
pub struct ReceiptFile<'a> {
    pub category: &'a str,
    pub seq_no: i32,
    pub name: &'a str,
    pub bytes: i64,
    pub pixels: (i32, i32),
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

/// What the template reads (`sys.inputs`), for a real candidate or the sample one.
pub fn inputs(
    definition: &ExamDefinition,
    holder: &Holder,
    state_seen: ApplicationState,
    submitted_at: &str,
    files: &[ReceiptFile],
    now: &DateTime<Utc>,
) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|file| {
            let category = definition.category(file.category);
            json!({
                "category_zh": category.map_or(file.category, |c| c.name_zh.as_str()),
                "category_en": category.map_or(file.category, |c| c.name_en.as_str()),
                "seq_no": file.seq_no,
                "name": file.name,
                "bytes": file.bytes.to_string(),
                "pixels": format!("{}×{}", file.pixels.0, file.pixels.1),
                "sha256": file.sha256,
                "uploaded_at": china_time(file.uploaded_at).wall_clock(),
            })
        })
        .collect();
    json!({
        "exam_code": definition.code,
        "title_zh": definition.title_zh,
        "title_en": definition.title_en,
        "name": holder.name,
        "id_number": holder.id_masked,
        "state_zh": state_seen.label_zh(),
        "state_en": state_seen.label_en(),
        "submitted_at": submitted_at,
        "issued_at": china_time(*now).zh(),
        // 系统使用咨询 (seed 000) at the foot, where the exam gives one.
        "helpline": definition.helpline.as_ref().map(|helpline| helpline.words().0),
        "files": files,
    })
}
