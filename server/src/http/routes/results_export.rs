//! GET /api/admin/exams/{code}/results.xlsx and .csv: the exam's results for administrators.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::ServerState;
use app::ssr::{exams::exam_store, review::results};

use super::error_response;
use super::spreadsheet::{audited_download, SheetFormat, Table};

pub async fn results_export(
    State(state): State<ServerState>,
    Extension(format): Extension<SheetFormat>,
    session: Session,
    Path(code): Path<String>,
) -> Response {
    export(&state, &session, &code, format).await.unwrap_or_else(error_response)
}

async fn export(state: &ServerState, session: &Session, code: &str, format: SheetFormat) -> Result<Response, AppError> {
    let account = caller::from_session::<Admin>(session, &state.db).await?;
    exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let rows = results::rows(&state.db, code).await?;
    let table = Table::new(results::HEADER, rows.into_iter().map(Vec::from).collect());
    audited_download(state, &account, code, &format!("{code}-results"), format, table).await
}
