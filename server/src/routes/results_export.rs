//! GET /api/admin/exams/{code}/results.csv and .xlsx: the exam's results for administrators.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::ServerState;
use app::ssr::{access::session_user::require_role, access::session_user::user_from_session};
use app::ssr::{exams::exam_store, review::results};

use super::error_response;

pub async fn results_csv(State(state): State<ServerState>, session: Session, Path(code): Path<String>) -> Response {
    match export(&state, &session, &code, to_csv).await {
        Ok(bytes) => download(bytes, "text/csv; charset=utf-8", &format!("{code}-results.csv")),
        Err(error) => error_response(error),
    }
}

pub async fn results_xlsx(State(state): State<ServerState>, session: Session, Path(code): Path<String>) -> Response {
    match export(&state, &session, &code, to_xlsx).await {
        Ok(bytes) => download(
            bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{code}-results.xlsx"),
        ),
        Err(error) => error_response(error),
    }
}

/// Turns the result rows into a file's bytes (CSV or .xlsx).
type Encoder = fn(&[[String; 8]]) -> Result<Vec<u8>, String>;

async fn export(state: &ServerState, session: &Session, code: &str, encode: Encoder) -> Result<Vec<u8>, AppError> {
    let account = user_from_session(session, &state.db).await?;
    require_role(&account, app::domain::Role::Admin)?;
    let definition = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let rows = results::rows(&state.db, code, definition.windows.offset()).await?;
    encode(&rows).map_err(|e| app::ssr::internal("results export", e))
}

/// UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly.
fn to_csv(rows: &[[String; 8]]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(results::HEADER).map_err(|e| e.to_string())?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| inert_cell(cell).into_owned())).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// A cell Excel will show as text and never run: a value that begins like a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so a name typed as
/// `=HYPERLINK(…)` stays a name. (The .xlsx export writes typed strings and needs no such care.)
fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn to_xlsx(rows: &[[String; 8]]) -> Result<Vec<u8>, String> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (col, title) in results::HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold).map_err(|e| e.to_string())?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            // Text, never numbers: an 18-digit ID number would lose its last digits as a number.
            sheet.write_string(r as u32 + 1, col as u16, value).map_err(|e| e.to_string())?;
        }
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

fn download(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
            (header::CACHE_CONTROL, "no-store, private".to_string()),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_starts_like_a_formula_is_kept_as_text() {
        assert_eq!(inert_cell("=HYPERLINK(\"http://evil\",\"点我\")"), "'=HYPERLINK(\"http://evil\",\"点我\")");
        assert_eq!(inert_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert_cell("+86 138"), "'+86 138");
    }

    #[test]
    fn ordinary_names_and_numbers_are_left_alone() {
        assert_eq!(inert_cell("李明"), "李明");
        assert_eq!(inert_cell("44030519900101123X"), "44030519900101123X");
    }
}
