use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::personal_data::PersonalDataHeld;

/// The dry run: what an exam still holds of its candidates, until when, and the backups that hold it too.
#[server(endpoint = "admin_personal_data", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_personal_data(exam_code: ExamCode) -> Result<PersonalDataHeld, AppError> {
    use crate::ssr::{access::caller, admin::personal_data_retention};

    let (state, _) = caller::admin().await?;
    personal_data_retention::held(&state, &exam_code).await
}
