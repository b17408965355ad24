//! 现场报名 · 原件审核 (`/desk/:code`), the branch's desk on the day (seed 004, 七 and 八), on a
//! desktop with a USB scanner: the scanner types the 报名登记表's code and Enter into the one
//! field, which keeps the focus (an ID number typed there works alike); the candidate appears with
//! the ID photo and each listed original beside the scans uploaded for it. Every control works
//! from the keyboard: Tab to a box, Space to tick it, Enter on a button. A desk without a scanner
//! reads the code with the device's camera instead. 通过 waits for the required originals; 不通过
//! needs a reason; the fee follows 通过; the 材料交接单 prints from here.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::desk::{desk_decide, desk_find, desk_record_fee, desk_tick};
use crate::components::desk_camera::DeskCamera;
use crate::components::error_note::ErrorNote;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::desk::{DeskCandidate, DeskItem};

#[component]
pub fn OnSiteDeskPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let scanned = RwSignal::new(String::new());
    let current = RwSignal::new(None::<DeskCandidate>);
    let failure = RwSignal::new(None::<AppError>);
    let field = NodeRef::<leptos::html::Input>::new();
    let find = Action::new(move |text: &String| {
        let (exam, text) = (code.get_untracked(), text.clone());
        async move { desk_find(exam, text).await }
    });
    Effect::new(move |_| match find.value().get() {
        Some(Ok(found)) => {
            failure.set(None);
            current.set(Some(found));
            scanned.set(String::new());
            if let Some(input) = field.get() {
                let _ = input.focus();
            }
        }
        // A refused scan clears the card: nothing of the last candidate stays under the error, to
        // be ticked or printed for the person now at the desk.
        Some(Err(error)) => {
            failure.set(Some(error));
            current.set(None);
            scanned.set(String::new());
        }
        None => {}
    });
    let look_up = move || {
        let text = scanned.get_untracked();
        if !text.trim().is_empty() {
            find.dispatch(text);
        }
    };
    view! {
        <h1>{move || lang.get().pick(format!("现场报名 · 原件审核 · {}", code.get()), format!("On-site registration: originals · {}", code.get()))}</h1>
        <p class="muted">{tr(
            "用扫码枪扫描报名登记表右上角的二维码（扫码后自动回车），或输入证件号码后按回车。",
            "Scan the QR code at the top right of the registration form (the scanner presses Enter), or type the ID number and press Enter.",
        )}</p>
        <div class="card form desk-scan">
            <label>{tr("扫码或证件号码", "Scanned code or ID number")}
                <input node_ref=field type="text" name="scanned" autocomplete="off" autofocus prop:value=scanned
                    on:input=move |ev| scanned.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); look_up(); }/>
            </label>
            <button type="button" class="button" disabled=move || find.pending().get() on:click=move |_| look_up()>{tr("查找", "Find")}</button>
            <DeskCamera on_read=Callback::new(move |code: String| { find.dispatch(code); })/>
        </div>
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        {move || current.get().map(|candidate| view! { <DeskCard candidate current/> })}
    }
    .into_any()
}

