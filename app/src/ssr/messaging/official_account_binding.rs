//! Which follower of the authority's 公众号 a candidate's news goes to (seeds 001/003's
//! "公众号信息反馈"). Bound by the candidate through the 公众号's web authorisation, unbound by
//! them on 个人信息. An openid is one account's: binding it from a second account moves it there,
//! so one WeChat never gets two people's news; an account bound again takes the new openid.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::ssr::entities::official_account_binding;
use crate::ssr::infra::write_transaction::begin_write;

/// Binds `openid` to the account, taking it from any other.
pub async fn bind(
    db: &sea_orm::DatabaseConnection,
    user_id: UserId,
    openid: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    official_account_binding::Entity::delete_many()
        .filter(official_account_binding::Column::Openid.eq(openid))
        .filter(official_account_binding::Column::UserId.ne(user_id))
        .exec(&txn)
        .await?;
    official_account_binding::Entity::insert(official_account_binding::ActiveModel {
        user_id: Set(user_id),
        openid: Set(openid.to_string()),
        bound_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(official_account_binding::Column::UserId)
            .update_columns([official_account_binding::Column::Openid, official_account_binding::Column::BoundAt])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The account's news no longer goes to the 公众号 (nothing queued already is taken back).
pub async fn unbind(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), AppError> {
    official_account_binding::Entity::delete_by_id(user_id).exec(db).await?;
    Ok(())
}

/// The follower the account's news goes to, and since when.
pub async fn binding_of(
    db: &impl ConnectionTrait,
    user_id: UserId,
) -> Result<Option<official_account_binding::Model>, AppError> {
    Ok(official_account_binding::Entity::find_by_id(user_id).one(db).await?)
}
