//! Seed 003's way in (授权): a person the authority's identity provider vouched for — its issuer
//! and `sub`, and the ID number, name and mobile it signed — signs in to the account joined to
//! that identity, or to a new candidate account made from those claims (the account and its
//! identity written in one transaction). Never a silent merge: an account that already holds the
//! ID number is joined only by its owner, signed in with its own password (`link`); where that
//! account is an unverified self-sign-up, the vouched person may instead say it is not theirs and
//! claim the number (`number_claim`); a staff account's number is refused outright (staff keep
//! Zige's own sign-in with the second factor); and one identity joins one account.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    Set, SqlErr,
};

use crate::domain::{IdNumber, Role};
use crate::error::AppError;
use crate::ssr::accounts::account_store;
use crate::ssr::entities::{provider_identity, user};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::write_transaction::begin_write;

/// Who the provider says is signing in, its signature and claims already checked.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct VouchedPerson {
    pub issuer: String,
    pub subject: String,
    pub id_number: IdNumber,
    pub name: String,
    /// Empty when the provider gave none.
    pub mobile: String,
}

/// Why the provider's person is not signed in, in words for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A Zige account already holds the number: its owner signs in with the password and joins
    /// the two from 我的账号.
    NumberHasAnAccount,
    /// An unverified self-sign-up holds the number: if it is theirs, its owner signs in with the
    /// password and joins the two; if not, the vouched person may claim the number
    /// (`number_claim`), and that account is set aside.
    NumberHeldUnverified,
    /// The number is a staff member's: staff sign in with Zige's own password and second factor.
    StaffNumber,
    /// Joining: the provider's person is not the signed-in account's (another ID number).
    NotThisAccount,
    /// Joining: this identity already signs in to another account, or the account to another
    /// identity of this provider.
    JoinedElsewhere,
    /// Confirming who holds the account: the provider's person is not the identity joined to it.
    NotTheJoinedIdentity,
}

impl Refusal {
    pub fn words(&self) -> (&'static str, &'static str) {
        match self {
            Refusal::NumberHasAnAccount => (
                "该证件号码已有本系统账号。请先用证件号码和密码登录，再在“我的账号”中绑定报名系统账号。",
                "An account with this ID number already exists here. Log in with the ID number and password first, then link the registration system's account under My account.",
            ),
            Refusal::NumberHeldUnverified => (
                "该证件号码已被本系统的一个账号注册，该账号未经报名系统核实。",
                "An account here, not verified by the registration system, already holds this ID number.",
            ),
            Refusal::StaffNumber => (
                "该证件号码属于工作人员账号，工作人员请用证件号码、密码和两步验证登录。",
                "This ID number belongs to a staff account; staff log in with their ID number, password and two-step code.",
            ),
            Refusal::NotThisAccount => (
                "报名系统账号的证件号码与当前登录的账号不一致，未绑定。",
                "The registration system's account has another ID number than the account you are logged in to; nothing was linked.",
            ),
            Refusal::JoinedElsewhere => (
                "该报名系统账号或当前账号已与其他账号绑定，未再次绑定。",
                "That registration system account, or this account, is already linked to another; nothing was linked.",
            ),
            Refusal::NotTheJoinedIdentity => (
                "登录的报名系统账号不是与本账号绑定的账号，身份未确认。",
                "The registration system account you logged in with is not the one linked to this account; nothing was confirmed.",
            ),
        }
    }
}

/// The outcome: an account to sign in to, or a refusal to show.
pub type Outcome = Result<Result<user::Model, Refusal>, AppError>;

/// Signs the person in: the account joined to their identity, else a new candidate account made
/// from the claims (joined in the same step), else a refusal.
#[tracing::instrument(skip_all)]
pub async fn sign_in(db: &DatabaseConnection, person: &VouchedPerson, now: DateTime<Utc>) -> Outcome {
    if let Some(account) = joined_account(db, person).await? {
        return Ok(Ok(account));
    }
    if let Some(holder) = account_store::find_by_id_number(db, person.id_number.as_str()).await? {
        return Ok(Err(holder_refusal(db, &holder).await?));
    }
    let txn = begin_write(db).await?;
    match create_joined(&txn, person, "account made from the provider's claims", now).await? {
        Ok(account) => {
            txn.commit().await?;
            Ok(Ok(account))
        }
        Err(_) => {
            txn.rollback().await?;
            // The same person's two sign-ins at once: the other made the account; it is theirs
            // only if it joined this identity too.
            match joined_account(db, person).await? {
                Some(account) => Ok(Ok(account)),
                None => Ok(Err(Refusal::NumberHasAnAccount)),
            }
        }
    }
}

