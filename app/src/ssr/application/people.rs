//! The people an application, a picture or a queue row names, looked up once for a page.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::ssr::entities::user;

/// The accounts of `ids`, by id; an id with no account is simply absent.
pub async fn names_of(db: &DatabaseConnection, ids: Vec<UserId>) -> Result<HashMap<UserId, user::Model>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let people = user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?;
    Ok(people.into_iter().map(|p| (p.id, p)).collect())
}
