use leptos::prelude::*;

use crate::domain::personal_form::{FieldProblem, FormValues};
use crate::error::AppError;

/// 暂存 (`submit` false): keeps the form and position as they are, complete or not, and returns
/// the problems found so far. 提交审核 (`submit` true): the server checks completeness with its
/// own data and either lists what is missing or locks the application.
#[server(endpoint = "save_application", input = leptos::server_fn::codec::Json)]
pub async fn save_application(
    code: String,
    form: FormValues,
    position: Option<String>,
    submit: bool,
) -> Result<Vec<FieldProblem>, AppError> {
    use crate::domain::completeness::missing_for_submission;
    use crate::domain::personal_form::{check_form, keep_known_values, Strictness};
    use crate::ssr::{applications, candidate_access, materials, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            let exam = candidate_access::enter(&state, &account, &code).await?;
            let application = exam.writable_application()?.clone();
            let definition = &exam.definition;
            // A returned application keeps its stored form unless the reviewer opened it.
            let (form, position) = if exam.form_editable() {
                (
                    keep_known_values(&definition.form, form),
                    position.filter(|p| !p.is_empty()).map(|p| p.chars().take(64).collect::<String>()),
                )
            } else {
                (applications::form_of(&application), application.position_code.clone())
            };
            if !submit {
                applications::save_draft(&state.db, application, &form, position, exam.now).await?;
                return Ok(check_form(&definition.form, &form, Strictness::Draft));
            }
            let uploaded: Vec<(String, u32)> = materials::list_for_exam(&state, account.id, &code)
                .await?
                .into_iter()
                .map(|m| (m.category, m.seq_no))
                .collect();
            let missing = missing_for_submission(definition, &uploaded, &form, position.as_deref());
            if !missing.is_empty() {
                // What was typed is kept even though the submission is refused.
                applications::save_draft(&state.db, application, &form, position, exam.now).await?;
                return Err(AppError::Incomplete { missing });
            }
            let submission = applications::Submission { definition, form: &form, position };
            let new_state = applications::submit(&state.db, application, submission, exam.now).await?;
            tracing::info!(
                user_id = account.id,
                exam = code,
                state = new_state.as_str(),
                "application submitted and locked"
            );
            Ok(Vec::new())
        }
        .await,
    )
}
