//! 暂存 and 提交审核 from the exam page: the form and position kept as typed (or, after a return
//! that did not flag the form, as stored), then either saved as a draft with the problems found
//! so far, or checked for completeness by the server's own data and submitted.

use crate::domain::completeness::missing_for_submission;
use crate::domain::personal_form::{check_form, keep_known_values, FieldProblem, FieldRules, FormValues, Strictness};
use crate::domain::record_ids::ExamCode;
use crate::domain::required_when::Circumstances;
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::candidate_access;
use crate::ssr::access::gate::Candidate;
use crate::ssr::application::{application_queries, material_queries};
use crate::ssr::assistant::diploma_number_check::{compare_with_rows, typed_numbers};
use crate::ssr::candidate::application_commands;
use crate::ssr::exams::registrations;
use crate::ssr::infra::server_state::ServerState;

/// What the candidate sent with 暂存 (`submit` false) or 提交审核 (`submit` true).
pub struct FormSubmission {
    pub form: FormValues,
    pub position: Option<String>,
    pub submit: bool,
}

#[tracing::instrument(skip_all, fields(user = %account.id, exam = %code))]
pub async fn save(
    state: &ServerState,
    account: &Caller<Candidate>,
    code: &ExamCode,
    sent: FormSubmission,
) -> Result<Vec<FieldProblem>, AppError> {
    let exam = candidate_access::enter(state, account, code).await?;
    let application = exam.writable_application()?.clone();
    let definition = &exam.definition;
    // A returned application keeps its stored form unless the reviewer opened it.
    let (form, position) = if exam.form_editable() {
        (
            keep_known_values(&definition.form, sent.form),
            sent.position.filter(|p| !p.is_empty()).map(|p| p.chars().take(64).collect::<String>()),
        )
    } else {
        (application_queries::form_of(&application), application.position_code.clone())
    };
    if !sent.submit {
        application_commands::save_draft(&state.db, application, &form, position, exam.now).await?;
        rows_saved(state, account, code, definition, &form).await?;
        return Ok(check_form(&definition.form, &form, Strictness::Draft, FieldRules::all()));
    }
    let uploaded: Vec<(String, u32)> = material_queries::list_for_exam(state, account.id, code)
        .await?
        .into_iter()
        .map(|m| (m.category, m.seq_no))
        .collect();
    let registration = registrations::registered_for(&state.db, code, &account.id_number).await?;
    let registration_category = registration.and_then(|registration| registration.category);
    let judged_with = Circumstances {
        position: position.as_deref(),
        registration_category: registration_category.as_deref(),
        form: &form,
    };
    let missing =
        missing_for_submission(&definition.categories, definition.parts(), &uploaded, &judged_with, FieldRules::all());
    if !missing.is_empty() {
        // What was typed is kept even though the submission is refused.
        application_commands::save_draft(&state.db, application, &form, position, exam.now).await?;
        rows_saved(state, account, code, definition, &form).await?;
        return Err(AppError::Incomplete { missing });
    }
    let submission = application_commands::Submission { definition, form: &form, position, registration_category };
    let new_state = application_commands::submit(&state.db, application, submission, exam.now).await?;
    rows_saved(state, account, code, definition, &form).await?;
    tracing::info!(user_id = %account.id, exam = %code, state = new_state.as_str(), "application submitted and locked");
    Ok(Vec::new())
}

/// The 证书编号s the reviewer's assistant read off the candidate's records are compared again
/// with the 高等教育学历 rows as saved.
async fn rows_saved(
    state: &ServerState,
    account: &Caller<Candidate>,
    code: &ExamCode,
    definition: &ExamDefinition,
    form: &FormValues,
) -> Result<(), AppError> {
    if !definition.categories.iter().any(|category| category.diploma_number) {
        return Ok(());
    }
    compare_with_rows(&state.db, account.id, code, &typed_numbers(definition, form)).await
}
