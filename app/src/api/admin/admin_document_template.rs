use leptos::prelude::*;

use crate::domain::document_kind::DocumentKind;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::document_template::TemplateView;

/// The template an exam's document is laid out with, and the data it reads.
#[server(endpoint = "admin_document_template", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_document_template(code: ExamCode, kind: DocumentKind) -> Result<TemplateView, AppError> {
    use crate::ssr::{access::caller, admin::template_editing};

    let (state, admin) = caller::admin().await?;
    template_editing::view(&state, &admin, &code, kind).await
}
