//! POST /api/materials: multipart form with `exam`, `category`, `seq_no` and `file`, and
//! `replaces` (a picture id) when the file takes an existing picture's place.

use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tower_sessions::Session;

use app::domain::record_ids::ExamCode;
use app::error::AppError;
use app::ssr::access::{caller, gate::Candidate};
use app::ssr::ServerState;
use app::ssr::{candidate::upload_pipeline::store_upload, candidate::upload_pipeline::NewUpload};

use super::error_response;

/// A form has four parts; anything beyond a few more is not a browser talking to us.
const MAX_PARTS: usize = 8;
const MAX_TEXT_FIELD_BYTES: usize = 200;

pub async fn upload_material(State(state): State<ServerState>, session: Session, multipart: Multipart) -> Response {
    let outcome = async {
        let account = caller::from_session::<Candidate>(&session, &state.db).await?;
        // Checked before the body is read: a flood from one account costs a table lookup each.
        state.rate_limits.check_uploader(account.id)?;
        let upload = read_form(multipart, state.max_upload_bytes).await?;
        let view = store_upload(&state, &account, upload).await?;
        tracing::info!(
            user_id = %account.id,
            material = %view.id,
            category = view.category,
            bytes = view.bytes,
            "material stored"
        );
        Ok::<_, AppError>(view)
    }
    .await;
    match outcome {
        Ok(view) => {
            metrics::counter!("zige_uploads_accepted_total").increment(1);
            (StatusCode::CREATED, Json(view)).into_response()
        }
        Err(error) => {
            metrics::counter!("zige_uploads_refused_total", "reason" => refusal_reason(&error)).increment(1);
            error_response(error)
        }
    }
}

/// Why an upload was refused, as a label: the first broken rule of a refused file
/// (`too_large`, `wrong_format`…), otherwise the kind of error (`request too large`, `busy`…).
fn refusal_reason(error: &AppError) -> String {
    match error {
        AppError::FileRefused { violations } => {
            violations.first().map(|v| v.code.as_str()).unwrap_or("file refused").to_string()
        }
        // Their words carry details: the kind alone keeps the series few.
        AppError::BadRequest(_) => "bad request".to_string(),
        AppError::Transport(_) => "transport".to_string(),
        AppError::InvalidField { .. } => "invalid field".to_string(),
        other => other.to_string(),
    }
}

async fn read_form(mut multipart: Multipart, limit_bytes: u64) -> Result<NewUpload, AppError> {
    let multipart_error = |error: MultipartError| multipart_error(error, limit_bytes);
    let (mut exam, mut category, mut seq_no, mut file, mut replaces) = (None, None, None, None, None);
    let mut parts = 0;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::BadRequest(format!("more than {MAX_PARTS} form parts")));
        }
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("picture").to_string();
            let bytes = field.bytes().await.map_err(multipart_error)?;
            // Taken over, not copied: the collected body is held by nothing else.
            file = Some((file_name, Vec::from(bytes)));
            continue;
        }
        let text = field.text().await.map_err(multipart_error)?;
        if text.len() > MAX_TEXT_FIELD_BYTES {
            return Err(AppError::BadRequest(format!("field {name} too long")));
        }
        match name.as_str() {
            "exam" => exam = Some(text),
            "category" => category = Some(text),
            "seq_no" => seq_no = Some(text),
            "replaces" => replaces = Some(text).filter(|t| !t.is_empty()),
            other => return Err(AppError::BadRequest(format!("unexpected field {other}"))),
        }
    }
    let seq_no = seq_no.unwrap_or_default().trim().parse::<u32>().map_err(|_| {
        AppError::invalid_field("seq_no", "请填写顺序号（正整数）", "Enter a sequence number (a whole number)")
    })?;
    let (original_name, bytes) =
        file.ok_or_else(|| AppError::invalid_field("file", "请选择要上传的图片", "Choose a picture to upload"))?;
    Ok(NewUpload {
        exam_code: exam.map(ExamCode::from).ok_or_else(|| AppError::BadRequest("missing exam".into()))?,
        category: category.ok_or_else(|| AppError::BadRequest("missing category".into()))?,
        seq_no,
        original_name,
        bytes,
        replaces,
    })
}

fn multipart_error(error: MultipartError, limit_bytes: u64) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge { limit_bytes }
    } else {
        AppError::BadRequest(error.body_text())
    }
}
