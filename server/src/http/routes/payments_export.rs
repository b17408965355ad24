//! GET /api/admin/exams/{code}/payments.xlsx (or .csv) ?day=YYYY-MM-DD: the day's reconciliation
//! (对账单).

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;
use tower_sessions::Session;

use app::domain::record_ids::ExamCode;
use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::payments::reconciliation;
use app::ssr::ServerState;

use super::error_response;
use super::spreadsheet::{audited_download, SheetFormat, Table};

#[derive(Deserialize)]
pub struct Day {
    day: String,
}

pub async fn payments_export(
    State(state): State<ServerState>,
    Extension(format): Extension<SheetFormat>,
    session: Session,
    Path(code): Path<ExamCode>,
    Query(day): Query<Day>,
) -> Response {
    export(&state, &session, &code, &day.day, format).await.unwrap_or_else(error_response)
}

async fn export(
    state: &ServerState,
    session: &Session,
    code: &ExamCode,
    day: &str,
    format: SheetFormat,
) -> Result<Response, AppError> {
    let account = caller::from_session::<Admin>(session, &state.db).await?;
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
        AppError::invalid_field("day", "日期格式应为 2026-11-23", "The day must be written like 2026-11-23")
    })?;
    let rows = reconciliation::rows(state, &account, code, day).await?;
    let table = Table::new(reconciliation::HEADER, rows.into_iter().map(Vec::from).collect());
    audited_download(state, &account, code.as_str(), &format!("{code}-payments-{day}"), format, table).await
}
