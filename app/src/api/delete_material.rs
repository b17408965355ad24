use leptos::prelude::*;

use crate::domain::record_ids::MaterialId;
use crate::error::AppError;

/// Deletes one of the signed-in candidate's own pictures; anyone else's id is simply not found.
#[server(endpoint = "delete_material", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn delete_material(id: MaterialId) -> Result<(), AppError> {
    use crate::ssr::{access::caller, candidate::material_commands};

    let (state, account) = caller::signed_in().await?;
    material_commands::delete_owned(&state, &account, &id).await?;
    tracing::info!(user_id = %account.id, material = %id, "material deleted");
    Ok(())
}
