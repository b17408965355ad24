//! 审计日志 (administrators only): every decision, unlock, account and exam change and failed
//! login, newest first, 100 a page; filtered by kind or by text, with failed logins hidden on
//! request so a flood of them hides nothing else.

use leptos::prelude::*;

use crate::api::admin::audit_log::{admin_audit_log, AUDIT_PAGE_SIZE};
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::i18n::{tr, use_lang};
use crate::models::admin::{AuditQuery, AUDIT_ACTIONS};

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let lang = use_lang();
    let action = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let hide_failed_logins = RwSignal::new(false);
    // The ids each page started before; the last is the page shown.
    let pages = RwSignal::new(vec![None::<i32>]);
    let query = move || AuditQuery {
        action: Some(action.get()).filter(|a| !a.is_empty()),
        search: Some(search.get()).filter(|s| !s.trim().is_empty()),
        hide_failed_logins: hide_failed_logins.get(),
        before_id: pages.with(|p| p.last().copied().flatten()),
    };
    let rows = server_resource(query, |query| admin_audit_log(Some(query)));
    let restart = move || pages.set(vec![None]);

    view! {
        <p><a href="/admin">{tr("← 考试管理", "← Administration")}</a></p>
        <h1>{tr("审计日志", "Audit log")}</h1>
        <form class="inline-form audit-filter" method="post" on:submit=move |ev| ev.prevent_default()>
            <label>{tr("操作类型", "Kind")}
                <select name="audit-action" on:change=move |ev| { action.set(event_target_value(&ev)); restart(); }>
                    <option value="">{tr("全部", "All")}</option>
                    {AUDIT_ACTIONS.iter().map(|(code, zh, en)| view! { <option value=*code>{move || lang.get().pick(*zh, *en)}</option> }).collect_view()}
                </select>
            </label>
            <label>{tr("包含文字（姓名、证件号、考试）", "Containing (name, ID number, exam)")}
                <input name="audit-search" type="search" on:change=move |ev| { search.set(event_target_value(&ev)); restart(); }/>
            </label>
            <label class="choice">
                <input name="audit-hide-failed" type="checkbox" on:change=move |ev| { hide_failed_logins.set(event_target_checked(&ev)); restart(); }/>
                {tr("隐藏登录失败记录", "Hide failed logins")}
            </label>
        </form>
        // The whole log as the filter selects it, for the records: posted, as the search may be a
        // name or an ID number, which never goes into an address.
        <form class="inline-form audit-export" method="post" enctype="multipart/form-data" action="/api/admin/audit.xlsx">
            <input type="hidden" name="action" prop:value=move || action.get()/>
            <input type="hidden" name="search" prop:value=move || search.get()/>
            <input type="hidden" name="hide_failed_logins" prop:value=move || hide_failed_logins.get().to_string()/>
            <button type="submit" class="button secondary">{tr("导出 Excel", "Export (Excel)")}</button>
            <button type="submit" class="button secondary" formaction="/api/admin/audit.csv">{tr("导出 CSV", "Export (CSV)")}</button>
        </form>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => {
                        let older = (rows.len() as u64 == AUDIT_PAGE_SIZE).then(|| rows.last().map(|r| r.id)).flatten();
                        view! {
                            <table class="audit" data-testid="audit">
                                <thead><tr><th>{tr("时间", "Time")}</th><th>{tr("操作人", "Actor")}</th><th>{tr("操作", "Action")}</th><th>{tr("对象", "Target")}</th><th>{tr("详情", "Detail")}</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let action = r.action.clone();
                                        view! { <tr data-action=action><td><ChinaTimeText at=r.at/></td><td>{r.actor}</td><td>{r.action}</td><td>{r.target}</td><td>{r.detail}</td></tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager">
                                {move || (pages.with(Vec::len) > 1).then(|| view! {
                                    <button type="button" class="button" on:click=move |_| pages.update(|p| { p.pop(); })>{tr("← 较新", "← Newer")}</button>
                                })}
                                {older.map(|id| view! {
                                    <button type="button" class="button" on:click=move |_| pages.update(|p| p.push(Some(id)))>{tr("较早 →", "Older →")}</button>
                                })}
                            </nav>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
