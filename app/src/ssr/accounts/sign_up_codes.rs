//! 注册's code (issue 64): where texts are configured (`ZIGE_SMS_TEMPLATE_SIGN_UP_CODE`), the
//! mobile typed at sign-up is proved by a six-digit code texted to it, so an account holding
//! someone's ID number at least leaves a mobile that answered behind. A code is kept only as a
//! salted hash, lives `CODE_LIFETIME_MINUTES`, is taken once and dies after `MAX_ATTEMPTS`
//! attempts; a mobile is texted at most a few codes an hour and a day, whoever asks, and one
//! address asks for a bounded number. Codes older than a day are removed as new ones are asked
//! for (they hold the mobile).

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::domain::sign_up_form::SignUpForm;
use crate::domain::Role;
use crate::error::AppError;
use crate::ssr::accounts::account_store;
use crate::ssr::accounts::code_hash::{new_salt, salted_hash};
use crate::ssr::accounts::password_recovery::CODE_LIFETIME_MINUTES;
use crate::ssr::entities::{mobile_code, user};
use crate::ssr::infra::rate_limits::address_key;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::messaging::notifications::{enqueue, Outgoing};
use crate::ssr::messaging::text_template::TextMessage;

/// Attempts a code survives, each used up before the comparison.
const MAX_ATTEMPTS: i32 = 5;
/// Codes one mobile is texted in an hour, and in a day, whoever asks.
const CODES_PER_MOBILE_PER_HOUR: u64 = 3;
const CODES_PER_MOBILE_PER_DAY: u64 = 10;
/// Codes one address asks for in an hour, to whatever mobiles.
const CODES_PER_ADDRESS_PER_HOUR: u64 = 10;

/// Texts a code to `mobile` (already normalised, 11 digits), or says which limit it met.
pub async fn send_code(
    db: &DatabaseConnection,
    mobile: &str,
    requested_from: IpAddr,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let requester = address_key(requested_from).to_string();
    let txn = begin_write(db).await?;
    mobile_code::Entity::delete_many()
        .filter(mobile_code::Column::CreatedAt.lt(now - Duration::days(1)))
        .exec(&txn)
        .await?;
    let to_mobile_since = |since: DateTime<Utc>| {
        mobile_code::Entity::find()
            .filter(mobile_code::Column::Mobile.eq(mobile))
            .filter(mobile_code::Column::CreatedAt.gt(since))
            .count(&txn)
    };
    let hour = now - Duration::hours(1);
    let from_address = mobile_code::Entity::find()
        .filter(mobile_code::Column::RequestedFrom.eq(requester.as_str()))
        .filter(mobile_code::Column::CreatedAt.gt(hour))
        .count(&txn)
        .await?;
    if to_mobile_since(hour).await? >= CODES_PER_MOBILE_PER_HOUR
        || to_mobile_since(now - Duration::days(1)).await? >= CODES_PER_MOBILE_PER_DAY
        || from_address >= CODES_PER_ADDRESS_PER_HOUR
    {
        return Err(AppError::invalid_field(
            "mobile_code",
            format!("验证码发送过于频繁：同一手机号每小时最多 {CODES_PER_MOBILE_PER_HOUR} 次、每天最多 {CODES_PER_MOBILE_PER_DAY} 次，请稍后再试"),
            format!("Too many codes asked for: at most {CODES_PER_MOBILE_PER_HOUR} an hour and {CODES_PER_MOBILE_PER_DAY} a day to one mobile; try again later"),
        ));
    }
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    let salt = new_salt();
    mobile_code::ActiveModel {
        mobile: Set(mobile.to_string()),
        code_hash: Set(salted_hash(&salt, &code)),
        salt: Set(salt),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(CODE_LIFETIME_MINUTES)),
        used_at: Set(None),
        attempts: Set(0),
        requested_from: Set(Some(requester)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let body =
        format!("【资格】您正在注册，验证码 {code}，{CODE_LIFETIME_MINUTES} 分钟内有效。如非本人操作，请忽略本消息。");
    let text = TextMessage::sign_up_code(&code, CODE_LIFETIME_MINUTES);
    let outgoing = Outgoing {
        channel: "sms",
        recipient: mobile,
        subject: "【资格】注册验证码",
        body: &body,
        at: now,
        not_before: now,
        held_for_results_of: None,
        text: Some(&text),
        link: None,
    };
    enqueue(&txn, outgoing).await?;
    txn.commit().await?;
    Ok(())
}

/// Takes the live code of `mobile` when `typed` is it: used once, an attempt spent before each
/// comparison (on the database itself, so a refused sign-up still spends it).
async fn take_code(db: &DatabaseConnection, mobile: &str, typed: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let refused = || {
        AppError::invalid_field(
            "mobile_code",
            "短信验证码不正确或已失效，请重新获取",
            "The texted code is wrong or has expired; ask for a new one",
        )
    };
    let live = mobile_code::Entity::find()
        .filter(mobile_code::Column::Mobile.eq(mobile))
        .filter(mobile_code::Column::UsedAt.is_null())
        .filter(mobile_code::Column::ExpiresAt.gt(now))
        .filter(mobile_code::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_desc(mobile_code::Column::Id)
        .one(db)
        .await?
        .ok_or_else(refused)?;
    let attempt = mobile_code::Entity::update_many()
        .col_expr(mobile_code::Column::Attempts, Expr::col(mobile_code::Column::Attempts).add(1))
        .filter(mobile_code::Column::Id.eq(live.id))
        .filter(mobile_code::Column::Attempts.lt(MAX_ATTEMPTS))
        .exec(db)
        .await?;
    if attempt.rows_affected == 0 || salted_hash(&live.salt, typed.trim()) != live.code_hash {
        return Err(refused());
    }
    let spent = mobile_code::Entity::update_many()
        .col_expr(mobile_code::Column::UsedAt, Expr::value(now))
        .filter(mobile_code::Column::Id.eq(live.id))
        .filter(mobile_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    (spent.rows_affected == 1).then_some(()).ok_or_else(refused)
}

/// 注册 as a candidate: where the installation texts codes, the one sent to the mobile typed must
/// come with the form, and the account records its mobile as proved.
pub async fn sign_up_candidate(
    state: &ServerState,
    form: SignUpForm,
    typed_code: &str,
) -> Result<user::Model, AppError> {
    let now = state.clock.now();
    if !state.sign_up_code {
        return account_store::create_account(&state.db, form, Role::Candidate, now).await;
    }
    if typed_code.trim().is_empty() {
        return Err(AppError::invalid_field(
            "mobile_code",
            "请先获取并填写发送到手机的 6 位短信验证码",
            "Ask for the code texted to your mobile, and type its 6 digits",
        ));
    }
    // A number already taken spends no code.
    if account_store::find_by_id_number(&state.db, form.id_number.as_str()).await?.is_some() {
        return Err(AppError::DuplicateIdNumber);
    }
    take_code(&state.db, &form.mobile, typed_code, now).await?;
    let account = account_store::create_account(&state.db, form, Role::Candidate, now).await?;
    user::Entity::update_many()
        .col_expr(user::Column::MobileVerifiedAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(account.id))
        .exec(&state.db)
        .await?;
    Ok(user::Model { mobile_verified_at: Some(now), ..account })
}

/// A deleted account's mobile leaves no code behind.
pub async fn forget_mobile(db: &impl ConnectionTrait, mobile: &str) -> Result<(), AppError> {
    mobile_code::Entity::delete_many().filter(mobile_code::Column::Mobile.eq(mobile)).exec(db).await?;
    Ok(())
}
