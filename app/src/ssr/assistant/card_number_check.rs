//! What a printed ID number is compared with (issue 34): the account's own number, where it is a
//! resident ID (the only kind of number read, on the card's front and on records that print their
//! holder's, issue 55), and the tesseract this server reads it with. Asked when such a picture is
//! first looked at (`picture_assistant`) and when its reading is tried again (`id_number_retry`).

use sea_orm::{DatabaseConnection, EntityTrait};

use crate::domain::record_ids::UserId;
use crate::domain::IdType;
use crate::error::AppError;
use crate::ssr::assistant::picture_analysis::IdNumberCheck;
use crate::ssr::entities::user;
use crate::ssr::infra::server_state::ServerState;

/// The account's number to compare with, where it is a resident ID (the only card read) and
/// this server has a tesseract.
pub async fn id_number_check(state: &ServerState, user_id: UserId) -> Result<Option<IdNumberCheck>, AppError> {
    let Some(tesseract) = crate::ssr::assistant::assistant_state::tesseract_of(state) else {
        return Ok(None);
    };
    Ok(resident_id_number(&state.db, user_id).await?.map(|account| IdNumberCheck { account, tesseract }))
}

/// The account's ID number, where it is a resident ID: the only kind of number the assistant
/// reads, and the one a record's 证书编号 is told from.
pub async fn resident_id_number(db: &DatabaseConnection, user_id: UserId) -> Result<Option<String>, AppError> {
    let owner = user::Entity::find_by_id(user_id).one(db).await?;
    Ok(owner.filter(|u| IdType::from_str_code(&u.id_type) == Some(IdType::ResidentId)).map(|u| u.id_number))
}
