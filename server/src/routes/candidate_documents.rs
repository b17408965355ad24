//! GET /api/exams/{code}/receipt.pdf: the signed-in candidate's 上传回执 (their own files only).

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use tokio::sync::OnceCell;
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::session_user::user_from_session;
use app::ssr::ServerState;

use crate::documents::fonts::DocumentFonts;
use crate::documents::upload_receipt::receipt_pdf;

use super::error_response;

/// The document fonts, loaded on first use (60 MB of Noto CJK that a server printing nothing need
/// not read); a missing font folder is said on every request until it is installed.
#[derive(Clone)]
pub struct FontCell {
    pub dir: PathBuf,
    pub fonts: Arc<OnceCell<Arc<DocumentFonts>>>,
}

impl FontCell {
    pub async fn get(&self) -> Result<Arc<DocumentFonts>, AppError> {
        let dir = self.dir.clone();
        self.fonts
            .get_or_try_init(|| async move {
                tokio::task::spawn_blocking(move || DocumentFonts::load(&dir).map(Arc::new))
                    .await
                    .map_err(|e| e.to_string())?
            })
            .await
            .cloned()
            .map_err(|e| app::ssr::internal("document fonts", e))
    }
}

pub async fn upload_receipt(
    State(state): State<ServerState>,
    Extension(fonts): Extension<FontCell>,
    session: Session,
    Path(code): Path<String>,
) -> Response {
    let made = async {
        let account = user_from_session(&session, &state.db).await?;
        receipt_pdf(&state, fonts.get().await?, &account, &code).await
    };
    match made.await {
        Ok(pdf) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, format!("inline; filename=\"{code}-upload-receipt.pdf\"")),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            pdf,
        )
            .into_response(),
        Err(error) => error_response(error),
    }
}
