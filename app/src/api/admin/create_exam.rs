use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::PresetInfo;

/// The presets that ship with Zige.
#[server(endpoint = "admin_presets", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_presets() -> Result<Vec<PresetInfo>, AppError> {
    use crate::ssr::{access::caller, admin::exam_files};

    caller::admin().await?;
    Ok(exam_files::preset_list())
}

/// Creates an exam from a preset (`preset` set; `source` ignored) under the code `code`, or
/// from an exam file written from scratch (`source`). Returns the new exam's code.
#[server(endpoint = "admin_create_exam", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_create_exam(preset: Option<String>, code: String, source: String) -> Result<String, AppError> {
    use crate::ssr::{access::caller, admin::exam_files};

    let (state, admin) = caller::admin().await?;
    exam_files::create(&state, &admin, preset.as_deref(), &code, source).await
}