#[component]
fn DeskCard(candidate: DeskCandidate, current: RwSignal<Option<DeskCandidate>>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<AppError>);
    let (exam, application_id) = (candidate.exam_code.clone(), candidate.application_id);
    let decided = candidate.outcome.is_some();
    let seen = RwSignal::new(candidate.items.iter().filter(|i| i.seen).map(|i| i.code.clone()).collect::<Vec<_>>());
    let received =
        RwSignal::new(candidate.items.iter().filter(|i| i.received).map(|i| i.code.clone()).collect::<Vec<_>>());
    // An act answered after the next candidate was scanned changes nothing on screen: the card
    // shows only the candidate it was for.
    let settle = move |outcome: Result<DeskCandidate, AppError>| match outcome {
        Ok(now) => {
            failure.set(None);
            let still_shown =
                current.with_untracked(|shown| shown.as_ref().is_some_and(|c| c.application_id == now.application_id));
            if still_shown {
                current.set(Some(now));
            }
        }
        Err(error) => failure.set(Some(error)),
    };
    let tick = Action::new({
        let exam = exam.clone();
        move |_: &()| {
            let (exam, seen, received) = (exam.clone(), seen.get_untracked(), received.get_untracked());
            async move { settle(desk_tick(exam, application_id, seen, received).await) }
        }
    });
    let reason = RwSignal::new(String::new());
    let decide = Action::new({
        let exam = exam.clone();
        move |passed: &bool| {
            let (exam, passed, reason) = (exam.clone(), *passed, reason.get_untracked());
            async move { settle(desk_decide(exam, application_id, passed, reason).await) }
        }
    });
    let receipt = RwSignal::new(String::new());
    let pay = Action::new({
        let exam = exam.clone();
        move |_: &()| {
            let (exam, receipt) = (exam.clone(), receipt.get_untracked());
            async move { settle(desk_record_fee(exam, application_id, receipt).await) }
        }
    });
    let toggle = move |list: RwSignal<Vec<String>>, code: String| {
        list.update(|codes| match codes.iter().position(|c| *c == code) {
            Some(at) => {
                codes.remove(at);
            }
            None => codes.push(code),
        });
        tick.dispatch(());
    };
    let passed = candidate.outcome.as_deref() == Some("passed");
    let may_pay = candidate.fee_on_site && candidate.fee_paid.is_none() && (passed || !candidate.fee_after_check);
    let outcome_note = candidate.outcome.clone().map(|outcome| {
        let by = candidate.decided.clone().unwrap_or_default();
        let reason = candidate.reason.clone().unwrap_or_default();
        let ok = outcome == "passed";
        view! {
            <p class=if ok { "notice ok" } else { "notice error" } role="status" data-testid="desk-outcome">
                {move || if ok {
                    lang.get().pick(format!("原件审核通过（{by}）"), format!("Originals passed ({by})"))
                } else {
                    lang.get().pick(format!("原件审核未通过：{reason}（{by}）"), format!("Originals did not pass: {reason} ({by})"))
                }}
            </p>
        }
    });
    let missing = candidate.missing.clone();
    let handover = format!("/api/desk/{exam}/{application_id}/handover.pdf");
    view! {
        <section class="card desk-candidate" aria-labelledby="desk-name" data-testid="desk-candidate">
            <div class="desk-person">
                {candidate.photo.clone().map(|src| view! { <img class="desk-photo" src=src alt=tr("证件照", "ID photo")/> })}
                <div>
                    <h2 id="desk-name">{candidate.name.clone()}</h2>
                    <p>{candidate.id_number_masked.clone()}</p>
                </div>
            </div>
            {outcome_note}
            <table class="admin-table desk-items">
                <thead><tr>
                    <th>{tr("原件已核", "Seen")}</th><th>{tr("已收取", "Received")}</th><th>{tr("材料", "Item")}</th>
                    <th>{tr("考生 / 分院", "Candidate / branch")}</th><th>{tr("上传的扫描件", "Scans uploaded")}</th>
                </tr></thead>
                <tbody>{candidate.items.into_iter().map(|item| view! { <ItemRow item seen received toggle decided/> }).collect_view()}</tbody>
            </table>
            {(!missing.is_empty() && !decided).then(|| {
                let (zh, en): (Vec<String>, Vec<String>) = missing.into_iter().unzip();
                view! { <p class="notice" data-testid="desk-missing">{move || lang.get().pick(
                    format!("尚未核验的必需原件：{}", zh.join("、")),
                    format!("Required originals not yet seen: {}", en.join(", ")),
                )}</p> }
            })}
            {(!decided).then(|| view! {
                <div class="form desk-decision">
                    <button type="button" class="button" disabled=move || decide.pending().get() on:click=move |_| { decide.dispatch(true); }>{tr("原件审核通过", "Originals pass")}</button>
                    <label>{tr("不通过的原因", "Why they do not pass")}
                        <textarea name="reason" rows="2" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    </label>
                    <button type="button" class="button secondary" disabled=move || decide.pending().get() on:click=move |_| { decide.dispatch(false); }>{tr("原件审核不通过", "Originals do not pass")}</button>
                </div>
            })}
            {candidate.fee_paid.clone().map(|order| view! { <p class="ok" data-testid="desk-fee-paid">{move || lang.get().pick(format!("已缴费（订单 {order}）"), format!("Fee paid (order {order})"))}</p> })}
            {may_pay.then(|| view! {
                <div class="form desk-fee">
                    <label>{tr("现场缴费凭证号（支付宝或微信）", "Receipt number of the on-site payment (Alipay or WeChat)")}
                        <input type="text" name="receipt_no" prop:value=receipt on:input=move |ev| receipt.set(event_target_value(&ev))/>
                    </label>
                    <button type="button" class="button" disabled=move || pay.pending().get() on:click=move |_| { pay.dispatch(()); }>{tr("登记缴费", "Record the fee")}</button>
                </div>
            })}
            {passed.then(|| view! { <p><a class="button secondary" href=handover.clone() target="_blank">{tr("打印材料交接单（PDF）", "Print the handover slip (PDF)")}</a></p> })}
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </section>
    }
}

#[component]
fn ItemRow(
    item: DeskItem,
    seen: RwSignal<Vec<String>>,
    received: RwSignal<Vec<String>>,
    toggle: impl Fn(RwSignal<Vec<String>>, String) + Copy + 'static,
    decided: bool,
) -> impl IntoView {
    let lang = use_lang();
    let DeskItem { code, name_zh, name_en, count, kept, required, stands_in_for, scans, .. } = item;
    let (received_code, is_seen, is_received, row_code) = (code.clone(), code.clone(), code.clone(), code.clone());
    let (seen_zh, seen_en, got_zh, got_en) = (name_zh.clone(), name_en.clone(), name_zh.clone(), name_en.clone());
    let star = if required { "*" } else { "" };
    view! {
        <tr data-item=row_code>
            <td><input type="checkbox" name=format!("seen-{code}") disabled=decided
                aria-label=move || lang.get().pick(format!("原件已核：{seen_zh}"), format!("Seen: {seen_en}"))
                prop:checked=move || seen.with(|s| s.contains(&is_seen))
                on:change=move |_| toggle(seen, code.clone())/></td>
            <td>{kept.then(|| view! {
                <input type="checkbox" name=format!("received-{}", received_code) disabled=decided
                    aria-label=move || lang.get().pick(format!("已收取：{got_zh}"), format!("Received: {got_en}"))
                    prop:checked=move || received.with(|r| r.contains(&is_received))
                    on:change=move |_| toggle(received, received_code.clone())/>
            })}</td>
            <td>
                {move || lang.get().pick(format!("{star}{name_zh} × {count}"), format!("{star}{name_en} × {count}"))}
                {stands_in_for.map(|(zh, en)| view! { <br/><small class="muted">{move || lang.get().pick(format!("可代替：{zh}"), format!("May stand in for: {en}"))}</small> })}
            </td>
            <td>{if kept { tr("留存", "Kept") } else { tr("带回", "Taken back") }}</td>
            <td class="desk-scans">{scans.into_iter().map(|src| {
                let link = src.clone();
                view! { <a href=link target="_blank"><img src=src alt=tr("扫描件", "Scan") loading="lazy"/></a> }
            }).collect_view()}</td>
        </tr>
    }
}
