//! The fees panel on an exam's administration page: record a payment taken on site (seed 004: 支付宝
//! or 微信 at the on-site check) by the candidate's ID number and the receipt number, refund a paid order
//! with the reason, settle the notifications flagged for staff, and download a day's
//! reconciliation. Every action is audited.

use leptos::prelude::*;

use crate::api::admin::{admin_record_on_site_payment, admin_refund_order};
use crate::components::error_note::ErrorNote;
use crate::components::payment_flags::PaymentFlags;
use crate::domain::exam_fee::{format_yuan, ExamFee};
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};
use crate::models::payment::OrderView;

#[component]
pub fn FeeAdminPanel(code: ExamCode, fee: ExamFee, today: String) -> impl IntoView {
    let lang = use_lang();
    let (id_number, receipt_no) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (order_no, reason) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let day = RwSignal::new(today);
    let record = Action::new({
        let code = code.clone();
        move |_: &()| {
            let code = code.clone();
            async move { admin_record_on_site_payment(code, id_number.get_untracked(), receipt_no.get_untracked()).await }
        }
    });
    let refund =
        Action::new(
            move |_: &()| async move { admin_refund_order(order_no.get_untracked(), reason.get_untracked()).await },
        );
    let amount = format_yuan(u64::from(fee.amount_fen));
    let export_url = |extension: &'static str| {
        let code = code.clone();
        move || format!("/api/admin/exams/{code}/payments.{extension}?day={}", day.get())
    };
    view! {
        <section class="card fee-admin-panel" aria-labelledby="fee-admin-panel-title">
            <h2 id="fee-admin-panel-title">{tr("缴费管理", "Fees")}</h2>
            <p class="muted">{move || lang.get().pick(format!("考试费用 {amount}"), format!("Exam fee {amount}"))}</p>
            {fee.on_site.then(|| view! {
                <div class="form">
                    <h3>{tr("登记现场缴费", "Record an on-site payment")}</h3>
                    <label>{tr("考生证件号码", "Candidate's ID number")}
                        <input name="fee_id_number" prop:value=id_number on:input=move |ev| id_number.set(event_target_value(&ev))/>
                    </label>
                    <label>{tr("收款凭证号（支付宝/微信交易号）", "Receipt number (Alipay / WeChat transaction)")}
                        <input name="receipt_no" prop:value=receipt_no on:input=move |ev| receipt_no.set(event_target_value(&ev))/>
                    </label>
                    <button type="button" class="button" disabled=move || record.pending().get() on:click=move |_| { record.dispatch(()); }>{tr("登记", "Record")}</button>
                    {move || record.value().get().map(|outcome| match outcome {
                        Ok(order) => view! { <OrderDone order/> }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    })}
                </div>
            })}
            <div class="form">
                <h3>{tr("退款", "Refund")}</h3>
                <label>{tr("订单号", "Order number")}
                    <input name="refund_order_no" prop:value=order_no on:input=move |ev| order_no.set(event_target_value(&ev))/>
                </label>
                <label>{tr("退款原因", "Reason")}
                    <input name="refund_reason" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="button secondary" disabled=move || refund.pending().get() on:click=move |_| { refund.dispatch(()); }>{tr("登记退款", "Record the refund")}</button>
                {move || refund.value().get().map(|outcome| match outcome {
                    Ok(order) => view! { <OrderDone order/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </div>
            <PaymentFlags code=code.clone()/>
            <p class="exports">
                <label>{tr("对账日期", "Reconciliation day")}
                    <input type="date" name="reconciliation_day" prop:value=day on:input=move |ev| day.set(event_target_value(&ev))/>
                </label>
                " "{tr("下载对账单：", "Download the reconciliation: ")}
                <a href=export_url("xlsx") download="">"Excel (.xlsx)"</a>" · "
                <a href=export_url("csv") download="">"CSV"</a>
            </p>
        </section>
    }
}

#[component]
fn OrderDone(order: OrderView) -> impl IntoView {
    let lang = use_lang();
    let (no, state) = (order.order_no, order.state);
    view! {
        <p class="ok" role="status">{move || lang.get().pick(
            format!("订单 {no}：{}", state.label_zh()),
            format!("Order {no}: {}", state.label_en()),
        )}</p>
    }
}
