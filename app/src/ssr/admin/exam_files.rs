//! Exams as files an administrator writes: created from a preset or from scratch, replaced whole,
//! or with only their four windows changed (the rest of the file kept as written). Every change is
//! checked in full before it is stored, and audited.

use crate::domain::record_ids::ExamCode;
use crate::domain::ExamWindows;
use crate::error::AppError;
use crate::models::admin::PresetInfo;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::exams::{exam_source, exam_store, presets};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;

/// The presets that ship with Zige.
pub fn preset_list(_: &Caller<Admin>) -> Vec<PresetInfo> {
    presets::all()
        .into_iter()
        .map(|p| PresetInfo {
            code: p.definition.code.to_string(),
            file: p.file.to_string(),
            title_zh: p.definition.title_zh,
            title_en: p.definition.title_en,
        })
        .collect()
}

/// Creates an exam from a preset (`preset` set; `source` ignored) under the code `code`, or from
/// an exam file written from scratch. Returns the new exam's code.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn create(
    state: &ServerState,
    admin: &Caller<Admin>,
    preset: Option<&str>,
    code: &ExamCode,
    source: String,
) -> Result<ExamCode, AppError> {
    let source = match preset {
        Some(preset) => {
            let found = presets::find(preset).ok_or(AppError::NotFound)?;
            exam_source::with_code(found.source, code.as_str().trim())?
        }
        None => source,
    };
    let definition = exam_store::parse_exam_toml(&source).map_err(|mistakes| AppError::ExamInvalid { mistakes })?;
    if !exam_store::insert_if_missing(&state.db, state.blobs.as_ref(), &definition, &source, &presets::example).await? {
        return Err(AppError::ExamExists { code: definition.code.to_string() });
    }
    tracing::info!(admin = %admin.id, exam = %definition.code, ?preset, "exam created");
    let from = preset.map(|p| format!("from preset {p}")).unwrap_or_else(|| "from an exam file".to_string());
    let target = format!("exam {}", definition.code);
    audit::record(&state.db, Some(admin.account()), AuditAction::ExamCreated, &target, &from, state.clock.now())
        .await?;
    Ok(definition.code)
}

/// Replaces an exam's file. The code cannot change: candidates' applications hang on it.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn save(state: &ServerState, admin: &Caller<Admin>, code: &ExamCode, source: &str) -> Result<(), AppError> {
    let definition = exam_store::parse_exam_toml(source).map_err(|mistakes| AppError::ExamInvalid { mistakes })?;
    if definition.code != code {
        return Err(AppError::ExamInvalid {
            mistakes: vec![format!("code must stay \"{code}\"; create a new exam for a new code")],
        });
    }
    exam_store::replace(&state.db, state.blobs.as_ref(), &definition, source, &presets::example).await?;
    tracing::info!(admin = %admin.id, exam = %code, "exam definition replaced");
    let detail =
        format!("exam file saved ({} categories, {} form fields)", definition.categories.len(), definition.form.len());
    let target = format!("exam {code}");
    audit::record(&state.db, Some(admin.account()), AuditAction::ExamChanged, &target, &detail, state.clock.now()).await
}

/// Sets the four windows from `<input type="datetime-local">` values, read in the exam's own
/// offset, keeping the rest of the exam file as written.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn set_windows(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    windows_local: &[String; 4],
) -> Result<(), AppError> {
    let current = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let offset = current.windows.offset().to_string();
    let mut values: [String; 4] = Default::default();
    for ((key, local), value) in ExamWindows::KEYS.into_iter().zip(windows_local).zip(&mut values) {
        let naive = chrono::NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
            AppError::invalid_field(
                key,
                format!("时间格式不对：“{local}”"),
                format!("Not a date and time: \"{local}\""),
            )
        })?;
        *value = format!("{}{offset}", naive.format("%Y-%m-%dT%H:%M:%S"));
    }
    let source = exam_source::with_windows(&exam_store::load_source(&state.db, code).await?, values)?;
    let definition = exam_store::parse_exam_toml(&source).map_err(|mistakes| AppError::ExamInvalid { mistakes })?;
    exam_store::replace(&state.db, state.blobs.as_ref(), &definition, &source, &presets::example).await?;
    tracing::info!(admin = %admin.id, exam = %code, "exam windows changed");
    let detail = ExamWindows::KEYS
        .iter()
        .zip(definition.windows.moments())
        .map(|(key, at)| format!("{key} {}", at.to_rfc3339()))
        .collect::<Vec<_>>()
        .join("; ");
    let target = format!("exam {code}");
    audit::record(&state.db, Some(admin.account()), AuditAction::WindowsChanged, &target, &detail, state.clock.now())
        .await
}
