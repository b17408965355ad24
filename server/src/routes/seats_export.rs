//! GET /api/admin/exams/{code}/seats.csv: the seating list (座位表) — every ticket number with its
//! room, seat and candidate — for the doors on the day and for the exam's records.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use app::domain::Role;
use app::error::AppError;
use app::ssr::access::session_user::{require_role, user_from_session};
use app::ssr::entities::{application, user};
use app::ssr::tickets::seating::seats_of;
use app::ssr::ServerState;

use super::error_response;

pub const HEADER: [&str; 6] = ["准考证号", "考场", "座位号", "姓名", "证件号码", "报名号"];

pub async fn seats_csv(State(state): State<ServerState>, session: Session, Path(code): Path<String>) -> Response {
    match export(&state, &session, &code).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{code}-seats.csv\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => error_response(error),
    }
}

async fn export(state: &ServerState, session: &Session, code: &str) -> Result<Vec<u8>, AppError> {
    let account = user_from_session(session, &state.db).await?;
    require_role(&account, Role::Admin)?;
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
    // UTF-8 with a byte-order mark, so Excel opens the Chinese headings correctly.
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(HEADER).map_err(|e| app::ssr::internal("seats csv", e))?;
    for seat in seats {
        let person = owners.get(&seat.application_id).and_then(|id| people.get(id));
        writer
            .write_record([
                seat.ticket_no.clone(),
                seat.room_code.clone(),
                seat.seat_no.to_string(),
                person.map_or(String::new(), |p| p.name.clone()),
                person.map_or(String::new(), user::Model::masked_id_number),
                seat.application_id.to_string(),
            ])
            .map_err(|e| app::ssr::internal("seats csv", e))?;
    }
    writer.into_inner().map_err(|e| app::ssr::internal("seats csv", e))
}
