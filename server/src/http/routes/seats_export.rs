//! GET /api/admin/exams/{code}/seats.xlsx and .csv: the seating list (座位表) — every ticket
//! number with its room, seat and candidate — for the exam hall's entrances on the day and for the exam's records.

use axum::response::Response;

use app::ssr::entities::user;
use app::ssr::tickets::seats_given::seats_with_holders;

use super::exam_export::ExamExport;
use super::spreadsheet::Table;

pub const HEADER: [&str; 6] = ["准考证号", "考场", "座位号", "姓名", "证件号码", "报名号"];

pub async fn seats_export(export: ExamExport) -> Response {
    export
        .answer("seats", |state, definition| async move {
            let seats = seats_with_holders(&state, &definition.code).await?;
            let rows = seats
                .into_iter()
                .map(|(seat, person)| {
                    vec![
                        seat.ticket_no,
                        seat.room_code,
                        seat.seat_no.to_string(),
                        person.as_ref().map_or(String::new(), |p| p.name.clone()),
                        person.as_ref().map_or(String::new(), user::Model::masked_id_number),
                        seat.application_id.to_string(),
                    ]
                })
                .collect();
            Ok(Table::new(HEADER, rows))
        })
        .await
}
