//! Who is calling, as a type. A server function's first line asks for the kind of caller its
//! service needs (`caller::candidate()`, `caller::staff()`, `caller::admin()` or
//! `caller::signed_in()`), refused with 401 or 403 before anything else runs; a plain route admits
//! the session's account with `caller::from_session`. The services take `&Caller<G>`, so one meant for
//! administrators cannot be called with anyone else: there is no other way to make a
//! `Caller<Admin>`.
//!
//! ```compile_fail,E0308
//! use app::ssr::access::caller::Caller;
//! use app::ssr::access::gate::{Admin, Candidate};
//! fn for_administrators(_: &Caller<Admin>) {}
//! fn handed_a_candidate(candidate: &Caller<Candidate>) {
//!     for_administrators(candidate);
//! }
//! ```

use std::marker::PhantomData;
use std::ops::Deref;

use crate::error::AppError;
use crate::ssr::access::gate::{self, Gate};
use crate::ssr::access::session_user;
use crate::ssr::entities::user;
use crate::ssr::infra::server_state::{server_state, ServerState};

/// A signed-in account whose role `G` admits. Reads as the account (`caller.id`, `caller.name`).
pub struct Caller<G: Gate> {
    account: user::Model,
    gate: PhantomData<G>,
}

impl<G: Gate> Caller<G> {
    /// The account, when its role is one `G` admits; anyone else is refused (403).
    pub fn admit(account: user::Model) -> Result<Self, AppError> {
        if G::admits(account.role) {
            Ok(Caller { account, gate: PhantomData })
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The same account as another kind of caller, when its role is one that kind admits.
    pub fn as_a<H: Gate>(&self) -> Result<Caller<H>, AppError> {
        Caller::admit(self.account.clone())
    }

    pub fn account(&self) -> &user::Model {
        &self.account
    }
}

impl<G: Gate> Clone for Caller<G> {
    fn clone(&self) -> Self {
        Caller { account: self.account.clone(), gate: PhantomData }
    }
}

impl<G: Gate> Deref for Caller<G> {
    type Target = user::Model;

    fn deref(&self) -> &user::Model {
        &self.account
    }
}

/// Anyone signed in; what they may do is checked by the service they call.
pub async fn signed_in() -> Result<(ServerState, Caller<gate::Anyone>), AppError> {
    called_by().await
}

/// Candidates only.
pub async fn candidate() -> Result<(ServerState, Caller<gate::Candidate>), AppError> {
    called_by().await
}

/// Reviewers and administrators only.
pub async fn staff() -> Result<(ServerState, Caller<gate::Staff>), AppError> {
    called_by().await
}

/// Administrators only.
pub async fn admin() -> Result<(ServerState, Caller<gate::Admin>), AppError> {
    called_by().await
}

async fn called_by<G: Gate>() -> Result<(ServerState, Caller<G>), AppError> {
    let state = server_state()?;
    let account = session_user::request_user(&state.db).await?;
    Ok((state, Caller::admit(account)?))
}

/// In a plain route: the session's account as the kind of caller the route serves.
pub async fn from_session<G: Gate>(
    session: &tower_sessions::Session,
    db: &sea_orm::DatabaseConnection,
) -> Result<Caller<G>, AppError> {
    Caller::admit(session_user::user_from_session(session, db).await?)
}

/// Halfway through signing in: a staff member whose password was right and whose second factor
/// is still to come (`pending_sign_in`), with the session that waits for it.
pub async fn halfway_signed_in() -> Result<(ServerState, tower_sessions::Session, user::Model), AppError> {
    let state = server_state()?;
    let session = session_user::request_session().await?;
    let account = crate::ssr::access::pending_sign_in::account(&session, &state.db, state.clock.now()).await?;
    Ok((state, session, account))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn account(role: Role) -> user::Model {
        user::Model {
            id: crate::domain::record_ids::UserId(7),
            id_number: "44030519900101123X".into(),
            id_type: crate::domain::IdType::ResidentId.as_str().into(),
            name: "李明".into(),
            mobile: "13800138000".into(),
            password_hash: String::new(),
            role,
            email: None,
            created_at: chrono::Utc::now(),
            session_generation: 0,
            mobile_verified_at: None,
            id_valid_until: None,
        }
    }

    #[test]
    fn a_candidate_is_refused_where_an_administrator_is_asked_for() {
        assert!(matches!(Caller::<gate::Admin>::admit(account(Role::Candidate)), Err(AppError::Forbidden)));
        assert!(matches!(Caller::<gate::Admin>::admit(account(Role::Reviewer)), Err(AppError::Forbidden)));
        assert_eq!(
            Caller::<gate::Admin>::admit(account(Role::Admin)).map(|c| c.id).ok(),
            Some(crate::domain::record_ids::UserId(7))
        );
    }

    #[test]
    fn an_administrator_may_act_as_staff_and_never_as_a_candidate() {
        let Ok(admin) = Caller::<gate::Admin>::admit(account(Role::Admin)) else {
            panic!("an administrator is admitted")
        };
        assert!(admin.as_a::<gate::Staff>().is_ok());
        assert!(matches!(admin.as_a::<gate::Candidate>(), Err(AppError::Forbidden)));
    }
}
