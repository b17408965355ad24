//! Setting up a staff member's authenticator at their first sign-in: the secret offered (the
//! same one until it is confirmed, as a QR code and as text), then the first right code, which
//! confirms it and issues the ten recovery codes.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::domain::second_factor_code::SecondFactorCode;
use crate::error::AppError;
use crate::models::account::SecondFactorEnrolment;
use crate::ssr::accounts::second_factor::{already_enrolled, find, insert, wrong_code};
use crate::ssr::accounts::{second_factor_recovery, totp};
use crate::ssr::entities::{second_factor, user};
use crate::ssr::infra::audit;
use crate::ssr::infra::audit::AuditAction;
use crate::ssr::infra::inline_qr_svg::inline_qr_svg;

/// Enrolment's first half: the secret for the app, the same one until it is confirmed (a
/// reloaded page shows the code already scanned).
pub async fn begin_enrolment(
    db: &impl ConnectionTrait,
    account: &user::Model,
    now: DateTime<Utc>,
) -> Result<SecondFactorEnrolment, AppError> {
    let secret = match find(db, account.id).await? {
        Some(row) if row.confirmed_at.is_some() => return Err(already_enrolled()),
        Some(row) => row.secret,
        None => {
            match insert(db, account.id, totp::new_secret(), None, now).await {
                Ok(row) => row.secret,
                // Two tabs began at once: the row the other wrote is the one.
                Err(error) => match find(db, account.id).await? {
                    Some(row) => row.secret,
                    None => return Err(crate::ssr::internal("second factor insert", error)),
                },
            }
        }
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
    let step = totp::matched_step(&row.secret, digits, now)?.ok_or_else(wrong_code)?;
    let txn = db.begin().await.map_err(|e| crate::ssr::internal("enrolment begin", e))?;
    let confirmed = second_factor::Entity::update_many()
        .col_expr(second_factor::Column::ConfirmedAt, Expr::value(now))
        .col_expr(second_factor::Column::LastStep, Expr::value(step))
        .filter(second_factor::Column::Id.eq(row.id))
        // Two first codes sent at once: one of them confirms it.
        .filter(second_factor::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await
        .map_err(|e| crate::ssr::internal("enrolment confirm", e))?;
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
    txn.commit().await.map_err(|e| crate::ssr::internal("enrolment commit", e))?;
    Ok(codes)
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
