//! What a printed ID number is compared with (issue 34): the account's own number, where it is a
//! resident ID (the only kind of number read, on the card's front and on records that print their
//! holder's, issue 55), and the tesseract this server reads it with. Asked when such a picture is
//! first looked at (`picture_assistant`) and when its reading is tried again (`id_number_retry`).

use sea_orm::EntityTrait;

use crate::domain::record_ids::UserId;
use crate::domain::IdType;
use crate::error::AppError;
use crate::ssr::assistant::picture_analysis::IdNumberCheck;
use crate::ssr::entities::user;
use crate::ssr::infra::server_state::ServerState;

/// The account's number to compare with, where it is a resident ID (the only card read) and
/// this server has a tesseract.
pub async fn id_number_check(state: &ServerState, user_id: UserId) -> Result<Option<IdNumberCheck>, AppError> {
    let Some(tesseract) = crate::ssr::assistant::assistant_state::of(state).and_then(|assistant| assistant.tesseract())
    else {
        return Ok(None);
    };
    let owner = user::Entity::find_by_id(user_id).one(&state.db).await?;
    Ok(owner
        .filter(|u| IdType::from_str_code(&u.id_type) == Some(IdType::ResidentId))
        .map(|u| IdNumberCheck { account: u.id_number, tesseract }))
}
