//! POST /api/admin/exams/{code}/examples: an administrator adds an example picture (上传示例) to an
//! exam, as a plain multipart form (`file`; optional `name`), so it works without scripts. The
//! answer sends the browser back to the exam's admin page with the outcome in the query.

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::domain::record_ids::ExamCode;
use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::infra::audit;
use app::ssr::infra::audit::AuditAction;
use app::ssr::ServerState;
use app::ssr::{exams::exam_examples::add_example, exams::exam_examples::MAX_EXAMPLE_BYTES};

use super::error_response;

pub async fn upload_example(
    State(state): State<ServerState>,
    session: Session,
    Path(code): Path<ExamCode>,
    multipart: Multipart,
) -> Response {
    let outcome = async {
        let account = caller::from_session::<Admin>(&session, &state.db).await?;
        let (name, bytes) = read_form(multipart).await?;
        let file = add_example(&state.db, state.blobs.as_ref(), &code, &name, bytes).await?;
        tracing::info!(admin = %account.id, exam = %code, file, "example added");
        audit::record(
            &state.db,
            Some(account.account()),
            AuditAction::ExampleAdded,
            &format!("exam {code}"),
            &format!("example picture {file}"),
            state.clock.now(),
        )
        .await?;
        Ok(file)
    }
    .await;
    // Exam codes are lower-case letters, digits, - and _: safe in a path as they are.
    let back = |pairs: &[(&str, &str)]| {
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        Redirect::to(&format!("/admin/exams/{code}?{query}")).into_response()
    };
    match outcome {
        Ok(file) => back(&[("example_added", &file)]),
        Err(AppError::InvalidField { message_zh, message_en, .. }) => {
            back(&[("example_error_zh", &message_zh), ("example_error_en", &message_en)])
        }
        Err(error) => error_response(error),
    }
}

async fn read_form(mut multipart: Multipart) -> Result<(String, Vec<u8>), AppError> {
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.body_text());
    let (mut name, mut file) = (None::<String>, None::<(String, Vec<u8>)>);
    for _ in 0..4 {
        let Some(field) = multipart.next_field().await.map_err(bad)? else { break };
        match field.name().unwrap_or_default() {
            "name" => name = Some(field.text().await.map_err(bad)?.trim().to_string()).filter(|n| !n.is_empty()),
            "file" => {
                let original = field.file_name().unwrap_or("example.jpg").to_string();
                let bytes = field.bytes().await.map_err(bad)?;
                if bytes.len() > MAX_EXAMPLE_BYTES + 1 {
                    return Err(AppError::TooLarge { limit_bytes: MAX_EXAMPLE_BYTES as u64 });
                }
                file = Some((original, bytes.to_vec()));
            }
            _ => return Err(AppError::BadRequest("unexpected field".into())),
        }
    }
    let (original, bytes) = file
        .filter(|(_, b)| !b.is_empty())
        .ok_or_else(|| AppError::invalid_field("file", "请选择示例图片", "Choose an example picture"))?;
    Ok((name.unwrap_or(original).to_ascii_lowercase().replace(' ', "-"), bytes))
}
