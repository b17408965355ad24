use leptos::prelude::*;

use crate::domain::document_kind::DocumentKind;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::document_template::TemplateView;

/// Saves an exam's own template once it lays out sample data without a mistake; audited.
#[server(endpoint = "admin_save_document_template", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_save_document_template(
    code: ExamCode,
    kind: DocumentKind,
    source: String,
) -> Result<TemplateView, AppError> {
    use crate::ssr::{access::caller, admin::template_editing};

    let (state, admin) = caller::admin().await?;
    template_editing::save(&state, &admin, &code, kind, &source).await
}
