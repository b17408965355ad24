//! Every change to a candidate's application or pictures starts, inside its transaction, by
//! claiming the application row: an UPDATE that succeeds only while the application is in a
//! state that allows the change. The claim holds the row (PostgreSQL's row lock, SQLite's write
//! lock) until the transaction ends, so an upload, a delete, a reorder or a 暂存 racing 提交审核
//! either lands before the submission locks everything, or finds it submitted and is refused.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::domain::record_ids::ApplicationId;
use crate::domain::Change;
use crate::error::AppError;
use crate::ssr::entities::application;

/// Claims application `id` for `change`, in the states the life cycle allows it from. Must be the
/// first statement of the transaction (SQLite refuses to upgrade a transaction that has already
/// read).
pub async fn claim(
    db: &impl ConnectionTrait,
    id: ApplicationId,
    change: Change,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let claimed = application::Entity::update_many()
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::State.is_in(change.allowed_from().iter().copied()))
        .exec(db)
        .await?;
    if claimed.rows_affected == 1 {
        return Ok(());
    }
    let current = application::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    Err(if current.state.is_open_to_candidate() { AppError::NotUnlocked } else { AppError::Locked })
}
