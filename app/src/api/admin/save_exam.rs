use leptos::prelude::*;

use crate::error::AppError;

/// Replaces an exam's file (categories, rules, examples, form, positions…). The code cannot
/// change: candidates' applications hang on it.
#[server(endpoint = "admin_save_exam", input = leptos::server_fn::codec::Json)]
pub async fn admin_save_exam(code: String, source: String) -> Result<(), AppError> {
    use crate::ssr::{exams, presets, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let admin = session_user::request_admin(&state.db).await?;
            let definition = exams::parse_exam_toml(&source).map_err(|mistakes| AppError::ExamInvalid { mistakes })?;
            if definition.code != code {
                return Err(AppError::ExamInvalid {
                    mistakes: vec![format!("code must stay \"{code}\"; create a new exam for a new code")],
                });
            }
            exams::replace(&state.db, state.blobs.as_ref(), &definition, &source, &presets::example).await?;
            tracing::info!(admin = admin.id, exam = code, "exam definition replaced");
            let detail = format!(
                "exam file saved ({} categories, {} form fields)",
                definition.categories.len(),
                definition.form.len()
            );
            crate::ssr::audit::record(
                &state.db,
                Some(&admin),
                crate::ssr::audit::AuditAction::ExamChanged,
                &format!("exam {code}"),
                &detail,
                state.clock.now(),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}
