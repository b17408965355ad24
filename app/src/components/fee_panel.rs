//! The fee, on the exam page of an approved candidate (seed 002: 选择支付网关 → 生成订单 → 支付 →
//! 支付完毕; seed 004: 现场缴费): how much and how, the order and where it stands, and the next step.
//! Coming back from the cashier, the page asks again for a while: the gateway's notification
//! arrives a little after the payment.

use leptos::prelude::*;

use crate::api::server_resource::server_resource;
use crate::api::{close_fee_order, create_fee_order, fee_status};
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::domain::exam_fee::format_yuan;
use crate::domain::payment_order::OrderState;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::payment::{FeeView, OrderView};

/// How often, and how many times, the page asks after 支付完毕 or a return from the cashier.
const POLL_MS: u64 = 1500;
const POLLS: u32 = 20;

#[component]
pub fn FeePanel(exam_code: ExamCode) -> impl IntoView {
    let version = RwSignal::new(0u32);
    let code = exam_code.clone();
    let fee = server_resource(move || version.get(), move |_| fee_status(code.clone()));
    let failure = RwSignal::new(None::<AppError>);
    // After 支付完毕 (or coming back from the cashier): ask again until the order is paid.
    let waiting = RwSignal::new(false);
    let returned_from_cashier = crate::island_page::address_has_query("order");
    let interval = StoredValue::new(None::<IntervalHandle>);
    let ticks = StoredValue::new(0u32);
    let stop = move || {
        if let Some(handle) = interval.try_get_value().flatten() {
            handle.clear();
        }
        interval.try_set_value(None);
        let _ = waiting.try_set(false);
    };
    let poll = move || {
        ticks.set_value(0);
        waiting.set(true);
        if interval.with_value(Option::is_some) {
            return;
        }
        let asked = set_interval_with_handle(
            move || {
                ticks.update_value(|t| *t += 1);
                if ticks.get_value() > POLLS || !waiting.get_untracked() {
                    stop();
                } else {
                    version.update(|v| *v += 1);
                }
            },
            std::time::Duration::from_millis(POLL_MS),
        );
        if let Ok(handle) = asked {
            interval.set_value(Some(handle));
        }
    };
    on_cleanup(stop);
    if returned_from_cashier {
        Effect::new(move |_| poll());
    }
    let refresh = Callback::new(move |()| version.update(|v| *v += 1));
    let poll_cb = Callback::new(move |()| poll());
    view! {
        <section class="card fee-panel" aria-labelledby="fee-title" data-testid="fee">
            <h2 id="fee-title">{tr("缴费", "Fee")}</h2>
            <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new({
                    let exam_code = exam_code.clone();
                    async move {
                        match fee.await {
                            Ok(Some(status)) => {
                                if status.order.as_ref().is_some_and(|o| o.state != OrderState::Created) {
                                    waiting.set(false);
                                }
                                view! { <FeeBody status exam_code failure waiting refresh poll=poll_cb/> }.into_any()
                            }
                            Ok(None) => ().into_any(),
                            Err(error) => view! { <ErrorNote error/> }.into_any(),
                        }
                    }
                })}
            </Transition>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </section>
    }
}

#[component]
fn FeeBody(
    status: FeeView,
    exam_code: ExamCode,
    failure: RwSignal<Option<AppError>>,
    waiting: RwSignal<bool>,
    refresh: Callback<()>,
    poll: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let amount = format_yuan(status.amount_fen);
    let ways = match (status.online, status.on_site) {
        (true, true) => tr("网上支付或现场缴费", "online or on site"),
        (true, false) => tr("网上支付", "online"),
        _ => tr("现场缴费（支付宝或微信）", "on site (Alipay or WeChat Pay)"),
    };
    let gateway = RwSignal::new(status.gateways.first().map(|g| g.code.clone()).unwrap_or_default());
    let create = Action::new(move |_: &()| {
        let (code, chosen) = (exam_code.clone(), gateway.get_untracked());
        async move {
            failure.set(None);
            match create_fee_order(code, chosen).await {
                Ok(_) => refresh.run(()),
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let close = Action::new(move |order_no: &String| {
        let order_no = order_no.clone();
        async move {
            failure.set(None);
            match close_fee_order(order_no).await {
                Ok(()) => refresh.run(()),
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let no_open_order = status
        .order
        .as_ref()
        .is_none_or(|o| !matches!(o.state, OrderState::Created | OrderState::Paid | OrderState::RefundPending));
    // An installation offers no gateway until one is configured: say so rather than a dead button.
    let can_order = status.online && no_open_order && !status.gateways.is_empty();
    let no_gateway = status.online && no_open_order && status.gateways.is_empty();
    let on_site_only = !status.online;
    view! {
        <p data-testid="fee-amount">
            {let amount = amount.clone(); move || lang.get().pick(format!("考试费用：{amount}，缴费方式：{}", ways()), format!("Exam fee: {amount}, paid {}", ways()))}
        </p>
        {status.order.clone().map(|order| view! { <OrderLine order ticket_follows=status.ticket_follows close=close waiting refresh poll/> })}
        {can_order.then(|| view! {
            <fieldset class="gateways">
                <legend>{tr("选择支付方式", "Choose how to pay")}</legend>
                {status.gateways.iter().map(|g| {
                    let (code, zh, en) = (g.code.clone(), g.name_zh.clone(), g.name_en.clone());
                    let value = code.clone();
                    view! {
                        <label class="choice">
                            <input type="radio" name="gateway" value=code.clone() prop:checked=move || gateway.get() == code on:change=move |_| gateway.set(value.clone())/>
                            {move || lang.get().pick(zh.clone(), en.clone())}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <button type="button" class="button" on:click=move |_| { create.dispatch(()); } disabled=move || create.pending().get()>
                {tr("生成订单", "Create the order")}
            </button>
        })}
        {no_gateway.then(|| view! {
            <p class="notice" role="status">{tr(
                "网上支付尚未开通，请按考试机构的公告缴费。",
                "Online payment is not open yet; pay as the examination authority announces.",
            )}</p>
        })}
        {(on_site_only && status.order.as_ref().is_none_or(|o| o.state != OrderState::Paid)).then(|| view! {
            <p class="notice" role="status">{tr(
                "请按公告到现场用支付宝或微信缴费；工作人员登记后，这里会显示“已支付”。",
                "Pay on site by Alipay or WeChat Pay as the announcement says; once staff record it, this shows Paid.",
            )}</p>
        })}
    }
}

#[component]
fn OrderLine(
    order: OrderView,
    /// Paid, the candidate is told the admission ticket follows only where the exam prints one.
    ticket_follows: bool,
    close: Action<String, ()>,
    waiting: RwSignal<bool>,
    refresh: Callback<()>,
    poll: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let OrderView { order_no, amount_fen, state, gateway_zh, gateway_en, cashier_url, paid_at, .. } = order;
    let amount = format_yuan(amount_fen);
    let number = order_no.clone();
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
                <p class="toolbar">
                    {cashier_url.map(|url| view! { <a class="button" href=url rel="external">{tr("去支付", "Pay now")}</a> })}
                    <button type="button" class="button secondary" on:click=move |_| { refresh.run(()); poll.run(()); }>{tr("支付完毕", "I have paid")}</button>
                    <button type="button" class="button secondary" on:click=move |_| { close.dispatch(number.clone()); }>{tr("关闭订单", "Close the order")}</button>
                </p>
                {move || waiting.get().then(|| view! {
                    <p class="notice" role="status">{tr("正在等待支付结果，通常几秒内到达…", "Waiting for the payment result; it usually arrives within seconds…")}</p>
                })}
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
