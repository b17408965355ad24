//! A wrong second-factor code means someone has the password: the owner is told at the day's
//! first, and past `WRONG_CODES_PER_DAY` the authenticator locks until an administrator resets
//! it. Counted in the database, so a restart gives a guesser no fresh budget (issue 50); the
//! token buckets of `rate_limits` pace the guesses in between.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionTrait};

use crate::error::AppError;
use crate::ssr::entities::{second_factor, user};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::clock::china_today;
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
pub async fn count<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    account: &user::Model,
    row: &second_factor::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let fail = |e| crate::ssr::internal("wrong codes count", e);
    let today = china_today(now).to_string();
    let count = if row.wrong_codes_on.as_deref() == Some(today.as_str()) { row.wrong_codes + 1 } else { 1 };
    let locks = count >= WRONG_CODES_PER_DAY;
    let txn = db.begin().await?;
    let mut counted: second_factor::ActiveModel = row.clone().into();
    counted.wrong_codes_on = Set(Some(today));
    counted.wrong_codes = Set(count);
    if locks {
        counted.locked_at = Set(Some(now));
    }
    counted.update(&txn).await?;
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
                format!("有人用您的密码登录，但两步验证码不正确（{}）。如非本人操作，请立即修改密码并告知管理员。", crate::domain::exam_windows::format_utc(&now)),
                format!("Someone signed in with your password but typed a wrong two-step code ({}). If it was not you, change your password now and tell an administrator.", crate::domain::exam_windows::format_utc(&now)),
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
            // No provider template says it: on the page and by email.
            text: None,
        };
        tell(&txn, news).await?;
    }
    txn.commit().await.map_err(fail)
}
