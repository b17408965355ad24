use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::{AuditQuery, AuditRow};

/// How many lines a page of the audit log holds.
pub const AUDIT_PAGE_SIZE: u64 = 100;

/// A page of the audit log, newest first; without a query, the newest lines of every kind.
#[server(endpoint = "admin_audit_log", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_audit_log(query: Option<AuditQuery>) -> Result<Vec<AuditRow>, AppError> {
    use crate::ssr::{access::caller, infra::audit};

    let (state, _) = caller::admin().await?;
    audit::page(&state.db, &query.unwrap_or_default(), AUDIT_PAGE_SIZE).await
}
