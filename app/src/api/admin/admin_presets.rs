use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::PresetInfo;

/// The presets that ship with Zige.
#[server(endpoint = "admin_presets", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_presets() -> Result<Vec<PresetInfo>, AppError> {
    use crate::ssr::{access::caller, admin::exam_files};

    let (_, admin) = caller::admin().await?;
    Ok(exam_files::preset_list(&admin))
}
