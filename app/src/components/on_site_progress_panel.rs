//! 现场报名 on an exam's administration page (seed 004, 七 and 八): the day's progress over the
//! approved candidates — checked, passed, not passed, still to come — the way to the on-site check, and
//! the export.

use leptos::prelude::*;

use crate::api::on_site::admin_on_site_progress;
use crate::api::server_resource::server_resource;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};

#[component]
pub fn OnSiteProgressPanel(code: ExamCode) -> impl IntoView {
    let lang = use_lang();
    let progress = server_resource(
        {
            let code = code.clone();
            move || code.clone()
        },
        admin_on_site_progress,
    );
    let (on_site, xlsx, csv) = (
        format!("/on-site/{code}"),
        format!("/api/admin/exams/{code}/on-site.xlsx"),
        format!("/api/admin/exams/{code}/on-site.csv"),
    );
    view! {
        <section class="card" aria-labelledby="on-site-title" data-testid="on-site-progress">
            <h2 id="on-site-title">{tr("现场报名（原件审核与缴费）", "On-site registration (originals and fee)")}</h2>
            <Transition fallback=|| ()>
                {move || progress.get().map(|answer| match answer {
                    Ok(p) => view! { <p role="status">{move || lang.get().pick(
                        format!("审核通过 {} 人：已到场 {}，原件通过 {}，不通过 {}，未到场 {}。", p.approved, p.checked, p.passed, p.failed, p.to_come),
                        format!("{} approved: {} at the on-site check, {} passed, {} not passed, {} still to come.", p.approved, p.checked, p.passed, p.failed, p.to_come),
                    )}</p> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Transition>
            <p class="actions">
                <a class="button" href=on_site>{tr("打开现场报名台", "Open the on-site check")}</a>
            </p>
            <p class="exports">
                {tr("导出现场报名情况：", "Export the day at the on-site check: ")}
                <a href=xlsx download="">"Excel (.xlsx)"</a>" · "
                <a href=csv download="">"CSV"</a>
            </p>
        </section>
    }
}
