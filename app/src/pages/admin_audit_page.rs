//! 审计日志 (administrators only): decisions, unlocks, role changes and failed logins, newest first.

use leptos::prelude::*;

use crate::api::admin::admin_audit_log;
use crate::components::error_note::ErrorNote;
use crate::i18n::tr;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| admin_audit_log());
    view! {
        <p><a href="/admin">{tr("← 考试管理", "← Administration")}</a></p>
        <h1>{tr("审计日志", "Audit log")}</h1>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => view! {
                        <table class="audit" data-testid="audit">
                            <thead><tr><th>{tr("时间 (UTC)", "Time (UTC)")}</th><th>{tr("操作人", "Actor")}</th><th>{tr("操作", "Action")}</th><th>{tr("对象", "Target")}</th><th>{tr("详情", "Detail")}</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let action = r.action.clone();
                                    view! { <tr data-action=action><td>{r.at}</td><td>{r.actor}</td><td>{r.action}</td><td>{r.target}</td><td>{r.detail}</td></tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
