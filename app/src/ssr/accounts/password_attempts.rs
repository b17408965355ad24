//! A password tried, as a service: signing in with one and changing one both cost a hash and are
//! counted per account and address (a guesser is held back at the accounts it tries while the
//! owner, at another address, still gets in); only a wrong password stays counted, and a wrong one
//! at sign-in is audited as a failed login.

use std::net::IpAddr;

use crate::domain::new_password::NewPassword;
use crate::error::AppError;
use crate::ssr::accounts::account_store;
use crate::ssr::entities::user;
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;

/// Longer than any document number Zige accepts (passports and permits included): no account,
/// and not kept in the limits' table.
const MAX_ID_NUMBER_CHARS: usize = 32;

/// The account whose ID number and password these are.
pub async fn sign_in(
    state: &ServerState,
    id_number: &str,
    password: &str,
    address: IpAddr,
) -> Result<user::Model, AppError> {
    let id_number = crate::domain::id_number::normalised_id_number(id_number);
    if id_number.chars().count() > MAX_ID_NUMBER_CHARS {
        return Err(AppError::BadCredentials);
    }
    state.rate_limits.begin_password_attempt(&id_number, address)?;
    match account_store::authenticate(&state.db, &id_number, password).await {
        Ok(account) => {
            state.rate_limits.give_back_password_attempt(&id_number, address);
            Ok(account)
        }
        Err(error) => {
            tracing::warn!("failed login");
            if error == AppError::BadCredentials {
                audit::record(
                    &state.db,
                    None,
                    AuditAction::FailedLogin,
                    &audit::masked_id_number(&id_number),
                    "wrong ID number or password",
                    state.clock.now(),
                )
                .await?;
            } else {
                // Not a wrong password (the server was busy): it does not count against anyone.
                state.rate_limits.give_back_password_attempt(&id_number, address);
            }
            Err(error)
        }
    }
}

/// 修改密码 by the account's owner: the current password must be right. Audited once changed.
pub async fn change(
    state: &ServerState,
    account: &user::Model,
    old_password: &str,
    new_password: NewPassword,
    address: IpAddr,
) -> Result<user::Model, AppError> {
    state.rate_limits.begin_password_attempt(&account.id_number, address)?;
    let changed = match account_store::change_password(&state.db, account, old_password, new_password).await {
        Ok(changed) => {
            state.rate_limits.give_back_password_attempt(&account.id_number, address);
            changed
        }
        Err(wrong) => {
            // Only a wrong current password stays counted.
            if !matches!(&wrong, AppError::InvalidField { .. }) {
                state.rate_limits.give_back_password_attempt(&account.id_number, address);
            }
            return Err(wrong);
        }
    };
    audit::record(
        &state.db,
        Some(&changed),
        AuditAction::PasswordChanged,
        &audit::actor_label(&changed),
        "by its owner; every other session ended",
        state.clock.now(),
    )
    .await?;
    Ok(changed)
}
