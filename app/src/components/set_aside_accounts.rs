//! 被搁置的账号, on the administration page: each self-made account set aside because the
//! registration system vouched for the real holder of the ID number it held, with both sides —
//! what the self-made account typed and since when, its held applications, and the vouched person
//! as the registration system signed them. Shown only when there is a case.

use leptos::prelude::*;

use crate::api::admin::admin_set_aside_accounts;
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::i18n::{tr, use_lang};
use crate::models::admin::SetAsideAccount;

#[component]
pub fn SetAsideAccounts() -> impl IntoView {
    let listed = server_resource(|| (), |_| admin_set_aside_accounts());
    view! {
        <Transition fallback=|| ()>
            {move || listed.get().map(|answer| match answer {
                Ok(rows) if rows.is_empty() => ().into_any(),
                Ok(rows) => view! {
                    <section class="card" aria-labelledby="set-aside-title" data-testid="set-aside-accounts">
                        <h2 id="set-aside-title">{tr("被搁置的账号", "Accounts set aside")}</h2>
                        <p class="muted">{tr(
                            "报名系统核实了证件号码的持有人；原先自行注册该号码的账号已不能登录，其报名暂停审核。",
                            "The registration system vouched for the ID number's holder; the self-made account that held the number can no longer sign in, and its applications are held.",
                        )}</p>
                        <table class="admin-table">
                            <thead><tr>
                                <th>{tr("时间", "When")}</th><th>{tr("证件号码", "ID number")}</th>
                                <th>{tr("自行注册的账号", "Self-made account")}</th>
                                <th>{tr("报名系统核实的本人", "Vouched by the registration system")}</th>
                            </tr></thead>
                            <tbody>{rows.into_iter().map(|row| view! { <SetAsideRow row/> }).collect_view()}</tbody>
                        </table>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn SetAsideRow(row: SetAsideAccount) -> impl IntoView {
    let lang = use_lang();
    let (held_zh, held_en) = (row.held_applications_zh.join("；"), row.held_applications_en.join("; "));
    let none = held_zh.is_empty();
    view! {
        <tr>
            <td><ChinaTimeText at=row.at/></td>
            <td>{row.id_number_masked}</td>
            <td>
                {row.held_by_name}" · "{row.held_by_mobile_masked}
                {row.held_by_mobile_verified.then(|| tr("（已短信验证）", " (proved by a texted code)"))}<br/>
                <span class="muted">{tr("注册于 ", "Signed up ")}<ChinaTimeText at=row.held_since/></span><br/>
                {move || if none {
                    lang.get().pick("无报名".to_string(), "No applications".to_string())
                } else {
                    lang.get().pick(format!("暂停审核：{held_zh}"), format!("Held: {held_en}"))
                }}
            </td>
            <td>{row.vouched_name}" · "{row.vouched_mobile_masked}<br/><span class="muted">{row.vouched_by}</span></td>
        </tr>
    }
}
