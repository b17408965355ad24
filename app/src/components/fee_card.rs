//! The fee, on the exam page of an approved candidate (seed 002: 选择支付网关 → 生成订单 → 支付 →
//! 支付完毕; seed 004: 现场缴费): how much and how, the order and where it stands, and the next step.
//!
//! Drawn by the server below the page's island, with plain links and forms (生成订单 and 关闭订单
//! post to `/exams/{code}/fee-order…`), so it costs the candidate's download nothing: as a part of
//! the island it was a chunk of 35 KB that made an approved candidate's first load 388 KB.
//! Coming back from the cashier (`?order=…`), the server waits a few seconds for the gateway's word
//! before it answers this card (`ssr::payments::cashier_return`), and the rest of the page is there
//! meanwhile; 支付完毕 asks again the same way.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::fee_status;
use crate::api::server_resource::server_resource;
use crate::components::china_time_text::ChinaTimeText;
use crate::domain::exam_fee::format_yuan;
use crate::domain::payment_order::OrderState;
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};
use crate::models::payment::{FeeView, OrderView};

/// Where the island's 缴费 link and the forms' answers lead on the exam page.
pub const FEE_ANCHOR: &str = "fee";

#[component]
pub fn FeeCard() -> impl IntoView {
    let code = ExamCode::from(use_params_map().read_untracked().get("code").unwrap_or_default());
    // The order the cashier sent the candidate back with, or 支付完毕's.
    let returned = use_query_map().read_untracked().get("order");
    let waits = returned.is_some();
    let fee = {
        let (code, returned) = (code.clone(), returned.clone());
        server_resource(move || (code.clone(), returned.clone()), |(code, order)| fee_status(code, order))
    };
    view! {
        <Suspense fallback=move || waits.then(|| view! {
            <section class="card fee-panel" id=FEE_ANCHOR aria-labelledby="fee-title" data-testid="fee">
                <h2 id="fee-title">{tr("缴费", "Fee")}</h2>
                <p class="notice" role="status">{tr("正在等待支付结果，通常几秒内到达…", "Waiting for the payment result; it usually arrives within seconds…")}</p>
            </section>
        })>
            {move || Suspend::new({
                let (exam_code, returned) = (code.clone(), returned.clone());
                async move {
                // Nothing to pay here (no fee, not approved), or not this candidate's to see: the
                // island above says why where it matters.
                fee.await.ok().flatten().map(|status| {
                    let asked_in_vain = status.order.as_ref().is_some_and(|order| {
                        order.state == OrderState::Created && returned.as_deref() == Some(order.order_no.as_str())
                    });
                    view! { <FeeSection status exam_code asked_in_vain/> }
                })
            }})}
        </Suspense>
    }
}

#[component]
fn FeeSection(status: FeeView, exam_code: ExamCode, asked_in_vain: bool) -> impl IntoView {
    let lang = use_lang();
    let amount = format_yuan(status.amount_fen);
    let ways = match (status.online, status.on_site) {
        (true, true) => tr("网上支付或现场缴费", "online or on site"),
        (true, false) => tr("网上支付", "online"),
        _ => tr("现场缴费（支付宝或微信）", "on site (Alipay or WeChat Pay)"),
    };
    let no_open_order = status
        .order
        .as_ref()
        .is_none_or(|o| !matches!(o.state, OrderState::Created | OrderState::Paid | OrderState::RefundPending));
    // An installation offers no gateway until one is configured: say so rather than a dead button.
    let can_order = status.online && no_open_order && !status.gateways.is_empty();
    let no_gateway = status.online && no_open_order && status.gateways.is_empty();
    let on_site_only = !status.online && status.order.as_ref().is_none_or(|o| o.state != OrderState::Paid);
    let ticket_follows = status.ticket_follows;
    view! {
        <section class="card fee-panel" id=FEE_ANCHOR aria-labelledby="fee-title" data-testid="fee">
            <h2 id="fee-title">{tr("缴费", "Fee")}</h2>
            <p data-testid="fee-amount">
                {move || lang.get().pick(format!("考试费用：{amount}，缴费方式：{}", ways()), format!("Exam fee: {amount}, paid {}", ways()))}
            </p>
            {status.order.map(|order| view! { <OrderLine order exam_code=exam_code.clone() ticket_follows asked_in_vain/> })}
            {can_order.then(|| view! { <OrderForm gateways=status.gateways exam_code=exam_code.clone()/> })}
            {no_gateway.then(|| view! {
                <p class="notice" role="status">{tr(
                    "网上支付尚未开通，请按考试机构的公告缴费。",
                    "Online payment is not open yet; pay as the examination authority announces.",
                )}</p>
            })}
            {on_site_only.then(|| view! {
                <p class="notice" role="status">{tr(
                    "请按公告到现场用支付宝或微信缴费；工作人员登记后，这里会显示“已支付”。",
                    "Pay on site by Alipay or WeChat Pay as the announcement says; once staff record it, this shows Paid.",
                )}</p>
            })}
        </section>
    }
}

