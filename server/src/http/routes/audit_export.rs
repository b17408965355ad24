//! POST (the page's form) or GET /api/admin/audit.xlsx and .csv: the audit log for the records (个人信息保护法 asks that it be
//! kept and shown on request), every line the page's filter selects (`action`, `search`,
//! `hide_failed_logins`, as on 审计日志), newest first. The download is itself audited. The page
//! posts its filter, as the search may be a name or an ID number, which an address would carry
//! into the browser's history and every proxy's log.

use axum::extract::{Multipart, Query, State};
use axum::response::Response;
use axum::Extension;
use tower_sessions::Session;

use app::error::AppError;
use app::models::admin::AuditQuery;
use app::ssr::access::{caller, gate::Admin};
use app::ssr::infra::audit;
use app::ssr::ServerState;

use super::error_response;
use super::spreadsheet::{audited_download, SheetFormat, Table};

pub const HEADER: [&str; 6] = ["编号", "时间（北京时间）", "操作人", "操作", "对象", "详情"];
/// The most lines one download holds (a spreadsheet holds a million rows); narrow the filter for
/// more.
const MOST_LINES: u64 = 500_000;

pub async fn audit_export(
    State(state): State<ServerState>,
    Extension(format): Extension<SheetFormat>,
    session: Session,
    Query(query): Query<AuditQuery>,
) -> Response {
    export(&state, &session, query, format).await.unwrap_or_else(error_response)
}

/// The page's form, sent as multipart (the only form body the app takes: `same_origin`).
pub async fn audit_export_posted(
    State(state): State<ServerState>,
    Extension(format): Extension<SheetFormat>,
    session: Session,
    mut form: Multipart,
) -> Response {
    let mut query = AuditQuery::default();
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let value = field.text().await.unwrap_or_default();
        match name.as_str() {
            "action" => query.action = Some(value),
            "search" => query.search = Some(value),
            "hide_failed_logins" => query.hide_failed_logins = value == "true",
            _ => {}
        }
    }
    export(&state, &session, query, format).await.unwrap_or_else(error_response)
}

async fn export(
    state: &ServerState,
    session: &Session,
    query: AuditQuery,
    format: SheetFormat,
) -> Result<Response, AppError> {
    let account = caller::from_session::<Admin>(session, &state.db).await?;
    let query = AuditQuery { before_id: None, ..query };
    let rows = audit::page(&state.db, &query, MOST_LINES)
        .await?
        .into_iter()
        .map(|line| {
            vec![
                line.id.to_string(),
                line.at.wall_clock().to_string(),
                line.actor,
                line.action,
                line.target,
                line.detail,
            ]
        })
        .collect();
    audited_download(state, &account, "audit log", "audit-log", format, Table::new(HEADER, rows)).await
}
