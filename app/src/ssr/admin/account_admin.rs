//! What an administrator does for a person who cannot get into their account: find it by ID
//! number, set a temporary password to hand over in person, or — when someone else registered
//! the number (seed 002: "如本人并未注册但系统提示该证件号已注册") — release the number so its real
//! owner can sign up. Each step is audited; every session of the account ends.

use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::DatabaseConnection;

use crate::domain::china_time::china_time;
use crate::domain::new_password::NewPassword;
use crate::domain::record_ids::UserId;
use crate::domain::sign_up_form::SignUpForm;
use crate::domain::Role;
use crate::error::AppError;
use crate::models::account::{AccountView, TemporaryPassword};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::entities::user;
use crate::ssr::infra::audit;
use crate::ssr::infra::audit::AuditAction;
use crate::ssr::infra::write_transaction::begin_write;

#[tracing::instrument(skip_all, fields(user = %admin.id))]
pub async fn find(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    typed_id_number: &str,
) -> Result<Option<AccountView>, AppError> {
    let found = crate::ssr::accounts::account_store::find_by_id_number(
        db,
        &crate::domain::id_number::normalised_id_number(typed_id_number),
    )
    .await?;
    let Some(account) = found else { return Ok(None) };
    let second_factor = crate::ssr::accounts::second_factor::is_enrolled(db, account.id).await?;
    Ok(Some(AccountView { second_factor, ..view_of(&account) }))
}

pub fn view_of(account: &user::Model) -> AccountView {
    let mobile = &account.mobile;
    let mobile_masked =
        if mobile.len() == 11 { format!("{}****{}", &mobile[..3], &mobile[7..]) } else { "***".to_string() };
    AccountView {
        id: account.id,
        name: account.name.clone(),
        id_number_masked: account.masked_id_number(),
        role: account.role,
        mobile_masked,
        has_email: account.email.as_deref().is_some_and(|e| !e.is_empty()),
        created_at: china_time(account.created_at),
        second_factor: false,
    }
}

/// A random password meeting the rule, for the administrator to hand over; the person should
/// change it after logging in.
#[tracing::instrument(skip_all, fields(user = %admin.id, target = %user_id))]
pub async fn reset_password(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<TemporaryPassword, AppError> {
    let account = crate::ssr::accounts::account_store::find_by_id(db, user_id).await?.ok_or(AppError::NotFound)?;
    let temporary = temporary_password();
    let password = NewPassword::parse("password", &temporary)
        .map_err(|e| crate::ssr::internal("temporary password", e.message_en))?;
    let txn = begin_write(db).await?;
    crate::ssr::accounts::account_store::set_password(&txn, &account, password).await?;
    audit::record(
        &txn,
        Some(admin.account()),
        AuditAction::PasswordReset,
        &audit::actor_label(&account),
        "temporary password set by an administrator; every session ended",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(TemporaryPassword { password: temporary })
}

/// Removes a staff member's authenticator and recovery codes (a lost phone, and the codes with
/// it): every session of the account ends, and they set up a new one at their next sign-in.
/// `admin` is None when the operator does it from the command line. Audited.
#[tracing::instrument(skip_all, fields(user = ?admin.map(|a| a.id), target = %user_id))]
pub async fn reset_second_factor(
    db: &DatabaseConnection,
    admin: Option<&Caller<Admin>>,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let account = crate::ssr::accounts::account_store::find_by_id(db, user_id).await?.ok_or(AppError::NotFound)?;
    if account.role == Role::Candidate {
        return Err(AppError::invalid_field(
            "account",
            "考生账号不使用两步验证",
            "Candidates' accounts have no two-step sign-in",
        ));
    }
    let txn = begin_write(db).await?;
    let had_one = crate::ssr::accounts::second_factor::is_enrolled(&txn, account.id).await?;
    crate::ssr::accounts::second_factor::remove(&txn, account.id).await?;
    crate::ssr::accounts::second_factor_enrolment::open_enrolment(&txn, account.id, now).await?;
    crate::ssr::accounts::account_store::end_all_sessions(&txn, account.id).await?;
    let by = if admin.is_some() { "by an administrator" } else { "from the command line" };
    let detail = if had_one {
        format!(
            "authenticator and recovery codes removed {by}; every session ended; to be set up again within 24 hours"
        )
    } else {
        format!("nothing set up yet; every session ended ({by})")
    };
    audit::record(
        &txn,
        admin.map(Caller::account),
        AuditAction::SecondFactorReset,
        &audit::actor_label(&account),
        &detail,
        now,
    )
    .await?;
    Ok(txn.commit().await?)
}

/// Frees the account's ID number for its real owner; the account keeps its history under a
/// marked number and can no longer log in.
#[tracing::instrument(skip_all, fields(user = %admin.id, target = %user_id))]
pub async fn release_id_number(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let account = crate::ssr::accounts::account_store::find_by_id(db, user_id).await?.ok_or(AppError::NotFound)?;
    if account.is_released() {
        return Ok(());
    }
    if account.id == admin.id {
        return Err(AppError::invalid_field(
            "account",
            "不能释放自己账号的证件号码",
            "You cannot release your own account's ID number",
        ));
    }
    let label = audit::actor_label(&account);
    let txn = begin_write(db).await?;
    crate::ssr::accounts::account_store::release_number(&txn, &account).await?;
    audit::record(
        &txn,
        Some(admin.account()),
        AuditAction::IdNumberReleased,
        &label,
        "the ID number is free to sign up again; the old account is kept and signed out",
        now,
    )
    .await?;
    Ok(txn.commit().await?)
}

/// A further administrator, created by an administrator with the sign-up's checks.
#[tracing::instrument(skip_all, fields(user = ?admin.map(|a| a.id)))]
pub async fn create_administrator(
    db: &DatabaseConnection,
    admin: Option<&Caller<Admin>>,
    form: SignUpForm,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let account = crate::ssr::accounts::account_store::create_account(db, form, Role::Admin, now).await?;
    let by = if admin.is_some() { "created with role admin" } else { "created with role admin from the command line" };
    audit::record(db, admin.map(Caller::account), AuditAction::AccountCreated, &audit::actor_label(&account), by, now)
        .await?;
    Ok(account)
}

/// Twelve characters from an alphabet without look-alikes (no 0/O, 1/l/I), with a digit and a
/// letter for sure.
fn temporary_password() -> String {
    const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    const DIGITS: &[u8] = b"23456789";
    let mut rng = rand::thread_rng();
    let mut text: String = (0..10).map(|_| LETTERS[rng.gen_range(0..LETTERS.len())] as char).collect();
    text.insert(rng.gen_range(0..text.len()), DIGITS[rng.gen_range(0..DIGITS.len())] as char);
    text.push(DIGITS[rng.gen_range(0..DIGITS.len())] as char);
    text
}
