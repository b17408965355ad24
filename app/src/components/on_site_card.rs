//! The candidate at the branch's on-site check, on one screen (1366 × 768, or a 1024 × 768 tablet): who it
//! is (ID photo, name, ID number, what they applied for) beside every listed original with its
//! boxes and scans, then 原件审核通过 / 不通过, the fee and the 材料交接单. In the page's order
//! Tab goes scan field → each row's boxes → 通过; once the candidate is done (passed with nothing
//! to pay, paid, or not passed) the scan field has the focus again for the next one. The card is
//! made once per candidate and follows `current` as acts answer, so a tick keeps the focus where
//! it was; every act sends the check's version the card shows (`check_version`).

use leptos::prelude::*;

use crate::api::on_site::{on_site_decide, on_site_record_fee, on_site_tick};
use crate::components::error_note::ErrorNote;
use crate::components::on_site_item_row::OnSiteItemRow;
use crate::components::scan_viewer::{ScanViewer, ShownScan};
use crate::domain::china_time::ChinaTime;
use crate::domain::on_site_outcome::OnSiteOutcome;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::on_site::OnSiteCandidate;

#[component]
pub fn OnSiteCard(
    /// The candidate as first found: who, and the originals' rows.
    candidate: OnSiteCandidate,
    /// The candidate as the last answer showed them.
    current: RwSignal<Option<OnSiteCandidate>>,
    /// Back to the scan field, for the next candidate.
    done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<AppError>);
    let viewer = RwSignal::new(None::<ShownScan>);
    let (exam, application_id) = (candidate.exam_code.clone(), candidate.application_id);
    let first = candidate.clone();
    let card = Memo::new(move |_| {
        current.get().filter(|shown| shown.application_id == application_id).unwrap_or_else(|| first.clone())
    });
    let version = move || card.with_untracked(|c| c.check_version);
    let ticked = |items: &[crate::models::on_site::OnSiteItem],
                  pick: fn(&crate::models::on_site::OnSiteItem) -> bool| {
        items.iter().filter(|i| pick(i)).map(|i| i.code.clone()).collect::<Vec<_>>()
    };
    let seen = RwSignal::new(ticked(&candidate.items, |i| i.seen));
    let received = RwSignal::new(ticked(&candidate.items, |i| i.received));
    // Ticked here, not yet sent.
    let unsent = RwSignal::new(false);
    let decided = Memo::new(move |_| card.with(|c| c.outcome.is_some()));
    let passed = Memo::new(move |_| card.with(|c| c.outcome == Some(OnSiteOutcome::Passed)));
    let may_pay = Memo::new(move |_| card.with(fee_to_take));
    let fee_field = NodeRef::<leptos::html::Input>::new();
    // An act answered after the next candidate was scanned changes nothing on screen: the card
    // shows only the candidate it was for.
    let settle = move |outcome: Result<OnSiteCandidate, AppError>| match outcome {
        Ok(now) => {
            failure.set(None);
            let still_shown =
                current.with_untracked(|shown| shown.as_ref().is_some_and(|c| c.application_id == now.application_id));
            if still_shown {
                current.set(Some(now));
            }
            still_shown
        }
        Err(error) => {
            failure.set(Some(error));
            false
        }
    };
    let tick = Action::new({
        let exam = exam.clone();
        move |_: &()| {
            let (exam, seen, received) = (exam.clone(), seen.get_untracked(), received.get_untracked());
            let card_version = version();
            async move {
                settle(on_site_tick(exam, application_id, card_version, seen, received).await);
            }
        }
    });
    let reason = RwSignal::new(String::new());
    let decide = Action::new({
        let exam = exam.clone();
        move |outcome: &OnSiteOutcome| {
            let (exam, outcome, reason, card_version) = (exam.clone(), *outcome, reason.get_untracked(), version());
            async move {
                let answer = on_site_decide(exam, application_id, card_version, outcome, reason).await;
                let fee_due = answer.as_ref().is_ok_and(fee_to_take);
                if settle(answer) && !fee_due {
                    done.run(());
                }
            }
        }
    });
    let receipt = RwSignal::new(String::new());
    let pay = Action::new({
        let exam = exam.clone();
        move |_: &()| {
            let (exam, receipt) = (exam.clone(), receipt.get_untracked());
            async move {
                if settle(on_site_record_fee(exam, application_id, receipt).await) {
                    done.run(());
                }
            }
        }
    });
    let toggle = move |list: RwSignal<Vec<String>>, code: String| {
        list.update(|codes| match codes.iter().position(|c| *c == code) {
            Some(at) => {
                codes.remove(at);
            }
            None => codes.push(code),
        });
        unsent.set(true);
    };
    // Ticks go one at a time, each on the version the last answer gave: a box ticked while one is
    // on its way waits, and goes with the next.
    Effect::new(move |_| {
        if unsent.get() && !tick.pending().get() {
            unsent.set(false);
            tick.dispatch(());
        }
    });
    // 通过 or 不通过 goes once this on-site check's ticks are in: on the version they gave, over what it shows.
    let asked = RwSignal::new(None::<OnSiteOutcome>);
    Effect::new(move |_| {
        if let (Some(outcome), false, false) = (asked.get(), unsent.get(), tick.pending().get()) {
            asked.set(None);
            decide.dispatch(outcome);
        }
    });
    // With nothing of this on-site check's on its way, the boxes show what the server holds (another
    // on-site check's ticks included, once this card is scanned again).
    Effect::new(move |_| {
        card.with(|c| {
            if !unsent.get_untracked() && !tick.pending().get_untracked() {
                seen.set(ticked(&c.items, |i| i.seen));
                received.set(ticked(&c.items, |i| i.received));
            }
        })
    });
    // Passed with the fee still to take: the receipt's field is next.
    Effect::new(move |_| {
        if let (true, true, Some(field)) = (passed.get(), may_pay.get(), fee_field.get()) {
            let _ = field.focus();
        }
    });
    let outcome_note = move || {
        card.with(|c| {
            let (by, at) = c.decided.clone().unzip();
            let by = by.unwrap_or_default();
            let (at_zh, at_en) = at.as_ref().map(ChinaTime::words).unwrap_or_default();
            let reason = c.reason.clone().unwrap_or_default();
            let ok = c.outcome == Some(OnSiteOutcome::Passed);
            c.outcome.is_some().then(|| view! {
                <p class=if ok { "notice ok" } else { "notice error" } role="status" data-testid="on-site-outcome">
                    {move || if ok {
                        lang.get().pick(format!("原件审核通过（{by} · {at_zh}）"), format!("Originals passed ({by} · {at_en})"))
                    } else {
                        lang.get().pick(format!("原件审核未通过：{reason}（{by} · {at_zh}）"), format!("Originals did not pass: {reason} ({by} · {at_en})"))
                    }}
                </p>
            })
        })
    };
    let missing = move || card.with(|c| c.missing.clone());
    let handover = format!("/api/on-site/{exam}/{application_id}/handover.pdf");
    let (applied_zh, applied_en) = candidate.applied_for.clone();
    view! {
        <section class="card on-site-candidate" aria-labelledby="on-site-name" data-testid="on-site-candidate">
            <div class="on-site-person">
                {candidate.photo.clone().map(|src| view! { <img class="on-site-photo" src=src alt=tr("证件照", "ID photo")/> })}
                <div>
                    <h2 id="on-site-name">{candidate.name.clone()}</h2>
                    <p class="on-site-id-number">{candidate.id_number_masked.clone()}</p>
                    <p class="muted on-site-applied" data-testid="on-site-applied">{move || lang.get().pick(applied_zh.clone(), applied_en.clone())}</p>
                </div>
            </div>
            <table class="admin-table on-site-items">
                <thead><tr>
                    <th>{tr("原件已核", "Seen")}</th><th>{tr("已收取", "Received")}</th><th>{tr("材料", "Item")}</th>
                    <th>{tr("考生 / 分院", "Candidate / branch")}</th><th>{tr("上传的扫描件（V 查看）", "Scans uploaded (V shows)")}</th>
                </tr></thead>
                <tbody>{candidate.items.into_iter().map(|item| view! { <OnSiteItemRow item seen received toggle decided=decided.into() viewer/> }).collect_view()}</tbody>
            </table>
            <div class="on-site-acts">
                {outcome_note}
                {move || {
                    let missing = missing();
                    (!missing.is_empty() && !decided.get()).then(|| {
                        let (zh, en): (Vec<String>, Vec<String>) = missing.into_iter().unzip();
                        view! { <p class="notice" data-testid="on-site-missing">{move || lang.get().pick(
                            format!("尚未核验的必需原件：{}", zh.join("、")),
                            format!("Required originals not yet seen: {}", en.join(", ")),
                        )}</p> }
                    })
                }}
                {move || (!decided.get()).then(|| view! {
                    <div class="form on-site-decision">
                        <button type="button" class="button" disabled=move || decide.pending().get() || asked.with(Option::is_some) on:click=move |_| asked.set(Some(OnSiteOutcome::Passed))>{tr("原件审核通过", "Originals pass")}</button>
                        <label>{tr("不通过的原因", "Why they do not pass")}
                            <textarea name="reason" rows="2" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        </label>
                        <button type="button" class="button secondary" disabled=move || decide.pending().get() || asked.with(Option::is_some) on:click=move |_| asked.set(Some(OnSiteOutcome::Failed))>{tr("原件审核不通过", "Originals do not pass")}</button>
                    </div>
                })}
                {move || card.with(|c| c.fee_paid.clone()).map(|order| view! { <p class="ok" data-testid="on-site-fee-paid">{move || lang.get().pick(format!("已缴费（订单 {order}）"), format!("Fee paid (order {order})"))}</p> })}
                {move || may_pay.get().then(|| view! {
                    <div class="form on-site-fee">
                        <label>{tr("现场缴费凭证号（支付宝或微信）", "Receipt number of the on-site payment (Alipay or WeChat)")}
                            <input node_ref=fee_field type="text" name="receipt_no" prop:value=receipt on:input=move |ev| receipt.set(event_target_value(&ev))
                                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); pay.dispatch(()); }/>
                        </label>
                        <button type="button" class="button" disabled=move || pay.pending().get() on:click=move |_| { pay.dispatch(()); }>{tr("登记缴费", "Record the fee")}</button>
                    </div>
                })}
                {move || passed.get().then(|| view! { <p><a class="button secondary" href=handover.clone() target="_blank">{tr("打印材料交接单（PDF）", "Print the handover slip (PDF)")}</a></p> })}
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            </div>
            <ScanViewer shown=viewer/>
        </section>
    }
}

/// The fee can be taken at the on-site check now: the exam takes it on site, it is not paid, and the
/// originals passed where the exam waits for them (八).
fn fee_to_take(candidate: &OnSiteCandidate) -> bool {
    let passed = candidate.outcome == Some(OnSiteOutcome::Passed);
    candidate.fee_on_site && candidate.fee_paid.is_none() && (passed || !candidate.fee_after_check)
}
