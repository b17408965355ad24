//! 个人信息保留期限 (个人信息保护法): an exam keeps its candidates' pictures and personal forms until
//! the day its exam file names (`personal_data_until`), and no longer. After it the server deletes
//! them itself (`delete_due`, with the hourly sweep) or an administrator does at once, having seen
//! the dry run (`held`): every picture and earlier version, every personal form. Decisions,
//! results, payments and the audit stay. The deletion is audited with the backups taken before
//! it, which still hold the data.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::personal_data::PersonalDataHeld;
use crate::ssr::candidate::personal_data_erasure::{delete_files, erase_rows, Whose, EMPTY_FORM};
use crate::ssr::entities::{application, audit_entry, material, material_version, user};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::clock::china_today;
use crate::ssr::infra::server_state::ServerState;

use crate::ssr::exams::exam_store;
use crate::ssr::infra::write_transaction::begin_write;

/// What the exam holds of its candidates now, and whether it is due for deletion (the dry run).
pub async fn held(state: &ServerState, exam_code: &ExamCode) -> Result<PersonalDataHeld, AppError> {
    let definition = exam_store::load(&state.db, exam_code).await?.ok_or(AppError::NotFound)?;
    let pictures: Vec<(String, i32)> = material::Entity::find()
        .filter(material::Column::ExamCode.eq(exam_code))
        .select_only()
        .column(material::Column::Id)
        .column(material::Column::UserId)
        .into_tuple()
        .all(&state.db)
        .await?;
    let versions = material_version::Entity::find()
        .filter(material_version::Column::MaterialId.is_in(pictures.iter().map(|(id, _)| id.clone())))
        .count(&state.db)
        .await?;
    let forms: Vec<i32> = application::Entity::find()
        .filter(application::Column::ExamCode.eq(exam_code))
        .filter(application::Column::Form.ne(EMPTY_FORM))
        .filter(application::Column::Form.ne(""))
        .select_only()
        .column(application::Column::UserId)
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut people: Vec<i32> = pictures.iter().map(|(_, user)| *user).chain(forms.iter().copied()).collect();
    people.sort_unstable();
    people.dedup();
    let backups = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(AuditAction::BackupTaken.as_str()))
        .order_by_asc(audit_entry::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|entry| (crate::domain::china_time::china_time(entry.at), entry.detail))
        .collect();
    let until = definition.personal_data_until;
    Ok(PersonalDataHeld {
        until: until.map(|day| day.to_string()),
        due: until.is_some_and(|day| china_today(state.clock.now()) > day),
        candidates: people.len() as u32,
        pictures: (pictures.len() as u64 + versions) as u32,
        forms: forms.len() as u32,
        backups,
    })
}

/// Deletes the exam's pictures and personal forms once its day has passed; what was deleted.
/// `staff` is None when the server does it on its own.
pub async fn delete(
    state: &ServerState,
    staff: Option<&user::Model>,
    exam_code: &ExamCode,
) -> Result<PersonalDataHeld, AppError> {
    let before = held(state, exam_code).await?;
    let Some(until) = before.until.clone().filter(|_| before.due) else {
        return Err(AppError::invalid_field(
            "personal_data_until",
            format!("个人信息保留至 {}，期限过后才能删除", before.until.as_deref().unwrap_or("（未设置）")),
            format!(
                "Personal data is kept until {}; it can be deleted only after that",
                before.until.as_deref().unwrap_or("(not set)")
            ),
        ));
    };
    let txn = begin_write(&state.db).await?;
    let files = erase_rows(&txn, Whose::Exam(exam_code)).await?;
    let detail = format!(
        "{exam_code}: {} pictures and {} personal forms of {} candidates deleted (kept until {until}); backups taken before still hold them: {}",
        before.pictures,
        before.forms,
        before.candidates,
        if before.backups.is_empty() {
            "none".to_string()
        } else {
            before.backups.iter().map(|(at, detail)| format!("{} {detail}", at.en())).collect::<Vec<_>>().join("; ")
        }
    );
    audit::record(&txn, staff, AuditAction::PersonalDataDeleted, exam_code.as_str(), &detail, state.clock.now())
        .await?;
    txn.commit().await?;
    delete_files(state, &files).await;
    Ok(before)
}

/// The server's own pass: every exam past its day that still holds pictures or forms.
pub async fn delete_due(state: &ServerState) -> Result<usize, AppError> {
    let mut deleted = 0;
    for definition in exam_store::list_definitions(&state.db).await? {
        let held = held(state, &definition.code).await?;
        if held.due && (held.pictures > 0 || held.forms > 0 || has_list(state, &definition.code).await?) {
            delete(state, None, &definition.code).await?;
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Whether the exam still holds an imported eligibility list (ID numbers and names).
async fn has_list(state: &ServerState, exam_code: &ExamCode) -> Result<bool, AppError> {
    use crate::ssr::entities::eligible_candidate;
    let entries = eligible_candidate::Entity::find()
        .filter(eligible_candidate::Column::ExamCode.eq(exam_code))
        .count(&state.db)
        .await?;
    Ok(entries > 0)
}
