//! A staff member's ten recovery codes: issued at enrolment and shown that once, each signing in
//! once in place of the authenticator's code. Kept as salted hashes (`code_hash`).

use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::domain::record_ids::UserId;
use crate::domain::second_factor_code::{recovery_code_for_display, RECOVERY_ALPHABET, RECOVERY_CODE_CHARS};
use crate::error::AppError;
use crate::ssr::accounts::code_hash::{new_salt, salted_hash};
use crate::ssr::entities::second_factor_recovery_code as recovery;

/// How many codes an enrolment issues.
pub const CODES_PER_ENROLMENT: usize = 10;

/// Replaces the account's codes with a new set; returns them as their owner is shown them
/// ("ABCDE-FGHJK"), the only time they exist outside the owner's hands.
pub async fn issue(db: &impl ConnectionTrait, user_id: UserId, now: DateTime<Utc>) -> Result<Vec<String>, AppError> {
    forget(db, user_id).await?;
    let mut shown = Vec::with_capacity(CODES_PER_ENROLMENT);
    for _ in 0..CODES_PER_ENROLMENT {
        let code = random_code();
        let salt = new_salt();
        recovery::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(salted_hash(&salt, &code)),
            salt: Set(salt),
            created_at: Set(now),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        shown.push(recovery_code_for_display(&code));
    }
    Ok(shown)
}

/// Uses up the account's code equal to `typed` (upper-case, no hyphen); the codes left after
/// it, or None when no unused code matches. Two sign-ins racing with one code: the conditional
/// update lets one of them have it.
pub async fn spend(
    db: &impl ConnectionTrait,
    user_id: UserId,
    typed: &str,
    now: DateTime<Utc>,
) -> Result<Option<u64>, AppError> {
    let unused = recovery::Entity::find()
        .filter(recovery::Column::UserId.eq(user_id))
        .filter(recovery::Column::UsedAt.is_null())
        .all(db)
        .await?;
    let Some(matching) = unused.iter().find(|row| salted_hash(&row.salt, typed) == row.code_hash) else {
        return Ok(None);
    };
    let spent = recovery::Entity::update_many()
        .col_expr(recovery::Column::UsedAt, Expr::value(now))
        .filter(recovery::Column::Id.eq(matching.id))
        .filter(recovery::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if spent.rows_affected == 0 {
        return Ok(None);
    }
    let left = recovery::Entity::find()
        .filter(recovery::Column::UserId.eq(user_id))
        .filter(recovery::Column::UsedAt.is_null())
        .count(db)
        .await?;
    Ok(Some(left))
}

/// Removes every code of the account (a new enrolment, or a reset by an administrator).
pub async fn forget(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), AppError> {
    recovery::Entity::delete_many().filter(recovery::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}

fn random_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODE_CHARS).map(|_| RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::second_factor_code::SecondFactorCode;

    #[test]
    fn a_new_code_reads_back_as_a_recovery_code_as_typed_from_the_sheet() {
        let code = random_code();
        let typed = recovery_code_for_display(&code).to_lowercase();
        assert_eq!(SecondFactorCode::parse(&typed).unwrap(), SecondFactorCode::Recovery(code));
    }
}
