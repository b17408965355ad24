//! GET /api/admin/exams/{code}/results.xlsx and .csv: the exam's results for administrators.

use axum::response::Response;

use app::ssr::review::results;

use super::exam_export::ExamExport;
use super::spreadsheet::Table;

pub async fn results_export(export: ExamExport) -> Response {
    export
        .answer("results", |state, definition| async move {
            let rows = results::rows(&state.db, &definition.code).await?;
            Ok(Table::new(results::HEADER, rows.into_iter().map(Vec::from).collect()))
        })
        .await
}
