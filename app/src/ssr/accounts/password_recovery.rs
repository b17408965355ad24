//! 忘记密码: a six-digit code sent to the account's mobile or email through the outbox, kept
//! only as a salted hash, used once, dead after 15 minutes or five wrong guesses. Nothing the
//! person is told depends on whether the ID number is registered. Candidates only: staff ask an
//! administrator, who resets their password (their second factor stays).

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::domain::new_password::NewPassword;
use crate::domain::Role;
use crate::error::AppError;
use crate::models::account::RecoveryChannel;
use crate::ssr::accounts::code_hash::{new_salt, salted_hash};
use crate::ssr::infra::audit;
use crate::ssr::infra::audit::AuditAction;
use crate::ssr::infra::rate_limits::{address_key, RateLimits};
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::messaging::notifications::Outgoing;
use crate::ssr::messaging::text_template::TextMessage;
use crate::ssr::{entities::recovery_code, entities::user};

pub const CODE_LIFETIME_MINUTES: i64 = 15;
/// Attempts a code survives; each is used up before the comparison, so guesses sent in parallel
/// get no more than this between them.
const MAX_ATTEMPTS: i32 = 5;
/// Codes one address may have sent to one account per hour: a stranger asking again and again
/// spends only their own share, never the owner's.
const CODES_PER_ACCOUNT_AND_ADDRESS_PER_HOUR: u64 = 3;
/// Codes one account may be sent per day, whoever asks: stops a crowd of addresses from
/// flooding a person's phone with texts.
const CODES_PER_ACCOUNT_PER_DAY: u64 = 10;