/// 选择支付方式 and 生成订单: a plain form, the first gateway chosen.
#[component]
fn OrderForm(gateways: Vec<crate::models::payment::GatewayChoice>, exam_code: ExamCode) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="post" action=format!("/exams/{exam_code}/fee-order") enctype="multipart/form-data">
            <fieldset class="gateways">
                <legend>{tr("选择支付方式", "Choose how to pay")}</legend>
                {gateways.into_iter().enumerate().map(|(index, gateway)| view! {
                    <label class="choice">
                        <input type="radio" name="gateway" value=gateway.code checked=index == 0/>
                        {move || lang.get().pick(gateway.name_zh.clone(), gateway.name_en.clone())}
                    </label>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{tr("生成订单", "Create the order")}</button>
        </form>
    }
}

#[component]
fn OrderLine(
    order: OrderView,
    exam_code: ExamCode,
    /// Paid, the candidate is told the admission ticket follows only where the exam prints one.
    ticket_follows: bool,
    /// Back from the cashier (or 支付完毕), the server waited and the gateway had not said paid.
    asked_in_vain: bool,
) -> impl IntoView {
    let lang = use_lang();
    let OrderView { order_no, amount_fen, state, gateway_zh, gateway_en, cashier_url, paid_at, .. } = order;
    let amount = format_yuan(amount_fen);
    view! {
        <dl class="order" data-testid="order">
            <dt>{tr("订单号", "Order")}</dt><dd>{order_no.clone()}</dd>
            <dt>{tr("金额", "Amount")}</dt><dd>{amount}</dd>
            <dt>{tr("支付方式", "Paid through")}</dt><dd>{move || lang.get().pick(gateway_zh.clone(), gateway_en.clone())}</dd>
            <dt>{tr("状态", "State")}</dt><dd data-testid="order-state">{move || lang.get().pick(state.label_zh(), state.label_en())}</dd>
            {paid_at.map(|at| view! { <dt>{tr("支付时间", "Paid at")}</dt><dd><ChinaTimeText at/></dd> })}
        </dl>
        {match state {
            OrderState::Created => view! {
                {asked_in_vain.then(|| view! {
                    <p class="notice" role="status" data-testid="fee-not-yet">{tr(
                        "尚未收到支付结果。如已支付，请稍候再点“支付完毕”查询。",
                        "No payment result has arrived yet. If you have paid, press “I have paid” again in a moment.",
                    )}</p>
                })}
                <div class="toolbar">
                    {cashier_url.map(|url| view! { <a class="button" href=url rel="external">{tr("去支付", "Pay now")}</a> })}
                    <a class="button secondary" href=format!("/exams/{exam_code}?order={order_no}#{FEE_ANCHOR}")>{tr("支付完毕", "I have paid")}</a>
                    <form method="post" action=format!("/exams/{exam_code}/fee-order/close") enctype="multipart/form-data">
                        <input type="hidden" name="order_no" value=order_no.clone()/>
                        <button type="submit" class="button secondary">{tr("关闭订单", "Close the order")}</button>
                    </form>
                </div>
            }.into_any(),
            OrderState::Paid => view! {
                <p class="notice ok" role="status" data-testid="fee-paid-note">{if ticket_follows {
                    tr("费用已缴纳。准考证开放打印后将另行通知。", "The fee is paid. You will be told when the admission ticket can be printed.")
                } else {
                    tr("费用已缴纳。", "The fee is paid.")
                }}</p>
            }.into_any(),
            OrderState::RefundPending => view! { <p class="notice" role="status">{tr("退款处理中，完成后这里会显示“已退款”。", "The refund is under way; this shows Refunded once it is done.")}</p> }.into_any(),
            OrderState::Refunded => view! { <p class="notice" role="status">{tr("费用已退还。", "The fee was refunded.")}</p> }.into_any(),
            OrderState::Closed => ().into_any(),
        }}
    }
}
