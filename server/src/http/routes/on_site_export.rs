//! GET /api/admin/exams/{code}/on-site.xlsx and .csv: the day at the branch's on-site check (现场报名), one
//! row per approved candidate: passed, not passed (with why), being checked or still to come.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::ServerState;
use app::ssr::{exams::exam_store, on_site::on_site_progress};

use super::error_response;
use super::spreadsheet::{audited_download, SheetFormat, Table};

pub async fn on_site_export(
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
    let rows = on_site_progress::export_rows(&state.db, code).await?;
    let table = Table::new(on_site_progress::EXPORT_HEADER, rows);
    audited_download(state, &account, code, &format!("{code}-on-site"), format, table).await
}
