//! GET /api/admin/exams/{code}/seats.xlsx and .csv: the seating list (座位表) — every ticket
//! number with its room, seat and candidate — for the exam hall's entrances on the day and for the exam's records.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::entities::user;
use app::ssr::tickets::seats_given::seats_with_holders;
use app::ssr::ServerState;

use super::error_response;
use super::spreadsheet::{audited_download, SheetFormat, Table};

pub const HEADER: [&str; 6] = ["准考证号", "考场", "座位号", "姓名", "证件号码", "报名号"];

pub async fn seats_export(
    State(state): State<ServerState>,
    Extension(format): Extension<SheetFormat>,
    session: Session,
    Path(code): Path<String>,
) -> Response {
    export(&state, &session, &code, format).await.unwrap_or_else(error_response)
}

async fn export(state: &ServerState, session: &Session, code: &str, format: SheetFormat) -> Result<Response, AppError> {
    let account = caller::from_session::<Admin>(session, &state.db).await?;
    let seats = seats_with_holders(state, code).await?;
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
    audited_download(state, &account, code, &format!("{code}-seats"), format, Table::new(HEADER, rows)).await
}
