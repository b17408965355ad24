//! A wrong second-factor code means someone has the password: the owner is told at the day's
//! first, and past `WRONG_CODES_PER_DAY` the authenticator locks until an administrator resets
//! it. Counted in the database, so a restart gives a guesser no fresh budget (issue 50); the
//! token buckets of `rate_limits` pace the guesses in between.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::error::AppError;
use crate::ssr::entities::{second_factor, user};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::clock::china_today;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::messaging::notifications::{tell, News};

/// A person mistyping now and then stays far below it; a guesser reaches it in a day.
pub const WRONG_CODES_PER_DAY: i32 = 20;

/// Refuses every code of a locked authenticator, the right one too.
pub fn refuse_if_locked(row: &second_factor::Model) -> Result<(), AppError> {
    match row.locked_at {
        None => Ok(()),
        Some(_) => Err(AppError::invalid_field(
            "code",
            format!("今天两步验证码已错 {WRONG_CODES_PER_DAY} 次，已锁定；请联系管理员重置两步验证"),
            format!(
                "{WRONG_CODES_PER_DAY} wrong codes today: two-step sign-in is locked; ask an administrator to reset it"
            ),
        )),
    }
}

/// Counts one wrong code at `row`; tells the owner at the day's first, and locks at the cap.
/// Counted by the database (`wrong_codes + 1`, or 1 on a new day), so parallel guesses each
/// count: a count read, raised and written back would lose all but one of them.
pub async fn count<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    account: &user::Model,
    row: &second_factor::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let fail = |e| crate::ssr::internal("wrong codes count", e);
    let today = china_today(now).to_string();
    let txn = begin_write(db).await?;
    let raised = Expr::case(
        Expr::col(second_factor::Column::WrongCodesOn).eq(today.as_str()),
        Expr::col(second_factor::Column::WrongCodes).add(1),
    )
    .finally(1);
    second_factor::Entity::update_many()
        .col_expr(second_factor::Column::WrongCodes, raised.into())
        .col_expr(second_factor::Column::WrongCodesOn, Expr::value(Some(today)))
        .filter(second_factor::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    let counted = second_factor::Entity::find_by_id(row.id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let count = counted.wrong_codes;
    // Locked once: only the guess that locks it tells the owner so.
    let locks = count >= WRONG_CODES_PER_DAY
        && second_factor::Entity::update_many()
            .col_expr(second_factor::Column::LockedAt, Expr::value(Some(now)))
            .filter(second_factor::Column::Id.eq(row.id))
            .filter(second_factor::Column::LockedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
    if count == 1 || locks {
        let (message_zh, message_en) = if locks {
            let detail = format!("{WRONG_CODES_PER_DAY} wrong second-factor codes today: locked");
            audit::record(&txn, None, AuditAction::FailedLogin, &audit::actor_label(account), &detail, now).await?;
            (
                format!("今天有人用您的密码登录并输错两步验证码 {WRONG_CODES_PER_DAY} 次，两步验证已锁定。请立即修改密码，并请管理员重置两步验证。"),
                format!("Someone signed in with your password and typed {WRONG_CODES_PER_DAY} wrong codes today: two-step sign-in is locked. Change your password now and ask an administrator to reset it."),
            )
        } else {
            (
                format!("有人用您的密码登录，但两步验证码不正确（{}）。如非本人操作，请立即修改密码并告知管理员。", crate::domain::china_time::china_time(now).zh()),
                format!("Someone signed in with your password but typed a wrong two-step code ({}). If it was not you, change your password now and tell an administrator.", crate::domain::china_time::china_time(now).en()),
            )
        };
        let news = News {
            recipient: account,
            message_zh,
            message_en,
            link: "/account".to_string(),
            at: now,
            visible_from: now,
            held_for_results_of: None,
            // No gateway template says it: on the page and by email.
            text: None,
        };
        tell(&txn, news).await?;
    }
    txn.commit().await.map_err(fail)
}
