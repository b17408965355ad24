//! GET /api/admin/exams/{code}/listed.xlsx and .csv: the exam's list (seed 004) with each
//! candidate's text, own last day and standing, 逾期放弃 among them.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::ServerState;
use app::ssr::{admin::listed_candidates, exams::exam_store};

use super::error_response;
use super::spreadsheet::{audited_download, SheetFormat, Table};

pub async fn listed_export(
    State(state): State<ServerState>,
    Extension(format): Extension<SheetFormat>,
    session: Session,
    Path(code): Path<String>,
) -> Response {
    export(&state, &session, &code, format).await.unwrap_or_else(error_response)
}

async fn export(state: &ServerState, session: &Session, code: &str, format: SheetFormat) -> Result<Response, AppError> {
    let account = caller::from_session::<Admin>(session, &state.db).await?;
    let definition = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let rows = listed_candidates::export_rows(&state.db, &definition, state.clock.now()).await?;
    let table = Table::new(listed_candidates::EXPORT_HEADER, rows);
    audited_download(state, &account, code, &format!("{code}-listed"), format, table).await
}
