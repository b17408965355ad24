//! Each exam's document templates: the administrator's own where one was saved, else the one
//! shipped with Zige in `exams/templates/` (built into the binary, like the presets).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::domain::document_kind::DocumentKind;
use crate::domain::record_ids::{ExamCode, UserId};
use crate::error::AppError;
use crate::ssr::entities::document_template;

/// The template Zige ships for `kind`.
pub fn shipped(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::UploadReceipt => include_str!("../../../../exams/templates/upload-receipt.typ"),
        DocumentKind::RegistrationForm => include_str!("../../../../exams/templates/registration-form.typ"),
        DocumentKind::IntroductionLetter => include_str!("../../../../exams/templates/introduction-letter.typ"),
        DocumentKind::PaymentReceipt => include_str!("../../../../exams/templates/payment-receipt.typ"),
        DocumentKind::AdmissionTicket => include_str!("../../../../exams/templates/admission-ticket.typ"),
        DocumentKind::MaterialHandover => include_str!("../../../../exams/templates/material-handover.typ"),
    }
}

/// The template an exam's document is laid out with, and when an administrator saved it (none:
/// the shipped one).
pub struct CurrentTemplate {
    pub source: String,
    pub saved: Option<(DateTime<Utc>, UserId)>,
}

pub async fn current(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    kind: DocumentKind,
) -> Result<CurrentTemplate, AppError> {
    let row = document_template::Entity::find_by_id((exam_code.clone(), kind.key().to_string())).one(db).await?;
    Ok(match row {
        Some(row) => CurrentTemplate { source: row.source, saved: Some((row.saved_at, row.saved_by)) },
        None => CurrentTemplate { source: shipped(kind).to_string(), saved: None },
    })
}

/// Keeps `source` as the exam's template for `kind` (it was checked before).
pub async fn store(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    kind: DocumentKind,
    source: &str,
    saved_by: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = document_template::ActiveModel {
        exam_code: Set(exam_code.clone()),
        document: Set(kind.key().to_string()),
        source: Set(source.to_string()),
        saved_at: Set(now),
        saved_by: Set(saved_by),
    };
    document_template::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([document_template::Column::ExamCode, document_template::Column::Document])
                .update_columns([
                    document_template::Column::Source,
                    document_template::Column::SavedAt,
                    document_template::Column::SavedBy,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Goes back to the shipped template. Returns whether the exam had its own.
pub async fn forget(db: &DatabaseConnection, exam_code: &ExamCode, kind: DocumentKind) -> Result<bool, AppError> {
    let gone = document_template::Entity::delete_many()
        .filter(document_template::Column::ExamCode.eq(exam_code))
        .filter(document_template::Column::Document.eq(kind.key()))
        .exec(db)
        .await?;
    Ok(gone.rows_affected > 0)
}