/// Sends a code when the ID number has an account with that channel; otherwise does nothing,
/// and the caller answers the same either way.
pub async fn request_code(
    db: &DatabaseConnection,
    typed_id_number: &str,
    channel: RecoveryChannel,
    requested_from: IpAddr,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(account) = crate::ssr::accounts::account_store::find_by_id_number(
        db,
        &crate::domain::id_number::normalised_id_number(typed_id_number),
    )
    .await?
    else {
        return Ok(());
    };
    // Staff sign in with a second factor a mobile or a mailbox must not get round: their
    // password is reset by an administrator (issue 50), and nothing is sent.
    if account.role != Role::Candidate {
        tracing::info!(user_id = %account.id, "recovery asked for a staff account: nothing sent");
        return Ok(());
    }
    let Some(address) = address_of(&account, channel) else { return Ok(()) };
    let requester = address_key(requested_from).to_string();
    let txn = begin_write(db).await?;
    // The account's row is claimed first (a write that changes nothing), so requests made at the
    // same moment count the codes one after another and none slips past the caps.
    user::Entity::update_many()
        .col_expr(user::Column::SessionGeneration, Expr::col(user::Column::SessionGeneration).into())
        .filter(user::Column::Id.eq(account.id))
        .exec(&txn)
        .await?;
    let sent_since = |since: DateTime<Utc>, from: Option<&str>| {
        let mut query = recovery_code::Entity::find()
            .filter(recovery_code::Column::UserId.eq(account.id))
            .filter(recovery_code::Column::CreatedAt.gt(since));
        if let Some(from) = from {
            query = query.filter(recovery_code::Column::RequestedFrom.eq(from));
        }
        query.count(&txn)
    };
    if sent_since(now - Duration::hours(1), Some(&requester)).await? >= CODES_PER_ACCOUNT_AND_ADDRESS_PER_HOUR
        || sent_since(now - Duration::days(1), None).await? >= CODES_PER_ACCOUNT_PER_DAY
    {
        tracing::warn!(user_id = %account.id, "recovery code not sent: the account's limit for this address or day");
        return Ok(());
    }
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    let salt = new_salt();
    recovery_code::ActiveModel {
        user_id: Set(account.id),
        channel: Set(channel.as_str().to_string()),
        code_hash: Set(salted_hash(&salt, &code)),
        salt: Set(salt),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(CODE_LIFETIME_MINUTES)),
        used_at: Set(None),
        failed_attempts: Set(0),
        requested_from: Set(Some(requester)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let body_zh = format!("【资格】您正在找回密码，验证码 {code}，{CODE_LIFETIME_MINUTES} 分钟内有效。如非本人操作，请忽略本消息，您的密码不会改变。");
    let body = format!("{body_zh}\n\nZige password recovery code: {code} (valid for {CODE_LIFETIME_MINUTES} minutes). If you did not ask for it, ignore this message; your password stays as it is.");
    let message = if channel == RecoveryChannel::Sms { body_zh } else { body };
    let subject = "【资格】找回密码验证码 Password recovery code";
    let text = TextMessage::recovery_code(&code, CODE_LIFETIME_MINUTES);
    let outgoing = Outgoing {
        channel: channel.as_str(),
        recipient: &address,
        subject,
        body: &message,
        at: now,
        not_before: now,
        held_for_results_of: None,
        text: (channel == RecoveryChannel::Sms).then_some(&text),
        link: None,
    };
    crate::ssr::messaging::notifications::enqueue(&txn, outgoing).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the new password when the code is the account's live one; every session of the
/// account ends and the reset is audited. Any failure reads the same. Every attempt at a live
/// code, anywhere, draws on the installation's hourly budget of guesses (`limits`), so a guesser
/// spread over many accounts and addresses still meets a ceiling; attempts at an account without
/// a live code compare nothing and draw nothing, so they cannot empty the budget for others.
pub async fn reset_with_code(
    db: &DatabaseConnection,
    limits: &RateLimits,
    typed_id_number: &str,
    typed_code: &str,
    password: NewPassword,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let refused = || {
        AppError::invalid_field(
            "code",
            "验证码不正确或已过期，请重新获取",
            "The code is wrong or has expired; ask for a new one",
        )
    };
    let account = crate::ssr::accounts::account_store::find_by_id_number(
        db,
        &crate::domain::id_number::normalised_id_number(typed_id_number),
    )
    .await?
    .filter(|account| account.role == Role::Candidate)
    .ok_or_else(refused)?;
    let live = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(account.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .filter(recovery_code::Column::ExpiresAt.gt(now))
        .filter(recovery_code::Column::FailedAttempts.lt(MAX_ATTEMPTS))
        .order_by_desc(recovery_code::Column::Id)
        .one(db)
        .await?
        .ok_or_else(refused)?;
    limits.check_recovery_guess()?;
    // The attempt is used up before the comparison, by one conditional update: of guesses sent
    // at once, only as many as the code has attempts left get compared at all.
    let attempt = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::FailedAttempts, Expr::col(recovery_code::Column::FailedAttempts).add(1))
        .filter(recovery_code::Column::Id.eq(live.id))
        .filter(recovery_code::Column::FailedAttempts.lt(MAX_ATTEMPTS))
        .exec(db)
        .await?;
    if attempt.rows_affected == 0 || salted_hash(&live.salt, typed_code.trim()) != live.code_hash {
        return Err(refused());
    }
    let txn = begin_write(db).await?;
    // Used once: this code and any other the account still holds die with the reset. The
    // `used_at IS NULL` condition makes two resets racing with one code succeed only once.
    let spent = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(account.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        return Err(refused());
    }
    let account = crate::ssr::accounts::account_store::set_password(&txn, &account, password).await?;
    audit::record(
        &txn,
        Some(&account),
        AuditAction::PasswordReset,
        &audit::actor_label(&account),
        &format!("by a code sent by {}; every session ended", live.channel),
        now,
    )
    .await?;
    Ok(txn.commit().await?)
}

fn address_of(account: &user::Model, channel: RecoveryChannel) -> Option<String> {
    let address = match channel {
        RecoveryChannel::Sms => Some(account.mobile.clone()),
        RecoveryChannel::Email => account.email.clone(),
    };
    address.filter(|a| !a.trim().is_empty())
}
