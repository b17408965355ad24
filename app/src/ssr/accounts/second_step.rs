//! The second step of a staff member's sign-in as one service: the authenticator's code (which,
//! the first time, confirms the enrolment and issues the recovery codes) or a recovery code.
//! Wrong codes are counted per account and address with wrong passwords, and per account from
//! anywhere, and audited as failed logins; a right one gives its attempts back.

use std::net::IpAddr;

use crate::domain::second_factor_code::SecondFactorCode;
use crate::error::AppError;
use crate::ssr::accounts::second_factor::{self, CodeAccepted};
use crate::ssr::accounts::{second_factor_enrolment, wrong_codes};
use crate::ssr::entities::user;
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;

/// What the person is told once the code was taken.
pub struct SecondStepTaken {
    /// At enrolment: the ten recovery codes, shown this once.
    pub new_recovery_codes: Vec<String>,
    /// When a recovery code was used: how many are left.
    pub recovery_codes_left: Option<u64>,
}

pub async fn give(
    state: &ServerState,
    account: &user::Model,
    code: &SecondFactorCode,
    address: IpAddr,
) -> Result<SecondStepTaken, AppError> {
    let now = state.clock.now();
    let limits = &state.rate_limits;
    limits.begin_password_attempt(&account.id_number, address)?;
    if let Err(refused) = limits.begin_second_factor_attempt(account.id) {
        limits.give_back_password_attempt(&account.id_number, address);
        return Err(refused);
    }
    // Read once: whether it is confirmed says which of the two the code is for.
    let row = match second_factor::find(&state.db, account.id).await {
        Ok(row) => row,
        Err(error) => {
            limits.give_back_password_attempt(&account.id_number, address);
            limits.give_back_second_factor_attempt(account.id);
            return Err(error);
        }
    };
    let outcome = async {
        let row = row.as_ref().ok_or_else(second_factor::not_enrolled)?;
        wrong_codes::refuse_if_locked(row)?;
        if row.confirmed_at.is_some() {
            let left = match second_factor::check(&state.db, account, row, code, now).await? {
                CodeAccepted::Authenticator => None,
                CodeAccepted::RecoveryCode { left } => Some(left),
            };
            Ok(SecondStepTaken { new_recovery_codes: Vec::new(), recovery_codes_left: left })
        } else {
            let codes = second_factor_enrolment::confirm_enrolment(&state.db, account, row, code, now).await?;
            Ok(SecondStepTaken { new_recovery_codes: codes, recovery_codes_left: None })
        }
    }
    .await;
    // Only a wrong code counts: a right one, or a server too busy to tell, gives its attempts back.
    let locked = row.as_ref().is_some_and(|row| row.locked_at.is_some());
    let wrong_code = matches!(outcome, Err(AppError::InvalidField { .. })) && !locked;
    if !wrong_code {
        limits.give_back_password_attempt(&account.id_number, address);
        limits.give_back_second_factor_attempt(account.id);
    } else {
        tracing::warn!(user_id = %account.id, "wrong second-factor code");
        audit::record(
            &state.db,
            None,
            AuditAction::FailedLogin,
            &audit::actor_label(account),
            "right password, wrong second-factor code",
            now,
        )
        .await?;
        if let Some(row) = row.as_ref().filter(|row| row.confirmed_at.is_some()) {
            wrong_codes::count(&state.db, account, row, now).await?;
        }
    }
    outcome
}
