use leptos::prelude::*;

use crate::error::AppError;

/// Sets the four windows from `<input type="datetime-local">` values, read in the exam's own
/// offset, keeping the rest of the exam file as written.
#[server(endpoint = "admin_set_windows", input = leptos::server_fn::codec::Json)]
pub async fn admin_set_windows(code: String, windows_local: [String; 4]) -> Result<(), AppError> {
    use crate::ssr::{exam_source, exams, presets, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let admin = session_user::request_admin(&state.db).await?;
            let current = exams::load(&state.db, &code).await?.ok_or(AppError::NotFound)?;
            let offset = current.windows.offset().to_string();
            let mut values: [String; 4] = Default::default();
            for ((key, local), value) in
                crate::domain::ExamWindows::KEYS.into_iter().zip(&windows_local).zip(&mut values)
            {
                let naive = chrono::NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
                    AppError::invalid_field(
                        key,
                        format!("时间格式不对：“{local}”"),
                        format!("Not a date and time: \"{local}\""),
                    )
                })?;
                *value = format!("{}{offset}", naive.format("%Y-%m-%dT%H:%M:%S"));
            }
            let source = exam_source::with_windows(&exams::load_source(&state.db, &code).await?, values)?;
            let definition = exams::parse_exam_toml(&source).map_err(|mistakes| AppError::ExamInvalid { mistakes })?;
            exams::replace(&state.db, state.blobs.as_ref(), &definition, &source, &presets::example).await?;
            tracing::info!(admin = admin.id, exam = code, "exam windows changed");
            let windows = &definition.windows;
            let detail = crate::domain::ExamWindows::KEYS
                .iter()
                .zip(windows.moments())
                .map(|(key, at)| format!("{key} {}", at.to_rfc3339()))
                .collect::<Vec<_>>()
                .join("; ");
            crate::ssr::audit::record(
                &state.db,
                Some(&admin),
                crate::ssr::audit::AuditAction::WindowsChanged,
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
