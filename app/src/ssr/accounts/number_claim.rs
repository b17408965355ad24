//! A number belongs to its person (issue 64). Anyone may sign up with an ID number they type, so
//! someone may hold another person's number; the registration system, which checked the person,
//! vouches for its holder. When the vouched person says the unverified self-made account holding
//! their number is not theirs, that account is set aside, in one transaction with everything it
//! causes: its number released as an administrator's release does (`account_store::release_number`:
//! it can no longer sign in, its sessions end, its identity rows go), its applications held (a reviewer's decision and
//! the branch's on-site check refuse an account whose number was released); the vouched person's account
//! made and joined to their identity; the case kept for administrators with both sides
//! (`set_aside_accounts`), audited with who held the number since when, and told to every
//! administrator.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use crate::domain::china_time::china_time;
use crate::domain::Role;
use crate::error::AppError;
use crate::ssr::accounts::account_store;
use crate::ssr::accounts::provider_sign_in::{create_joined, holder_refusal, Outcome, Refusal, VouchedPerson};
use crate::ssr::entities::{set_aside_account, user};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::messaging::notifications::{self, News};

/// The vouched person claims their number from the unverified account holding it, and signs in
/// to their own new account. Refused as a sign-in would be where the holder is staff, or joined
/// to the registration system itself (then it is theirs, or the registration system's to settle).
#[tracing::instrument(skip_all)]
pub async fn claim_number(db: &DatabaseConnection, person: &VouchedPerson, now: DateTime<Utc>) -> Outcome {
    let txn = begin_write(db).await?;
    let holder = user::Entity::find().filter(user::Column::IdNumber.eq(person.id_number.as_str())).one(&txn).await?;
    if let Some(holder) = &holder {
        match holder_refusal(&txn, holder).await? {
            Refusal::NumberHeldUnverified => account_store::release_number(&txn, holder).await?,
            refusal => return Ok(Err(refusal)),
        }
    }
    let account = match create_joined(&txn, person, "account made from the provider's claims", now).await? {
        Ok(account) => account,
        Err(refusal) => {
            txn.rollback().await?;
            return Ok(Err(refusal));
        }
    };
    if let Some(holder) = &holder {
        record(&txn, holder, &account, person, now).await?;
    }
    txn.commit().await?;
    Ok(Ok(account))
}

/// The case for administrators, the audit line, and the news to each administrator.
async fn record(
    txn: &DatabaseTransaction,
    holder: &user::Model,
    vouched: &user::Model,
    person: &VouchedPerson,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    set_aside_account::ActiveModel {
        set_aside_user_id: Set(holder.id),
        vouched_user_id: Set(vouched.id),
        issuer: Set(person.issuer.clone()),
        set_aside_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let masked = holder.masked_id_number();
    let detail = format!(
        "{masked}: held from {} by self-made account {} ({}); set aside for the person {} vouched for, now account {}",
        china_time(holder.created_at).en(),
        holder.id,
        holder.name,
        person.issuer,
        vouched.id
    );
    audit::record(txn, None, AuditAction::AccountSetAside, &audit::actor_label(holder), &detail, now).await?;
    let administrators = user::Entity::find().filter(user::Column::Role.eq(Role::Admin)).all(txn).await?;
    for admin in administrators.iter().filter(|a| !a.is_released()) {
        let news = News {
            recipient: admin,
            message_zh: format!(
                "证件号码 {masked} 的持有人已由报名系统核实身份。自 {} 起持有该号码的自行注册账号（{}）已被搁置：不能再登录，其报名暂停审核。请在“管理 → 被搁置的账号”中核查双方信息。",
                china_time(holder.created_at).zh(),
                holder.name
            ),
            message_en: format!(
                "The registration system vouched for the holder of ID number {masked}. The self-made account ({}) holding it since {} is set aside: it can no longer sign in and its applications are held. Check both sides under Administration → Accounts set aside.",
                holder.name,
                china_time(holder.created_at).en()
            ),
            link: "/admin#set-aside-title".to_string(),
            at: now,
            visible_from: now,
            held_for_results_of: None,
            text: None,
        };
        notifications::tell(txn, news).await?;
    }
    Ok(())
}