/// Why an account already holding the number keeps the provider's person out.
pub(super) async fn holder_refusal(db: &impl ConnectionTrait, holder: &user::Model) -> Result<Refusal, AppError> {
    Ok(if holder.role != Role::Candidate {
        Refusal::StaffNumber
    } else if has_joined_identity(db, holder).await? {
        Refusal::NumberHasAnAccount
    } else {
        Refusal::NumberHeldUnverified
    })
}

/// A new candidate account made from the claims and joined to the identity, inside `txn`; a
/// refusal where the number or the identity is taken meanwhile (the caller rolls `txn` back).
pub(super) async fn create_joined(
    txn: &DatabaseTransaction,
    person: &VouchedPerson,
    how: &str,
    now: DateTime<Utc>,
) -> Outcome {
    let created = user::ActiveModel {
        id_number: Set(person.id_number.as_str().to_string()),
        id_type: Set(person.id_number.id_type().as_str().to_string()),
        name: Set(person.name.clone()),
        mobile: Set(person.mobile.clone()),
        email: Set(None),
        // No password opens it: the provider does.
        password_hash: Set("!".to_string()),
        role: Set(Role::Candidate),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await;
    let account = match created {
        Ok(account) => account,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Ok(Err(Refusal::NumberHasAnAccount))
        }
        Err(e) => return Err(crate::ssr::internal("account insert", e)),
    };
    join(txn, person, &account, how, now).await
}

/// Joins the provider's person to the account signed in with its own password, when they are the
/// same person (the same ID number).
pub async fn link(
    db: &DatabaseConnection,
    person: &VouchedPerson,
    account: &user::Model,
    now: DateTime<Utc>,
) -> Outcome {
    if account.role != Role::Candidate {
        return Ok(Err(Refusal::StaffNumber));
    }
    if account.id_number != person.id_number.as_str() {
        return Ok(Err(Refusal::NotThisAccount));
    }
    match joined_account(db, person).await? {
        Some(joined) if joined.id == account.id => return Ok(Ok(joined)),
        Some(_) => return Ok(Err(Refusal::JoinedElsewhere)),
        None => {}
    }
    join(db, person, account, "joined by the account's owner", now).await
}

/// The provider vouches, just now, for the identity joined to the signed-in account: its holder
/// is at the keyboard (an account the provider made has no password to say so).
pub async fn confirm(db: &DatabaseConnection, person: &VouchedPerson, account: &user::Model) -> Outcome {
    match joined_account(db, person).await? {
        Some(joined) if joined.id == account.id => Ok(Ok(joined)),
        _ => Ok(Err(Refusal::NotTheJoinedIdentity)),
    }
}

/// Whether an identity of the provider is joined to the account.
pub async fn has_joined_identity(db: &impl ConnectionTrait, account: &user::Model) -> Result<bool, AppError> {
    Ok(joined_since(db, account).await?.is_some())
}

/// When an identity of the provider was joined to the account, if one is.
pub async fn joined_since(db: &impl ConnectionTrait, account: &user::Model) -> Result<Option<DateTime<Utc>>, AppError> {
    let joined =
        provider_identity::Entity::find().filter(provider_identity::Column::UserId.eq(account.id)).one(db).await?;
    Ok(joined.map(|identity| identity.linked_at))
}

async fn joined_account(db: &DatabaseConnection, person: &VouchedPerson) -> Result<Option<user::Model>, AppError> {
    let identity =
        provider_identity::Entity::find_by_id((person.issuer.clone(), person.subject.clone())).one(db).await?;
    let Some(identity) = identity else { return Ok(None) };
    let account = account_store::find_by_id(db, identity.user_id).await?;
    // A released account keeps its history but is no way in.
    Ok(account.filter(|a| !a.is_released()))
}

async fn join(
    db: &impl ConnectionTrait,
    person: &VouchedPerson,
    account: &user::Model,
    how: &str,
    now: DateTime<Utc>,
) -> Outcome {
    let inserted = provider_identity::ActiveModel {
        issuer: Set(person.issuer.clone()),
        subject: Set(person.subject.clone()),
        user_id: Set(account.id),
        linked_at: Set(now),
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Ok(Err(Refusal::JoinedElsewhere))
        }
        Err(e) => return Err(crate::ssr::internal("identity insert", e)),
    }
    let detail = format!("{how}: {} at {}", account.masked_id_number(), person.issuer);
    audit::record(db, None, AuditAction::ProviderIdentityLinked, &audit::actor_label(account), &detail, now).await?;
    Ok(Ok(account.clone()))
}
