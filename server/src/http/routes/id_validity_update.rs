//! POST /account/id-validity: 个人信息's 证件有效期 form (seed 002), a candidate's renewed document's
//! last valid day (or 长期), judged by `IdValidity::parse` as at sign-up; answered by 个人信息 at
//! the card, saying saved, or by a plain page naming what was wrong, nothing changed.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::domain::china_day::china_day_of;
use app::domain::id_validity::{IdValidity, LONG_TERM};
use app::ssr::access::{caller, gate::Candidate};
use app::ssr::accounts::account_store;
use app::ssr::ServerState;

use super::error_response;
use super::plain_page::{plain_page, WayBack};

pub async fn update_id_validity(State(state): State<ServerState>, session: Session, mut form: Multipart) -> Response {
    let account = match caller::from_session::<Candidate>(&session, &state.db).await {
        Ok(account) => account,
        Err(error) => return error_response(error),
    };
    // The day typed and the 长期 box share the field's name; the box wins when ticked.
    let mut given = Vec::new();
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("id_valid_until") {
            given.push(field.text().await.unwrap_or_default());
        }
    }
    let text = if given.iter().any(|v| v == LONG_TERM) { LONG_TERM.to_string() } else { given.concat() };
    let validity = match IdValidity::parse(&text, china_day_of(state.clock.now())) {
        Ok(validity) => validity,
        Err(wrong) => {
            let back = WayBack { href: "/account#id-validity", words: "返回个人信息 · Back" };
            return plain_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "证件有效期",
                &wrong.message_zh,
                &wrong.message_en,
                back,
            );
        }
    };
    match account_store::set_id_validity(&state.db, account.id, validity).await {
        Ok(()) => Redirect::to("/account?id_validity=saved#id-validity").into_response(),
        Err(error) => error_response(error),
    }
}
