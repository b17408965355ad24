//! 资格名单 on an exam's administration page (seed 004): how many of the listed candidates were
//! told, are waiting, lapsed or submitted; 发送通知短信 to those not yet told or to everyone; the
//! list itself with each text's fate and each own last day; 延长期限 for one candidate with a
//! reason; and the export.

use leptos::prelude::*;

use crate::api::admin::{admin_give_more_days, admin_listed_candidates, admin_text_listed};
use crate::api::server_resource::server_resource;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::listed_candidates::{ListedCandidateRow, ListedCandidates, ListedCounts};

#[component]
pub fn ListedCandidatesPanel(code: ExamCode, refresh: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let listed = server_resource(
        {
            let code = code.clone();
            move || (code.clone(), refresh.get())
        },
        |(code, _)| admin_listed_candidates(code),
    );
    let text = Action::new({
        let code = code.clone();
        move |not_yet_told_only: &bool| {
            let (code, not_yet_told_only) = (code.clone(), *not_yet_told_only);
            async move {
                let outcome = admin_text_listed(code, not_yet_told_only).await;
                refresh.update(|v| *v += 1);
                outcome
            }
        }
    });
    let chosen = RwSignal::new(None::<ListedCandidateRow>);
    let (xlsx_url, csv_url) =
        (format!("/api/admin/exams/{code}/listed.xlsx"), format!("/api/admin/exams/{code}/listed.csv"));
    view! {
        <section class="card" aria-labelledby="listed-title" data-testid="listed-candidates">
            <h2 id="listed-title">{tr("资格名单与通知短信", "Listed candidates and their texts")}</h2>
            <Transition fallback=|| ()>
                {move || listed.get().map(|answer| match answer {
                    Ok(listed) => view! { <ListedView listed chosen/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Transition>
            <p class="actions">
                <button type="button" class="button" disabled=move || text.pending().get() on:click=move |_| { text.dispatch(true); }>
                    {tr("发送给未通知的考生", "Text those not yet told")}
                </button>
                <button type="button" class="button secondary" disabled=move || text.pending().get() on:click=move |_| { text.dispatch(false); }>
                    {tr("发送给名单内全部考生", "Text everyone listed")}
                </button>
            </p>
            {move || text.value().get().map(|outcome| match outcome {
                Ok(done) => {
                    let (queued, without) = (done.queued, done.without_mobile);
                    view! { <p class="ok" role="status" data-testid="texts-queued">{move || lang.get().pick(
                        format!("已排队发送 {queued} 条短信；{without} 人没有手机号，未发送。"),
                        format!("{queued} texts queued; {without} listed without a mobile number were not texted."),
                    )}</p> }.into_any()
                }
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
            <p class="exports">
                {tr("导出名单及状态：", "Export the list and where each stands: ")}
                <a href=xlsx_url download="">"Excel (.xlsx)"</a>" · "
                <a href=csv_url download="">"CSV"</a>
            </p>
            {move || chosen.get().map(|row| view! { <MoreDays code=code.clone() row chosen refresh/> })}
        </section>
    }
}

#[component]
fn ListedView(listed: ListedCandidates, chosen: RwSignal<Option<ListedCandidateRow>>) -> impl IntoView {
    let lang = use_lang();
    let days = listed.days;
    let shown = listed.rows.len() as u64;
    let total = listed.counts.total;
    view! {
        {days.map(|days| view! { <p class="muted">{move || lang.get().pick(
            format!("考生须在通知短信送达之日起 {days} 日内上传并提交（至第 {days} 日 24:00），逾期视为自动放弃。"),
            format!("Candidates upload and submit within {days} days of the day their text is delivered (to 24:00 of day {days}); after that their application lapses."),
        )}</p> })}
        <Counts counts=listed.counts.clone()/>
        <table class="admin-table" data-testid="listed-table">
            <thead><tr>
                <th>{tr("姓名", "Name")}</th><th>{tr("证件号码", "ID number")}</th><th>{tr("手机", "Mobile")}</th>
                <th>{tr("通知短信", "Text")}</th><th>{tr("最后期限", "Last day")}</th><th>{tr("状态", "Standing")}</th><th></th>
            </tr></thead>
            <tbody>{listed.rows.into_iter().map(|row| {
                let (notice_zh, notice_en) = (row.notice_zh.clone(), row.notice_en.clone());
                let (standing_zh, standing_en) = (row.standing_zh.clone(), row.standing_en.clone());
                let last_day = row.last_day.clone().map(|day| lang.get().pick(day.zh(), day.en())).unwrap_or_default();
                let can_extend = row.last_day.is_some() && days.is_some();
                let this = row.clone();
                view! {
                    <tr data-candidate=row.id_number_masked.clone() class:lapsed=row.lapsed>
                        <td>{row.name.clone()}</td>
                        <td>{row.id_number_masked.clone()}</td>
                        <td>{row.mobile_masked.clone().unwrap_or_default()}</td>
                        <td>{move || lang.get().pick(notice_zh.clone(), notice_en.clone())}</td>
                        <td>{last_day}</td>
                        <td>{move || lang.get().pick(standing_zh.clone(), standing_en.clone())}</td>
                        <td>{can_extend.then(|| view! {
                            <button type="button" class="button secondary" on:click=move |_| chosen.set(Some(this.clone()))>
                                {tr("延长期限", "More days")}
                            </button>
                        })}</td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
        {(shown < total).then(|| view! { <p class="muted">{move || lang.get().pick(
            format!("仅显示前 {shown} 人（共 {total} 人）；完整名单请导出。"),
            format!("The first {shown} of {total} are shown; export for the whole list."),
        )}</p> })}
    }
}

#[component]
fn Counts(counts: ListedCounts) -> impl IntoView {
    let lang = use_lang();
    let ListedCounts { total, no_mobile, not_told, waiting, told, submitted, lapsed } = counts;
    view! {
        <p role="status" data-testid="listed-counts">{move || lang.get().pick(
            format!("名单内 {total} 人：已送达 {told}，待发送 {waiting}，未通知 {not_told}，无手机号 {no_mobile}；已提交 {submitted}，逾期放弃 {lapsed}。"),
            format!("{total} listed: {told} told, {waiting} waiting, {not_told} not yet told, {no_mobile} without a mobile number; {submitted} submitted, {lapsed} lapsed."),
        )}</p>
    }
}

#[component]
fn MoreDays(
    code: ExamCode,
    row: ListedCandidateRow,
    chosen: RwSignal<Option<ListedCandidateRow>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let days = RwSignal::new("3".to_string());
    let reason = RwSignal::new(String::new());
    let id_number = row.id_number.clone();
    let give = Action::new(move |_: &()| {
        let (code, id_number) = (code.clone(), id_number.clone());
        let days = days.get_untracked().trim().parse::<u32>().unwrap_or(0);
        let reason = reason.get_untracked();
        async move {
            let outcome: Result<String, AppError> = admin_give_more_days(code, id_number, days, reason).await;
            if outcome.is_ok() {
                refresh.update(|v| *v += 1);
            }
            outcome
        }
    });
    let who = format!("{} {}", row.name, row.id_number_masked);
    view! {
        <div class="form more-days" data-testid="more-days">
            <h3>{move || lang.get().pick(format!("延长期限：{who}"), format!("More days: {who}"))}</h3>
            <label>{tr("延长天数（1–30）", "Extra days (1–30)")}
                <input type="number" name="days" min="1" max="30" prop:value=days on:input=move |ev| days.set(event_target_value(&ev))/>
            </label>
            <label>{tr("原因（记入审计日志）", "Reason (kept in the audit log)")}
                <textarea name="reason" rows="2" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </label>
            <p class="actions">
                <button type="button" class="button" disabled=move || give.pending().get() on:click=move |_| { give.dispatch(()); }>{tr("确认延长并短信通知", "Extend and text them")}</button>
                <button type="button" class="button secondary" on:click=move |_| chosen.set(None)>{tr("取消", "Cancel")}</button>
            </p>
            {move || give.value().get().map(|outcome| match outcome {
                Ok(day) => view! { <p class="ok" role="status">{move || lang.get().pick(format!("新的最后期限：{day} 24:00"), format!("New last day: {day}, to 24:00"))}</p> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </div>
    }
}
