//! 缴费记录 (seeds 001/003's menu): every order of the candidate's across exams — amount, how it was
//! paid, its state (退款中 and 已退款 included), its times — with the 缴费凭证 of each one paid.
//! Plain, server-rendered HTML: nothing here changes while it is read, so nothing hydrates.

use leptos::prelude::*;

use crate::api::my_payments;
use crate::api::server_resource::server_resource;
use crate::components::candidate_menu::CandidateMenu;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::components::sign_in_first::SignInFirst;
use crate::domain::exam_fee::format_yuan;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::payment::PaymentRecord;

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let records = server_resource(|| (), |_| my_payments());
    view! {
        <CandidateMenu current="/payments"/>
        <h1>{tr("缴费记录", "Payments")}</h1>
        <Suspense fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match records.await {
                    Ok(list) if list.is_empty() => view! {
                        <p data-testid="no-payments">{tr("暂无缴费记录。审核通过、需缴费的考试，在考试页面生成订单。", "No payments yet. An approved exam with a fee makes its order on the exam's page.")}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ol class="payment-records" data-testid="payment-records">
                            {list.into_iter().map(|record| view! { <PaymentRow record/> }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(AppError::NotSignedIn) => view! { <SignInFirst/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PaymentRow(record: PaymentRecord) -> impl IntoView {
    let lang = use_lang();
    let order = record.order;
    let (title_zh, title_en) = (record.exam_title_zh, record.exam_title_en);
    let (gateway_zh, gateway_en) = (order.gateway_zh, order.gateway_en);
    let state = order.state;
    let exam_link = format!("/exams/{}", record.exam_code);
    view! {
        <li class="card payment-record" data-order=order.order_no.clone()>
            <h2><a href=exam_link>{move || lang.get().pick(title_zh.clone(), title_en.clone())}</a></h2>
            <dl class="facts">
                <dt>{tr("订单号", "Order number")}</dt><dd>{order.order_no.clone()}</dd>
                <dt>{tr("金额", "Amount")}</dt><dd>{format_yuan(order.amount_fen)}</dd>
                <dt>{tr("支付方式", "Paid through")}</dt><dd>{move || lang.get().pick(gateway_zh.clone(), gateway_en.clone())}</dd>
                <dt>{tr("状态", "State")}</dt><dd data-testid="payment-state">{move || lang.get().pick(state.label_zh(), state.label_en())}</dd>
                <dt>{tr("下单时间", "Ordered")}</dt><dd><ChinaTimeText at=order.created_at/></dd>
                {order.paid_at.map(|at| view! { <dt>{tr("支付时间", "Paid")}</dt><dd><ChinaTimeText at/></dd> })}
                {record.refunded_at.map(|at| view! { <dt>{tr("退款时间", "Refunded")}</dt><dd><ChinaTimeText at/></dd> })}
            </dl>
            {record.receipt_url.map(|href| view! {
                <a class="button secondary" href=href target="_blank">{tr("缴费凭证（PDF）", "Payment receipt (PDF)")}</a>
            })}
        </li>
    }
}
