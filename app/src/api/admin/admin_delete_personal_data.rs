use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::personal_data::PersonalDataHeld;

/// Deletes an exam's pictures and personal forms now, once its retention day has passed; audited.
#[server(endpoint = "admin_delete_personal_data", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_delete_personal_data(exam_code: ExamCode) -> Result<PersonalDataHeld, AppError> {
    use crate::ssr::{access::caller, admin::personal_data_retention};

    let (state, admin) = caller::admin().await?;
    personal_data_retention::delete(&state, Some(admin.account()), &exam_code).await
}
