//! Creating accounts, checking passwords, and changing them.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, SqlErr,
};

use crate::domain::id_number::normalised_id_number;
use crate::domain::id_validity::IdValidity;
use crate::domain::new_password::NewPassword;
use crate::domain::record_ids::UserId;
use crate::domain::sign_up_form::SignUpForm;
use crate::domain::Role;
use crate::error::AppError;
use crate::ssr::entities::{provider_identity, user};
use crate::ssr::{accounts::password::hash_password, accounts::password::verify_password};

/// A new account, created at `now` by the server's clock.
pub async fn create_account(
    db: &DatabaseConnection,
    form: SignUpForm,
    role: Role,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    if find_by_id_number(db, form.id_number.as_str()).await?.is_some() {
        return Err(AppError::DuplicateIdNumber);
    }
    let password_hash = hash_password(form.password.into_string()).await?;
    let account = user::ActiveModel {
        id_number: Set(form.id_number.as_str().to_string()),
        id_type: Set(form.id_number.id_type().as_str().to_string()),
        name: Set(form.name),
        mobile: Set(form.mobile),
        email: Set(form.email),
        password_hash: Set(password_hash),
        role: Set(role),
        created_at: Set(now),
        id_valid_until: Set(form.id_valid_until.map(|validity| validity.stored())),
        ..Default::default()
    };
    let account = account.insert(db).await.map_err(|e| match e.sql_err() {
        // Two sign-ups with the same ID raced past the check above.
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::DuplicateIdNumber,
        _ => crate::ssr::internal("account insert", e),
    })?;
    if role != Role::Candidate {
        crate::ssr::accounts::second_factor_enrolment::open_enrolment(db, account.id, account.created_at).await?;
    }
    Ok(account)
}

/// The account for these credentials. Unknown numbers cost as much time as wrong passwords, so
/// response times do not reveal which ID numbers are registered.
pub async fn authenticate(db: &DatabaseConnection, id_number: &str, password: &str) -> Result<user::Model, AppError> {
    let account = find_by_id_number(db, &normalised_id_number(id_number)).await?;
    let stored_hash = account.as_ref().map(|a| a.password_hash.clone()).unwrap_or_else(|| DECOY_HASH.to_string());
    let matches = verify_password(password.to_string(), stored_hash).await?;
    match account {
        // A released account keeps its history under a marked number; typing that number is no
        // way back in.
        Some(account) if matches && !account.is_released() => Ok(account),
        _ => Err(AppError::BadCredentials),
    }
}

pub async fn find_by_id_number(db: &DatabaseConnection, id_number: &str) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find().filter(user::Column::IdNumber.eq(id_number)).one(db).await?)
}

pub async fn any_with_role(db: &DatabaseConnection, role: Role) -> Result<bool, AppError> {
    use sea_orm::PaginatorTrait;
    let count = user::Entity::find().filter(user::Column::Role.eq(role)).count(db).await?;
    Ok(count > 0)
}

pub async fn find_by_id(db: &DatabaseConnection, user_id: UserId) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find_by_id(user_id).one(db).await?)
}

/// Stores a new password and ends every session of the account (the caller may begin a new
/// one for the person in front of it). Returns the account as it now is.
pub async fn set_password(
    db: &impl ConnectionTrait,
    account: &user::Model,
    password: NewPassword,
) -> Result<user::Model, AppError> {
    let password_hash = hash_password(password.into_string()).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(user::Column::SessionGeneration, Expr::col(user::Column::SessionGeneration).add(1))
        .filter(user::Column::Id.eq(account.id))
        .exec(db)
        .await?;
    user::Entity::find_by_id(account.id).one(db).await?.ok_or(AppError::NotFound)
}

/// Frees the account's ID number for its real owner, inside the caller's transaction: the account
/// keeps its history under a marked number (`RELEASED-<id>-<number>`), every session of it ends,
/// and the registration system's identity joined to it goes (a released account is no way in:
/// signing in there as that identity makes the real owner's account, not this one). An
/// administrator's 释放证件号 and a number claimed by the vouched person (`number_claim`) alike.
pub async fn release_number(db: &impl ConnectionTrait, account: &user::Model) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(
            user::Column::IdNumber,
            Expr::value(format!("{}-{}-{}", user::RELEASED_PREFIX, account.id, account.id_number)),
        )
        .col_expr(user::Column::SessionGeneration, Expr::col(user::Column::SessionGeneration).add(1))
        .filter(user::Column::Id.eq(account.id))
        .exec(db)
        .await?;
    provider_identity::Entity::delete_many().filter(provider_identity::Column::UserId.eq(account.id)).exec(db).await?;
    Ok(())
}

/// Ends every session of the account without touching its password.
pub async fn end_all_sessions(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::SessionGeneration, Expr::col(user::Column::SessionGeneration).add(1))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// 修改密码: the old password must be right; every other session ends.
pub async fn change_password(
    db: &DatabaseConnection,
    account: &user::Model,
    old_password: &str,
    new_password: NewPassword,
) -> Result<user::Model, AppError> {
    if !verify_password(old_password.to_string(), account.password_hash.clone()).await? {
        return Err(AppError::invalid_field("old_password", "原密码不正确", "The current password is not correct"));
    }
    set_password(db, account, new_password).await
}

/// An argon2id hash of a random string nobody knows, verified when the ID number is unknown.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$W7w1q4uVZ0yY6zY0eZ6m8bH8H3qk7b3w8o5U1l4V3iE";

pub fn session_user_of(account: &user::Model) -> crate::models::account::SessionUser {
    crate::models::account::SessionUser {
        name: account.name.clone(),
        id_number_masked: account.masked_id_number(),
        role: account.role,
    }
}

/// The candidate's renewed document's validity (个人信息), judged as at sign-up.
pub async fn set_id_validity(db: &DatabaseConnection, user_id: UserId, validity: IdValidity) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::IdValidUntil, Expr::value(Some(validity.stored())))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
