//! Seed 002's 照片确认: "上传成功后跳转到照片确认页面，核对照片无误后点击'确定' …上传照片信息一旦确认，将不允许
//! 修改". A category whose exam file says `confirmed_once = true` is checked by the candidate as it
//! will print (`/exams/{code}/confirm/{category}`, the server's page) and, once confirmed, locked
//! as a submission locks it: no delete, no replacement, until a reviewer's return unlocks it.
//! The confirmation is on the application's timeline with its time.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::domain::exam_definition::CategoryDefinition;
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::{ApplicationState, Change};
use crate::error::AppError;
use crate::models::candidate::MaterialView;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::candidate_access;
use crate::ssr::access::gate::Candidate;
use crate::ssr::application::{application_claim, material_queries};
use crate::ssr::entities::material;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::messaging::timeline::{self, Step};

/// What the confirmation page shows: the exam, the category and its pictures.
pub struct ToConfirm {
    pub exam_title_zh: String,
    pub exam_title_en: String,
    pub category: CategoryDefinition,
    pub pictures: Vec<MaterialView>,
    /// The draft they belong to.
    pub application_id: ApplicationId,
}

/// The pictures of `category` waiting to be confirmed, for the candidate's own draft.
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %code, category))]
pub async fn to_confirm(
    state: &ServerState,
    account: &Caller<Candidate>,
    code: &ExamCode,
    category: &str,
) -> Result<ToConfirm, AppError> {
    let exam = candidate_access::enter(state, account, code).await?;
    let definition = confirmable(&exam.definition.categories, category)?.clone();
    let application_id = draft_of(&exam)?.id;
    let rows = material_queries::owned_in_category(state, account.id, code, category).await?;
    if rows.is_empty() {
        return Err(AppError::InvalidField {
            field: category.to_string(),
            message_zh: format!("请先上传{}，再核对确认", definition.name_zh),
            message_en: format!("Upload the {} first, then check and confirm it", definition.name_en),
        });
    }
    if rows.iter().all(|row| row.locked_at.is_some()) {
        return Err(confirmed_already(&definition));
    }
    Ok(ToConfirm {
        exam_title_zh: exam.definition.title_zh.clone(),
        exam_title_en: exam.definition.title_en.clone(),
        pictures: rows.iter().map(material_queries::view_of).collect(),
        category: definition,
        application_id,
    })
}

/// 确定: locks the category's pictures, as they are now, and notes it on the timeline.
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %code, category))]
pub async fn confirm(
    state: &ServerState,
    account: &Caller<Candidate>,
    code: &ExamCode,
    category: &str,
) -> Result<(), AppError> {
    // The same checks as the page, and the draft they found: entered once.
    let checked = to_confirm(state, account, code, category).await?;
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    application_claim::claim(&txn, checked.application_id, Change::EditDraft, now).await?;
    let locked = material::Entity::update_many()
        .col_expr(material::Column::LockedAt, Expr::value(Some(now)))
        .filter(material::Column::UserId.eq(account.id))
        .filter(material::Column::ExamCode.eq(code))
        .filter(material::Column::Category.eq(category))
        .filter(material::Column::LockedAt.is_null())
        .exec(&txn)
        .await?;
    // Confirmed meanwhile in another tab: once is enough, and said so.
    if locked.rows_affected == 0 {
        return Err(confirmed_already(&checked.category));
    }
    let step = Step {
        application_id: checked.application_id,
        exam_code: code,
        at: now,
        state_after: ApplicationState::Draft,
        message_zh: format!("已确认{}，确认后不能修改。", checked.category.name_zh),
        message_en: format!("{} confirmed; it can no longer be changed.", checked.category.name_en),
        visible_from: now,
    };
    timeline::record(&txn, step).await?;
    txn.commit().await?;
    Ok(())
}

/// The category, where the exam has it and asks for it to be confirmed once; else not found.
fn confirmable<'a>(categories: &'a [CategoryDefinition], code: &str) -> Result<&'a CategoryDefinition, AppError> {
    categories.iter().find(|category| category.code == code && category.confirmed_once).ok_or(AppError::NotFound)
}

/// Only a draft confirms: a submitted application is locked whole, and a returned one replaces
/// what the reviewer flagged and resubmits.
fn draft_of(exam: &candidate_access::CandidateExam) -> Result<&crate::ssr::entities::application::Model, AppError> {
    let application = exam.writable_application()?;
    match application.state {
        ApplicationState::Draft => Ok(application),
        _ => Err(AppError::NotUnlocked),
    }
}

/// A confirmed picture asked to change, or to be confirmed again.
pub fn confirmed_already(category: &CategoryDefinition) -> AppError {
    AppError::InvalidField {
        field: category.code.clone(),
        message_zh: format!("{}已确认，不能再次确认或修改", category.name_zh),
        message_en: format!("The {} is confirmed already; it cannot be confirmed again or changed", category.name_en),
    }
}
