//! 注销账户 (个人信息保护法, the right to erasure): a candidate asks for their account to be
//! deleted, with their password. Refused, saying which and until when, while an exam they handed
//! an application to still keeps its candidates' data (its `personal_data_until` not passed, or
//! not set); otherwise every picture and form of theirs is deleted, the account keeps no name,
//! number, mobile or email and can never sign in again, and the ID number is free to sign up
//! anew; the first answers kept for its repeated requests go too, and the server removes its
//! other browsers' sessions. Decisions, payments and the audit stay, tied to the emptied account.
//! Audited.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Candidate;
use crate::ssr::access::provider_session::FreshConfirmation;
use crate::ssr::assistant::advice_receipts;
use crate::ssr::candidate::personal_data_erasure::{delete_files, erase_rows, Whose};
use crate::ssr::entities::{application, idempotency_key, notification, provider_identity, recovery_code, user};
use crate::ssr::exams::exam_store;
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::clock::china_today;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::messaging::official_account_binding;

use crate::ssr::accounts::password::verify_password;
use crate::ssr::infra::write_transaction::begin_write;

/// What says the account's holder is asking.
pub enum DeletionProof<'a> {
    /// The account's password, typed with the request.
    Password(&'a str),
    /// A fresh sign-in at the identity provider as the account's joined identity, minutes ago:
    /// an account the provider made has no password.
    ConfirmedAtProvider(FreshConfirmation),
}

/// The password is checked as a log-in's is: the same per-address rate-limit group (`RateLimitGroup::of_path`), and
/// wrong ones counted per account and address and audited, so a stolen session cannot guess at
/// hashing speed nor hold every hashing slot of the installation.
#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn delete_account(
    state: &ServerState,
    account: &Caller<Candidate>,
    proof: DeletionProof<'_>,
    address: std::net::IpAddr,
) -> Result<(), AppError> {
    let me = account.account().clone();
    if let DeletionProof::Password(password) = proof {
        password_is_right(state, &me, password, address).await?;
    }
    still_needed(state, me.id).await?;
    let txn = begin_write(&state.db).await?;
    let files = erase_rows(&txn, Whose::Person(me.id)).await?;
    notification::Entity::delete_many().filter(notification::Column::UserId.eq(me.id)).exec(&txn).await?;
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(me.id)).exec(&txn).await?;
    advice_receipts::forget_account(&txn, me.id).await?;
    crate::ssr::accounts::sign_up_codes::forget_mobile(&txn, &me.mobile).await?;
    // The first answers kept for repeated requests (up to a week) hold what the person sent.
    idempotency_key::Entity::delete_many().filter(idempotency_key::Column::UserId.eq(me.id)).exec(&txn).await?;
    // Signing in through the identity provider again opens a new account, not the emptied one.
    provider_identity::Entity::delete_many().filter(provider_identity::Column::UserId.eq(me.id)).exec(&txn).await?;
    // The 公众号 hears nothing more of the emptied account.
    official_account_binding::unbind(&txn, me.id).await?;
    let mut emptied: user::ActiveModel = me.clone().into();
    emptied.id_number = Set(format!("{}-{}-deleted", user::RELEASED_PREFIX, me.id));
    emptied.name = Set("已注销".to_string());
    emptied.mobile = Set(String::new());
    emptied.email = Set(None);
    // No password hashes to this.
    emptied.password_hash = Set("!".to_string());
    emptied.session_generation = Set(me.session_generation + 1);
    emptied.update(&txn).await?;
    let detail = format!("account {} deleted at its owner's request: {} pictures", me.id, files.len());
    audit::record(&txn, None, AuditAction::AccountDeleted, &format!("account {}", me.id), &detail, state.clock.now())
        .await?;
    txn.commit().await?;
    delete_files(state, &files).await;
    Ok(())
}

/// Refused while an exam the candidate handed an application to keeps its candidates' data.
async fn still_needed(state: &ServerState, user_id: UserId) -> Result<(), AppError> {
    let handed_in = application::Entity::find()
        .filter(application::Column::UserId.eq(user_id))
        .filter(application::Column::LastSubmittedAt.is_not_null())
        .all(&state.db)
        .await?;
    let today = china_today(state.clock.now());
    for application in handed_in {
        let Some(exam) = exam_store::load(&state.db, &application.exam_code).await? else { continue };
        match exam.personal_data_until {
            Some(day) if today > day => {}
            Some(day) => {
                return Err(AppError::invalid_field(
                    "account",
                    format!("「{}」须保留您的报名资料至 {day}，期限过后方可注销账户", exam.title_zh),
                    format!("\"{}\" keeps your application until {day}; the account can be deleted after that", exam.title_en),
                ))
            }
            None => {
                return Err(AppError::invalid_field(
                    "account",
                    format!("「{}」仍须保留您的报名资料（考试机构尚未设定保留期限），暂不能注销账户", exam.title_zh),
                    format!("\"{}\" still keeps your application (no retention date is set yet); the account cannot be deleted now", exam.title_en),
                ))
            }
        }
    }
    Ok(())
}

async fn password_is_right(
    state: &ServerState,
    me: &user::Model,
    password: &str,
    address: std::net::IpAddr,
) -> Result<(), AppError> {
    state.rate_limits.begin_password_attempt(&me.id_number, address)?;
    match verify_password(password.to_string(), me.password_hash.clone()).await {
        Ok(true) => state.rate_limits.give_back_password_attempt(&me.id_number, address),
        Ok(false) => {
            tracing::warn!("wrong password to delete an account");
            audit::record(
                &state.db,
                Some(me),
                AuditAction::FailedLogin,
                &audit::masked_id_number(&me.id_number),
                "wrong password to delete the account",
                state.clock.now(),
            )
            .await?;
            return Err(AppError::invalid_field("password", "密码不正确", "The password is not right"));
        }
        // Not a wrong password (the server was busy): it does not count against anyone.
        Err(busy) => {
            state.rate_limits.give_back_password_attempt(&me.id_number, address);
            return Err(busy);
        }
    }
    Ok(())
}
