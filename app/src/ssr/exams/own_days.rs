//! A listed candidate's own days (seed 004, 九.4), read from the list: where the exam counts days
//! from the text and the gateway accepted the text, the last day they may upload and submit.

use chrono::{NaiveDate, Utc};
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::domain::own_deadline::{end_of_china_day, own_last_day};
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::ssr::entities::eligible_candidate;

/// The candidate's own last day, or None: the exam gives no own days, the person is not listed,
/// no text of theirs was accepted yet (a text given up starts no clock), or the window closes
/// first.
pub async fn last_day_of(
    db: &DatabaseConnection,
    definition: &ExamDefinition,
    id_number: &str,
) -> Result<Option<NaiveDate>, AppError> {
    if definition.upload_days_after_notice.is_none() {
        return Ok(None);
    }
    let row = eligible_candidate::Entity::find_by_id((definition.code.clone(), id_number.to_string())).one(db).await?;
    Ok(row.and_then(|row| last_day(definition, &row)))
}

/// The same, for a row already read. A last day ending at or after the window's close changes
/// nothing (the window closes first), so it is None then too.
pub fn last_day(definition: &ExamDefinition, row: &eligible_candidate::Model) -> Option<NaiveDate> {
    let days = definition.upload_days_after_notice?;
    let day = own_last_day(row.noticed_at?, days, row.extra_days);
    (end_of_china_day(day) < definition.windows.upload_closes.with_timezone(&Utc)).then_some(day)
}
