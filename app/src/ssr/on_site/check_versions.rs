//! The on-site check's acts carry the card they were made on (issue 65): the check's version the card
//! showed (0: nothing ticked yet). A tick or an outcome is written only while the check is still
//! at that version, and each write counts it up; otherwise another staff member (or another tab) changed
//! the candidate meanwhile, and the act is refused naming whose card it was, never written over
//! what other staff did.

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::error::AppError;
use crate::ssr::entities::{on_site_check, user};

/// A check without an outcome, with these ticks, at its first version.
fn open_check(
    application_id: ApplicationId,
    exam_code: &ExamCode,
    seen: &[String],
    received: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> on_site_check::ActiveModel {
    on_site_check::ActiveModel {
        application_id: Set(application_id),
        exam_code: Set(exam_code.clone()),
        seen: Set(seen.join(",")),
        received: Set(received.join(",")),
        outcome: Set(None),
        reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// The version an outcome is recorded over: the card's, or, for a card made before anything was
/// ticked, the empty check made now. None when another staff member made the check first.
pub async fn version_to_decide_over<C: ConnectionTrait>(
    db: &C,
    application_id: ApplicationId,
    exam_code: &ExamCode,
    card_version: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<i32>, AppError> {
    if card_version > 0 {
        return Ok(Some(card_version));
    }
    Ok(make_check(db, application_id, exam_code, (&[], &[]), now).await?.then_some(1))
}

/// Makes the candidate's check at its first version, with these ticks; false when another staff member
/// made it first.
async fn make_check<C: ConnectionTrait>(
    db: &C,
    application_id: ApplicationId,
    exam_code: &ExamCode,
    (seen, received): (&[String], &[String]),
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    let made = on_site_check::Entity::insert(open_check(application_id, exam_code, seen, received, now))
        .on_conflict(OnConflict::column(on_site_check::Column::ApplicationId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(made == 1)
}

/// Writes the ticks over the card's version; false when the check is no longer at it (or has its
/// outcome).
pub async fn write_ticks<C: ConnectionTrait>(
    db: &C,
    application_id: ApplicationId,
    exam_code: &ExamCode,
    card_version: i32,
    (seen, received): (&[String], &[String]),
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    if card_version == 0 {
        // The card was made before anything was ticked: the first tick makes the check, unless
        // another staff member made it first.
        return make_check(db, application_id, exam_code, (seen, received), now).await;
    }
    let written = on_site_check::Entity::update_many()
        .col_expr(on_site_check::Column::Seen, Expr::value(seen.join(",")))
        .col_expr(on_site_check::Column::Received, Expr::value(received.join(",")))
        .col_expr(on_site_check::Column::UpdatedAt, Expr::value(now))
        .col_expr(on_site_check::Column::Version, Expr::col(on_site_check::Column::Version).add(1))
        .filter(on_site_check::Column::ApplicationId.eq(application_id))
        .filter(on_site_check::Column::Version.eq(card_version))
        // Ticks stop with the outcome, whoever recorded it meanwhile.
        .filter(on_site_check::Column::Outcome.is_null())
        .exec(db)
        .await?;
    Ok(written.rows_affected == 1)
}

/// The refusal of an act made on a card another staff member has changed since: whose card it was.
pub fn stale_card(person: &user::Model) -> AppError {
    let (name, id_number) = (person.name.as_str(), person.masked_id_number());
    AppError::invalid_field(
        "card",
        format!("这张卡片已过期：{name}（{id_number}）的记录刚被另一台电脑修改，本次操作未保存；请重新扫码后再操作"),
        format!(
            "This card is out of date: {name} ({id_number}) was just changed at another staff member, and this act was not saved; scan again, then act"
        ),
    )
}
