//! GET /api/admin/exams/{code}/listed.xlsx and .csv: the exam's list (seed 004) with each
//! candidate's text, own last day and standing, 逾期放弃 among them.

use axum::response::Response;

use app::ssr::admin::listed_candidates;

use super::exam_export::ExamExport;
use super::spreadsheet::Table;

pub async fn listed_export(export: ExamExport) -> Response {
    export
        .answer("listed", |state, definition| async move {
            let rows = listed_candidates::export_rows(&state.db, &definition, state.clock.now()).await?;
            Ok(Table::new(listed_candidates::EXPORT_HEADER, rows))
        })
        .await
}
