//! The 证书编号 on a record that prints one (a category with `diploma_number = true`: seed 004's
//! 备案表) against the numbers in the candidate's 高等教育学历 rows (issue 66): the assistant reads
//! it once, when it first looks at the picture (`picture_assistant`), or later where tesseract did
//! not finish (`diploma_number_retry`); the number read is kept, and compared with the rows then
//! and again each time the candidate saves the form, without reading the picture again.

use chrono::{DateTime, Utc};
use picture_checks::number_reading::Reading;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::domain::diploma_rows::diploma_rows_of;
use crate::domain::personal_form::FormValues;
use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::ssr::application::{application_queries, material_queries};
use crate::ssr::assistant::card_number_check::resident_id_number;
use crate::ssr::assistant::picture_analysis::DiplomaNumberCheck;
use crate::ssr::assistant::reading_retry::retry_at;
use crate::ssr::entities::picture_finding;
use crate::ssr::entities::picture_finding::NumberComparison;
use crate::ssr::infra::server_state::ServerState;

/// How to read the 证书编号 on a picture of `user_id`'s: where this server has a tesseract.
pub async fn diploma_number_check(
    state: &ServerState,
    user_id: UserId,
) -> Result<Option<DiplomaNumberCheck>, AppError> {
    let Some(tesseract) = crate::ssr::assistant::assistant_state::tesseract_of(state) else {
        return Ok(None);
    };
    let holder_id_number = resident_id_number(&state.db, user_id).await?;
    Ok(Some(DiplomaNumberCheck { holder_id_number, tesseract }))
}

/// The numbers typed in the 高等教育学历 rows of a form.
pub fn typed_numbers(definition: &ExamDefinition, form: &FormValues) -> Vec<String> {
    diploma_rows_of(&definition.form, form).into_iter().map(|row| row.number.trim().to_string()).collect()
}

/// The numbers typed in the rows of the candidate's application to the exam, as stored now.
pub async fn typed_numbers_now(
    db: &DatabaseConnection,
    definition: &ExamDefinition,
    user_id: UserId,
    exam_code: &ExamCode,
) -> Result<Vec<String>, AppError> {
    let application = application_queries::find(db, user_id, exam_code).await?;
    Ok(application
        .map(|application| typed_numbers(definition, &application_queries::form_of(&application)))
        .unwrap_or_default())
}

/// What a reading says against the rows: a number read is one of them or not; nothing read is
/// never "differs".
pub fn compared(reading: &Reading, typed: &[String]) -> NumberComparison {
    match reading {
        Reading::Read(number) if typed.contains(number) => NumberComparison::Matches,
        Reading::Read(_) => NumberComparison::Differs,
        Reading::Unreadable => NumberComparison::Unreadable,
        Reading::Unfinished => NumberComparison::Unfinished,
    }
}

/// A finding's 证书编号 columns for `reading` taken `now` (None: the category prints none), first
/// tried at `first_tried`; the rest of the finding is left as it is.
pub fn diploma_number_kept(
    reading: Option<&Reading>,
    typed: &[String],
    first_tried: DateTime<Utc>,
    now: DateTime<Utc>,
) -> picture_finding::ActiveModel {
    let comparison = reading.map(|reading| compared(reading, typed));
    picture_finding::ActiveModel {
        diploma_number: Set(comparison.map(|comparison| comparison.as_str().to_string())),
        diploma_number_read: Set(match reading {
            Some(Reading::Read(number)) => Some(number.clone()),
            _ => None,
        }),
        diploma_number_retry_at: Set(
            (comparison == Some(NumberComparison::Unfinished)).then(|| retry_at(first_tried, now))
        ),
        ..Default::default()
    }
}

/// The candidate saved the form: each 证书编号 read off their pictures for the exam is compared
/// again with the rows as they are now (`typed`).
pub async fn compare_with_rows(
    db: &DatabaseConnection,
    user_id: UserId,
    exam_code: &ExamCode,
    typed: &[String],
) -> Result<(), AppError> {
    let keys: Vec<String> =
        material_queries::rows_of(db, user_id, exam_code).await?.into_iter().map(|picture| picture.blob_key).collect();
    if keys.is_empty() {
        return Ok(());
    }
    let read = || {
        picture_finding::Entity::update_many()
            .filter(picture_finding::Column::BlobKey.is_in(keys.clone()))
            .filter(picture_finding::Column::DiplomaNumberRead.is_not_null())
    };
    read()
        .filter(picture_finding::Column::DiplomaNumberRead.is_in(typed.iter().cloned()))
        .col_expr(picture_finding::Column::DiplomaNumber, Expr::value(NumberComparison::Matches.as_str()))
        .exec(db)
        .await?;
    read()
        .filter(picture_finding::Column::DiplomaNumberRead.is_not_in(typed.iter().cloned()))
        .col_expr(picture_finding::Column::DiplomaNumber, Expr::value(NumberComparison::Differs.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// After a reading is written: compared once more with the rows as they are now. A save that
/// came while the picture was being read compared before the reading was there, and the reading
/// itself was compared with the rows from before that save; this closes the gap between them.
pub async fn compare_with_rows_now(
    db: &DatabaseConnection,
    definition: &ExamDefinition,
    user_id: UserId,
    exam_code: &ExamCode,
) -> Result<(), AppError> {
    let typed = typed_numbers_now(db, definition, user_id, exam_code).await?;
    compare_with_rows(db, user_id, exam_code, &typed).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_read_is_compared_with_every_row_and_nothing_read_never_differs() {
        let typed = vec!["104231201205001234".to_string(), "104231201602000077".to_string()];
        let read = |number: &str| Reading::Read(number.to_string());
        assert_eq!(compared(&read("104231201602000077"), &typed), NumberComparison::Matches);
        assert_eq!(compared(&read("104231201205001235"), &typed), NumberComparison::Differs);
        assert_eq!(compared(&read("104231201205001234"), &[]), NumberComparison::Differs, "no rows yet");
        assert_eq!(compared(&Reading::Unreadable, &typed), NumberComparison::Unreadable);
        assert_eq!(compared(&Reading::Unfinished, &typed), NumberComparison::Unfinished);
    }
}
