//! Erasing candidates' pictures, personal forms, list entries and messages, for the two reasons the law gives: an exam's
//! retention day has passed (`admin::personal_data_retention`), or a candidate deleted their
//! account (`candidate::account_deletion`). The rows go inside the caller's transaction; the
//! files once it has committed (a file a failed delete leaves behind is unnamed, and the hourly
//! sweep removes it).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::domain::record_ids::{ExamCode, MaterialId, UserId};
use crate::error::AppError;
use crate::ssr::entities::{application, eligible_candidate, material, material_thumbnail, material_version, user};
use crate::ssr::infra::server_state::ServerState;

/// A personal form with nothing in it, as an erased one is left.
pub const EMPTY_FORM: &str = "{}";

/// Whose data is erased.
#[derive(Clone, Copy, Debug)]
pub enum Whose<'a> {
    /// Every candidate's of one exam.
    Exam(&'a ExamCode),
    /// One candidate's, in every exam.
    Person(UserId),
}

/// Deletes every picture and earlier version of `whose`, and empties their personal forms;
/// the keys of the files to delete once `txn` has committed.
pub async fn erase_rows(txn: &DatabaseTransaction, whose: Whose<'_>) -> Result<Vec<String>, AppError> {
    let (pictures_of, forms_of) = match whose {
        Whose::Exam(code) => (material::Column::ExamCode.eq(code), application::Column::ExamCode.eq(code)),
        Whose::Person(user_id) => (material::Column::UserId.eq(user_id), application::Column::UserId.eq(user_id)),
    };
    let pictures = material::Entity::find().filter(pictures_of).all(txn).await?;
    let ids: Vec<MaterialId> = pictures.iter().map(|p| p.id.clone()).collect();
    let versions = material_version::Entity::find()
        .filter(material_version::Column::MaterialId.is_in(ids.clone()))
        .all(txn)
        .await?;
    material_version::Entity::delete_many()
        .filter(material_version::Column::MaterialId.is_in(ids.clone()))
        .exec(txn)
        .await?;
    // The database removes the small copies with their pictures too; said here so the erasure
    // does not rest on a setting of the connection.
    material_thumbnail::Entity::delete_many()
        .filter(material_thumbnail::Column::MaterialId.is_in(ids.clone()))
        .exec(txn)
        .await?;
    material::Entity::delete_many().filter(material::Column::Id.is_in(ids)).exec(txn).await?;
    application::Entity::update_many()
        .col_expr(application::Column::Form, Expr::value(EMPTY_FORM))
        .filter(forms_of)
        .exec(txn)
        .await?;
    erase_lists_and_messages(txn, whose).await?;
    let keys: Vec<String> =
        pictures.into_iter().map(|p| p.blob_key).chain(versions.into_iter().map(|v| v.blob_key)).collect();
    // What the reviewer's assistant read in them (a QR code's text, an ID number) goes with them.
    crate::ssr::assistant::picture_assistant::forget(txn, &keys).await?;
    Ok(keys)
}

/// The imported eligibility lists hold full ID numbers and names, and the outbox mobiles, emails
/// and message bodies: an exam past its day loses its list; a person who deletes their account
/// leaves every list and takes every message to them along (when each number was told stays, in
/// the ledger that holds no readable number, `exams::told_numbers`, until the exam's day).
async fn erase_lists_and_messages(txn: &DatabaseTransaction, whose: Whose<'_>) -> Result<(), AppError> {
    match whose {
        Whose::Exam(code) => {
            eligible_candidate::Entity::delete_many()
                .filter(eligible_candidate::Column::ExamCode.eq(code))
                .exec(txn)
                .await?;
            crate::ssr::exams::told_numbers::forget_exam(txn, code).await?;
        }
        Whose::Person(user_id) => {
            let Some(person) = user::Entity::find_by_id(user_id).one(txn).await? else { return Ok(()) };
            eligible_candidate::Entity::delete_many()
                .filter(eligible_candidate::Column::IdNumber.eq(person.id_number.as_str()))
                .exec(txn)
                .await?;
            // The 公众号's follower too, while the binding still stands (the account's deletion
            // removes it after this).
            let follower = crate::ssr::messaging::official_account_binding::binding_of(txn, user_id).await?;
            let addresses = [Some(person.mobile), person.email, follower.map(|binding| binding.openid)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            crate::ssr::messaging::outbox_purge::erase_to(txn, &addresses).await?;
        }
    }
    Ok(())
}

/// Deletes the files of erased rows, after their transaction committed.
pub async fn delete_files(state: &ServerState, keys: &[String]) {
    for key in keys {
        if let Err(error) = state.blobs.delete(key).await {
            tracing::warn!(key, %error, "an erased picture's file is left for the sweep");
        }
    }
}
