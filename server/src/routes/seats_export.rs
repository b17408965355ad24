//! GET /api/admin/exams/{code}/seats.xlsx and .csv: the seating list (座位表) — every ticket
//! number with its room, seat and candidate — for the exam hall's entrances on the day and for the exam's records.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use app::error::AppError;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::entities::{application, user};
use app::ssr::tickets::seating::seats_of;
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
    let seats = seats_of(state, code).await?;
    let ids: Vec<i32> = seats.iter().map(|s| s.application_id).collect();
    let owners: HashMap<i32, i32> = application::Entity::find()
        .filter(application::Column::Id.is_in(ids))
        .all(&state.db)
        .await
        .map_err(|e| app::ssr::internal("seats owners", e))?
        .into_iter()
        .map(|a| (a.id, a.user_id))
        .collect();
    let people: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(owners.values().copied()))
        .all(&state.db)
        .await
        .map_err(|e| app::ssr::internal("seats people", e))?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let rows = seats
        .into_iter()
        .map(|seat| {
            let person = owners.get(&seat.application_id).and_then(|id| people.get(id));
            vec![
                seat.ticket_no,
                seat.room_code,
                seat.seat_no.to_string(),
                person.map_or(String::new(), |p| p.name.clone()),
                person.map_or(String::new(), user::Model::masked_id_number),
                seat.application_id.to_string(),
            ]
        })
        .collect();
    audited_download(state, &account, code, &format!("{code}-seats"), format, Table::new(HEADER, rows)).await
}
