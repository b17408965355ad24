//! Creating accounts and checking passwords.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, SqlErr};

use super::entities::user;
use super::password::{hash_password, verify_password};
use crate::domain::sign_up_form::SignUpForm;
use crate::domain::IdNumber;
use crate::error::AppError;
use crate::models::Role;

pub async fn create_account(db: &DatabaseConnection, form: SignUpForm, role: Role) -> Result<user::Model, AppError> {
    if find_by_id_number(db, form.id_number.as_str()).await?.is_some() {
        return Err(AppError::DuplicateIdNumber);
    }
    let password_hash = hash_password(form.password).await.map_err(|e| super::internal("password hash", e))?;
    let account = user::ActiveModel {
        id_number: Set(form.id_number.as_str().to_string()),
        id_type: Set(form.id_number.id_type().as_str().to_string()),
        name: Set(form.name),
        mobile: Set(form.mobile),
        email: Set(form.email),
        password_hash: Set(password_hash),
        role: Set(role.as_str().to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    account.insert(db).await.map_err(|e| match e.sql_err() {
        // Two sign-ups with the same ID raced past the check above.
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::DuplicateIdNumber,
        _ => super::internal("account insert", e),
    })
}

/// The account for these credentials. Unknown numbers cost as much time as wrong passwords, so
/// response times do not reveal which ID numbers are registered.
pub async fn authenticate(db: &DatabaseConnection, id_number: &str, password: &str) -> Result<user::Model, AppError> {
    let normalised = id_number.trim().to_ascii_uppercase();
    let account = find_by_id_number(db, &normalised).await?;
    let stored_hash = account.as_ref().map(|a| a.password_hash.clone()).unwrap_or_else(|| DECOY_HASH.to_string());
    let matches = verify_password(password.to_string(), stored_hash).await;
    match account {
        Some(account) if matches => Ok(account),
        _ => Err(AppError::BadCredentials),
    }
}

pub async fn find_by_id_number(db: &DatabaseConnection, id_number: &str) -> Result<Option<user::Model>, AppError> {
    user::Entity::find().filter(user::Column::IdNumber.eq(id_number)).one(db).await.map_err(|e| super::internal("user lookup", e))
}

/// An argon2id hash of a random string nobody knows, verified when the ID number is unknown.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$W7w1q4uVZ0yY6zY0eZ6m8bH8H3qk7b3w8o5U1l4V3iE";

pub fn session_user_of(account: &user::Model) -> crate::models::SessionUser {
    let masked = IdNumber::parse(
        crate::domain::IdType::from_str_code(&account.id_type).unwrap_or(crate::domain::IdType::Passport),
        &account.id_number,
    )
    .map(|n| n.masked())
    .unwrap_or_else(|_| "***".to_string());
    crate::models::SessionUser { name: account.name.clone(), id_number_masked: masked, role: Role::parse(&account.role).unwrap_or(Role::Candidate) }
}
