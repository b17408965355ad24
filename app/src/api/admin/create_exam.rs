use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::PresetInfo;

/// The presets that ship with Zige.
#[server(endpoint = "admin_presets", input = leptos::server_fn::codec::Json)]
pub async fn admin_presets() -> Result<Vec<PresetInfo>, AppError> {
    use crate::ssr::{presets, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            session_user::request_admin(&state.db).await?;
            Ok(presets::all()
                .into_iter()
                .map(|p| PresetInfo {
                    code: p.definition.code.clone(),
                    file: p.file.to_string(),
                    title_zh: p.definition.title_zh,
                    title_en: p.definition.title_en,
                })
                .collect())
        }
        .await,
    )
}

/// Creates an exam from a preset (`preset` set; `source` ignored) under the code `code`, or
/// from an exam file written from scratch (`source`). Returns the new exam's code.
#[server(endpoint = "admin_create_exam", input = leptos::server_fn::codec::Json)]
pub async fn admin_create_exam(preset: Option<String>, code: String, source: String) -> Result<String, AppError> {
    use crate::ssr::{exam_source, exams, presets, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let admin = session_user::request_admin(&state.db).await?;
            let source = match &preset {
                Some(preset) => {
                    let found = presets::find(preset).ok_or(AppError::NotFound)?;
                    exam_source::with_code(found.source, code.trim())?
                }
                None => source,
            };
            let definition = exams::parse_exam_toml(&source).map_err(|mistakes| AppError::ExamInvalid { mistakes })?;
            if !exams::insert_if_missing(&state.db, state.blobs.as_ref(), &definition, &source, &presets::example)
                .await?
            {
                return Err(AppError::ExamExists { code: definition.code });
            }
            tracing::info!(admin = admin.id, exam = definition.code, ?preset, "exam created");
            let from = preset
                .as_deref()
                .map(|p| format!("from preset {p}"))
                .unwrap_or_else(|| "from an exam file".to_string());
            crate::ssr::audit::record(
                &state.db,
                Some(&admin),
                crate::ssr::audit::AuditAction::ExamCreated,
                &format!("exam {}", definition.code),
                &from,
                state.clock.now(),
            )
            .await?;
            Ok(definition.code)
        }
        .await,
    )
}
