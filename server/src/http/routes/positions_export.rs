//! GET /api/exams/{code}/positions.xlsx: 《岗位及其资格条件一览表》 as a candidate downloads it
//! from the table's page (seed 002), in both languages. Public, as the page is.

use axum::extract::{Path, State};
use axum::response::Response;

use app::domain::record_ids::ExamCode;
use app::ssr::exams::positions_table::positions_table;
use app::ssr::ServerState;

use super::error_response;
use super::spreadsheet::{download, SheetFormat, Table};

pub const HEADER: [&str; 7] = ["单位", "职位代码", "职位名称", "资格条件", "Unit", "Position", "Requirements"];

pub async fn positions_export(State(state): State<ServerState>, Path(code): Path<ExamCode>) -> Response {
    let made = async {
        let table = positions_table(&state, &code).await?;
        let rows = table
            .rows
            .into_iter()
            .map(|row| {
                vec![
                    row.unit_zh,
                    row.code,
                    row.name_zh,
                    row.requirements_zh,
                    row.unit_en,
                    row.name_en,
                    row.requirements_en,
                ]
            })
            .collect();
        download(&format!("{}-positions", table.exam_code), SheetFormat::Xlsx, &Table::new(HEADER, rows))
    };
    made.await.unwrap_or_else(error_response)
}
