//! GET /api/admin/exams/{code}/on-site.xlsx and .csv: the day at the branch's on-site check (现场报名), one
//! row per approved candidate: passed, not passed (with why), being checked or still to come.

use axum::response::Response;

use app::ssr::on_site::on_site_progress;

use super::exam_export::ExamExport;
use super::spreadsheet::Table;

pub async fn on_site_export(export: ExamExport) -> Response {
    export
        .answer("on-site", |state, definition| async move {
            let rows = on_site_progress::export_rows(&state.db, &definition.code).await?;
            Ok(Table::new(on_site_progress::EXPORT_HEADER, rows))
        })
        .await
}
