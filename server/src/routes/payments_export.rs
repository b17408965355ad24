//! GET /api/admin/exams/{code}/payments.csv?day=YYYY-MM-DD: the day's reconciliation (对账单).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::session_user::user_from_session;
use app::ssr::payments::reconciliation;
use app::ssr::ServerState;

use super::error_response;

#[derive(Deserialize)]
pub struct Day {
    day: String,
}

pub async fn payments_csv(
    State(state): State<ServerState>,
    session: Session,
    Path(code): Path<String>,
    Query(day): Query<Day>,
) -> Response {
    match export(&state, &session, &code, &day.day).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{code}-payments-{}.csv\"", day.day)),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => error_response(error),
    }
}

async fn export(state: &ServerState, session: &Session, code: &str, day: &str) -> Result<Vec<u8>, AppError> {
    let account = user_from_session(session, &state.db).await?;
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
        AppError::invalid_field("day", "日期格式应为 2026-11-23", "The day must be written like 2026-11-23")
    })?;
    let rows = reconciliation::rows(state, &account, code, day).await?;
    // UTF-8 with a byte-order mark, so Excel opens the Chinese headings correctly.
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(reconciliation::HEADER).map_err(|e| app::ssr::internal("payments csv", e))?;
    for row in rows {
        writer.write_record(row).map_err(|e| app::ssr::internal("payments csv", e))?;
    }
    writer.into_inner().map_err(|e| app::ssr::internal("payments csv", e))
}
