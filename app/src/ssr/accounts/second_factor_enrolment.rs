//! Setting up a staff member's authenticator at their first sign-in: the secret offered (the
//! same one until it is confirmed, as a QR code and as text), then the first right code, which
//! confirms it and issues the ten recovery codes.
//!
//! Enrolment is opened when a staff account is made or its second factor reset, and closes 24
//! hours later (issue 50): whoever is first past the password enrols the authenticator, so a
//! password learnt later must not find an account still waiting for one. Past the window an
//! administrator resets the second factor, which opens it again.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::domain::record_ids::UserId;
use crate::domain::second_factor_code::SecondFactorCode;
use crate::error::AppError;
use crate::models::account::SecondFactorEnrolment;
use crate::ssr::accounts::second_factor::{already_enrolled, find, insert, wrong_code};
use crate::ssr::accounts::{second_factor_recovery, totp};
use crate::ssr::entities::{second_factor, user};
use crate::ssr::infra::audit;
use crate::ssr::infra::audit::AuditAction;
use crate::ssr::infra::inline_qr_svg::inline_qr_svg;
use crate::ssr::infra::write_transaction::begin_write;

/// Enrolment's first half: the secret for the app, the same one until it is confirmed (a
/// reloaded page shows the code already scanned).
pub async fn begin_enrolment(
    db: &impl ConnectionTrait,
    account: &user::Model,
    now: DateTime<Utc>,
) -> Result<SecondFactorEnrolment, AppError> {
    let secret = match find(db, account.id).await? {
        Some(row) if row.confirmed_at.is_some() => return Err(already_enrolled()),
        Some(row) => still_open(&row, now)?.secret.clone(),
        None => return Err(enrolment_closed()),
    };
    let label = format!("{} {}", account.name, account.masked_id_number());
    let otpauth_url = totp::otpauth_url(&secret, &label)?;
    Ok(SecondFactorEnrolment { qr_svg: inline_qr_svg(&otpauth_url)?, secret: grouped(&secret), otpauth_url })
}

/// Enrolment's second half, at the account's unconfirmed authenticator `row`: the first right
/// code confirms it; ten recovery codes are issued and returned (shown this once); audited.
pub async fn confirm_enrolment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    account: &user::Model,
    row: &second_factor::Model,
    code: &SecondFactorCode,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let SecondFactorCode::Totp(digits) = code else {
        return Err(AppError::invalid_field(
            "code",
            "设置时请输入验证器显示的 6 位数字",
            "To set up, type the 6 digits your authenticator shows",
        ));
    };
    still_open(row, now)?;
    let step = totp::matched_step(&row.secret, digits, now)?.ok_or_else(wrong_code)?;
    let txn = begin_write(db).await?;
    let confirmed = second_factor::Entity::update_many()
        .col_expr(second_factor::Column::ConfirmedAt, Expr::value(now))
        .col_expr(second_factor::Column::LastStep, Expr::value(step))
        .filter(second_factor::Column::Id.eq(row.id))
        // Two first codes sent at once: one of them confirms it.
        .filter(second_factor::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if confirmed.rows_affected == 0 {
        return Err(already_enrolled());
    }
    let codes = second_factor_recovery::issue(&txn, account.id, now).await?;
    audit::record(
        &txn,
        Some(account),
        AuditAction::SecondFactorEnrolled,
        &audit::actor_label(account),
        "authenticator confirmed; ten recovery codes issued",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(codes)
}

/// How long after a staff account is made, or its second factor reset, its owner may enrol.
pub const ENROLMENT_WINDOW_HOURS: i64 = 24;

/// Opens enrolment for a staff account (new, or reset): an unconfirmed authenticator with a new
/// secret, which its owner has `ENROLMENT_WINDOW_HOURS` to confirm.
pub async fn open_enrolment(db: &impl ConnectionTrait, user_id: UserId, now: DateTime<Utc>) -> Result<(), AppError> {
    insert(db, user_id, totp::new_secret(), None, now).await?;
    Ok(())
}

fn still_open(row: &second_factor::Model, now: DateTime<Utc>) -> Result<&second_factor::Model, AppError> {
    if now - row.created_at <= chrono::Duration::hours(ENROLMENT_WINDOW_HOURS) {
        Ok(row)
    } else {
        Err(enrolment_closed())
    }
}

fn enrolment_closed() -> AppError {
    AppError::invalid_field(
        "code",
        format!("两步验证须在账号开通或重置后 {ENROLMENT_WINDOW_HOURS} 小时内设置，现已过期限；请联系管理员重置两步验证"),
        format!(
            "Two-step sign-in must be set up within {ENROLMENT_WINDOW_HOURS} hours of the account being made or reset, and that time has passed; ask an administrator to reset it"
        ),
    )
}

/// The secret in groups of four, as people type it into an app by hand.
fn grouped(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|chunk| String::from_utf8_lossy(chunk).into_owned()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_shown_in_groups_of_four() {
        assert_eq!(grouped("GEZDGNBVGY3TQOJQ"), "GEZD GNBV GY3T QOJQ");
    }
}
