//! An exam's document templates on its administration page: read, saved only when they lay out a
//! made-up candidate's data without a mistake, or set back to the shipped one; every change
//! audited.

use sea_orm::EntityTrait;

use crate::domain::china_time::china_time;
use crate::domain::document_kind::DocumentKind;
use crate::domain::record_ids::ExamCode;
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::models::document_template::TemplateView;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::entities::user;
use crate::ssr::exams::{document_templates, exam_store};
use crate::ssr::infra::audit::{self, actor_label, AuditAction};
use crate::ssr::infra::server_state::ServerState;

/// A template larger than this is refused: the shipped ones are 3 to 5 KB, and the whole request
/// must stay under the server's 64 KB form limit.
pub const MAX_TEMPLATE_BYTES: usize = 32 * 1024;

#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn view(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    kind: DocumentKind,
) -> Result<TemplateView, AppError> {
    let exam = offering_exam(state, code, kind).await?;
    let current = document_templates::current(&state.db, code, kind).await?;
    let saved = match current.saved {
        Some((at, by)) => {
            let who = user::Entity::find_by_id(by)
                .one(&state.db)
                .await?
                .map(|account| actor_label(&account))
                .unwrap_or_default();
            Some((china_time(at), who))
        }
        None => None,
    };
    let sample = state.layouts.sample_inputs(kind, &exam);
    Ok(TemplateView {
        kind,
        source: current.source,
        saved,
        sample_inputs: serde_json::to_string_pretty(&sample).unwrap_or_default(),
    })
}

#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn save(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    kind: DocumentKind,
    source: &str,
) -> Result<TemplateView, AppError> {
    let exam = offering_exam(state, code, kind).await?;
    if source.len() > MAX_TEMPLATE_BYTES {
        let kb = source.len().div_ceil(1024);
        return Err(AppError::TemplateInvalid {
            mistakes: vec![format!("template is {kb} KB, at most {} KB", MAX_TEMPLATE_BYTES / 1024)],
        });
    }
    state.layouts.check(kind, &exam, source).await?.map_err(|mistakes| AppError::TemplateInvalid { mistakes })?;
    let now = state.clock.now();
    document_templates::store(&state.db, code, kind, source, admin.id, now).await?;
    tracing::info!(admin = %admin.id, exam = %code, document = kind.key(), "document template saved");
    let detail = format!("{} template saved ({} bytes)", kind.key(), source.len());
    audit::record(
        &state.db,
        Some(admin.account()),
        AuditAction::TemplateChanged,
        &format!("exam {code}"),
        &detail,
        now,
    )
    .await?;
    view(state, admin, code, kind).await
}

#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn reset(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    kind: DocumentKind,
) -> Result<TemplateView, AppError> {
    offering_exam(state, code, kind).await?;
    if document_templates::forget(&state.db, code, kind).await? {
        let detail = format!("{} template set back to the shipped one", kind.key());
        let target = format!("exam {code}");
        audit::record(
            &state.db,
            Some(admin.account()),
            AuditAction::TemplateChanged,
            &target,
            &detail,
            state.clock.now(),
        )
        .await?;
    }
    view(state, admin, code, kind).await
}

/// The exam, when it prints this document at all.
async fn offering_exam(state: &ServerState, code: &ExamCode, kind: DocumentKind) -> Result<ExamDefinition, AppError> {
    let exam = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    if !kind.offered_by(&exam) {
        return Err(AppError::NotFound);
    }
    Ok(exam)
}
