use leptos::prelude::*;

use crate::domain::personal_form::{FieldProblem, FormValues};
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;

/// 暂存 (`submit` false): keeps the form and position as they are, complete or not, and returns
/// the problems found so far. 提交审核 (`submit` true): the server checks completeness with its
/// own data and either lists what is missing or locks the application.
#[server(endpoint = "save_application", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn save_application(
    code: ExamCode,
    form: FormValues,
    position: Option<String>,
    submit: bool,
) -> Result<Vec<FieldProblem>, AppError> {
    use crate::ssr::access::caller;
    use crate::ssr::candidate::application_form::{self, FormSubmission};

    let (state, account) = caller::candidate().await?;
    application_form::save(&state, &account, &code, FormSubmission { form, position, submit }).await
}
