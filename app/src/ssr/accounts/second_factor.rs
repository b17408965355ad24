//! Staff's second step of signing in (等保 2.0 level 3 asks administrators and reviewers for two
//! factors): after the right password, a code from an authenticator app (TOTP, `totp`) or one
//! of the ten recovery codes (`second_factor_recovery`), each taken once. A staff member without
//! an authenticator sets one up at that step (`second_factor_enrolment`). Candidates are never
//! asked.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::domain::record_ids::UserId;
use crate::domain::second_factor_code::SecondFactorCode;
use crate::domain::Role;
use crate::error::AppError;
use crate::ssr::accounts::{second_factor_recovery, totp};
use crate::ssr::entities::{second_factor, user};
use crate::ssr::infra::audit;
use crate::ssr::infra::audit::AuditAction;

/// Whether this account signs in with a second factor: staff, unless the installation turned it
/// off (`ZIGE_STAFF_SECOND_FACTOR=false`, for the server tests).
pub fn required(asked: bool, account: &user::Model) -> bool {
    asked && account.role != Role::Candidate
}

/// The account's authenticator, confirmed or still waiting for its first code.
pub async fn find(db: &impl ConnectionTrait, user_id: UserId) -> Result<Option<second_factor::Model>, AppError> {
    Ok(second_factor::Entity::find().filter(second_factor::Column::UserId.eq(user_id)).one(db).await?)
}

/// Whether the account has a confirmed authenticator.
pub async fn is_enrolled(db: &impl ConnectionTrait, user_id: UserId) -> Result<bool, AppError> {
    Ok(find(db, user_id).await?.is_some_and(|row| row.confirmed_at.is_some()))
}

/// What let a staff member in at the second step.
#[derive(Debug, PartialEq, Eq)]
pub enum CodeAccepted {
    Authenticator,
    /// A recovery code, with how many are left.
    RecoveryCode {
        left: u64,
    },
}

/// The second step of signing in, at the account's confirmed authenticator `row`: a code of a
/// later step than the last one taken (a code is taken once, RFC 6238 §5.2), or an unused
/// recovery code (audited).
pub async fn check(
    db: &impl ConnectionTrait,
    account: &user::Model,
    row: &second_factor::Model,
    code: &SecondFactorCode,
    now: DateTime<Utc>,
) -> Result<CodeAccepted, AppError> {
    match code {
        SecondFactorCode::Totp(digits) => {
            let step = totp::matched_step(&row.secret, digits, now)?.ok_or_else(wrong_code)?;
            // Taken only when later than the last step taken: the same code sent twice, or at
            // once from two places, lets one of them in.
            let taken = second_factor::Entity::update_many()
                .col_expr(second_factor::Column::LastStep, Expr::value(step))
                .filter(second_factor::Column::Id.eq(row.id))
                .filter(
                    sea_orm::Condition::any()
                        .add(second_factor::Column::LastStep.is_null())
                        .add(second_factor::Column::LastStep.lt(step)),
                )
                .exec(db)
                .await?;
            if taken.rows_affected == 0 {
                return Err(wrong_code());
            }
            Ok(CodeAccepted::Authenticator)
        }
        SecondFactorCode::Recovery(typed) => {
            let left = second_factor_recovery::spend(db, account.id, typed, now).await?.ok_or_else(wrong_code)?;
            audit::record(
                db,
                Some(account),
                AuditAction::SecondFactorRecoveryCodeUsed,
                &audit::actor_label(account),
                &format!("signed in with a recovery code; {left} left"),
                now,
            )
            .await?;
            Ok(CodeAccepted::RecoveryCode { left })
        }
    }
}

/// Sets up an authenticator with a secret that is already known, confirmed at once: only the
/// demo data does this, for its staff accounts, whose secrets are published with their passwords.
pub async fn enrol_published_secret(
    db: &impl ConnectionTrait,
    user_id: UserId,
    secret_base32: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match find(db, user_id).await? {
        Some(row) if row.confirmed_at.is_some() => return Ok(()),
        // The enrolment the new account was opened with gives way to the published secret.
        Some(_) => {
            remove(db, user_id).await?;
        }
        None => {}
    }
    insert(db, user_id, secret_base32.to_string(), Some(now), now).await?;
    Ok(())
}

/// A new authenticator row: `confirmed_at` None while enrolment waits for its first code.
pub(super) async fn insert(
    db: &impl ConnectionTrait,
    user_id: UserId,
    secret: String,
    confirmed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<second_factor::Model, sea_orm::DbErr> {
    second_factor::ActiveModel {
        user_id: Set(user_id),
        secret: Set(secret),
        confirmed_at: Set(confirmed_at),
        last_step: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Removes the account's authenticator and recovery codes: its owner enrols again at the next
/// sign-in. The caller ends the account's sessions and audits.
pub async fn remove(db: &impl ConnectionTrait, user_id: UserId) -> Result<bool, AppError> {
    let removed =
        second_factor::Entity::delete_many().filter(second_factor::Column::UserId.eq(user_id)).exec(db).await?;
    second_factor_recovery::forget(db, user_id).await?;
    Ok(removed.rows_affected > 0)
}

pub(super) fn wrong_code() -> AppError {
    AppError::invalid_field(
        "code",
        "验证码不正确或已经用过，请输入验证器上最新显示的 6 位数字",
        "The code is wrong or was used already; type the newest 6 digits your authenticator shows",
    )
}

pub(super) fn already_enrolled() -> AppError {
    AppError::invalid_field(
        "code",
        "两步验证已经设置；手机丢失时请用恢复码登录，或请管理员重置",
        "Two-step sign-in is already set up; if the phone is lost, use a recovery code or ask an administrator to reset it",
    )
}

pub(super) fn not_enrolled() -> AppError {
    AppError::invalid_field(
        "code",
        "尚未设置两步验证，请先用验证器扫描二维码",
        "Two-step sign-in is not set up yet; scan the QR code with your authenticator first",
    )
}
