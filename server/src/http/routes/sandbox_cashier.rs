//! The sandbox gateway's cashier (收银台): the page a real gateway would show, where the candidate
//! confirms or cancels the payment. Paying here moves no money: the sandbox then notifies Zige as
//! a gateway does — signed, after a delay, more than once — through the same path a real
//! gateway's notifications take (`ssr::payments::notices`). Only for the order's own candidate.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Extension;
use tower_sessions::Session;

use app::domain::exam_fee::format_yuan;
use app::error::AppError;
use app::ssr::entities::payment_order;
use app::ssr::infra::payment_gateway::{GatewayNotice, NoticeEvent};
use app::ssr::payments::notices;
use app::ssr::payments::sandbox_gateway::{SandboxGateway, SANDBOX_CODE, SIGNATURE_HEADER};
use app::ssr::ServerState;

use super::error_response;
use super::pay_order::return_address;

/// The sandbox as a gateway: its key, and how it sends notifications.
#[derive(Clone)]
pub struct SandboxCashier {
    pub gateway: Arc<SandboxGateway>,
    pub delay: Duration,
    pub repeats: u32,
}

pub async fn cashier_page(
    State(state): State<ServerState>,
    session: Session,
    Path(order_no): Path<String>,
) -> Response {
    match own_open_order(&state, &session, &order_no).await {
        Ok(order) => Html(page(&order)).into_response(),
        Err(error) => error_response(error),
    }
}

/// 确认支付: the form posts as multipart (the app's own kind of body, which the cross-site guard
/// lets through only from this origin), with nothing in it but the press.
pub async fn cashier_pay(
    State(state): State<ServerState>,
    Extension(gateway): Extension<SandboxCashier>,
    session: Session,
    Path(order_no): Path<String>,
) -> Response {
    let order = match own_open_order(&state, &session, &order_no).await {
        Ok(order) => order,
        Err(error) => return error_response(error),
    };
    let notice = GatewayNotice {
        notice_id: format!("SBN{}", uuid::Uuid::new_v4().simple()),
        order_no: order.order_no.clone(),
        txn: format!("SBT{}", uuid::Uuid::new_v4().simple()),
        amount_fen: order.amount(),
        event: NoticeEvent::Paid,
        refund_no: None,
    };
    tokio::spawn(notify(state.clone(), gateway, notice));
    // Back to the exam page, as a gateway returns to the merchant's return address.
    Redirect::to(&return_address(&order)).into_response()
}

/// Sends the signed notification after the gateway's delay, as many times as it repeats, each
/// until it is answered (a gateway retries an unanswered notification with backoff).
async fn notify(state: ServerState, gateway: SandboxCashier, notice: GatewayNotice) {
    let (body, signature) = gateway.gateway.sign(&notice);
    let mut headers = axum::http::HeaderMap::new();
    if let Ok(value) = signature.parse() {
        headers.insert(SIGNATURE_HEADER, value);
    }
    for _ in 0..gateway.repeats.max(1) {
        tokio::time::sleep(gateway.delay).await;
        let mut backoff = Duration::from_millis(200);
        for _ in 0..8 {
            match notices::receive(&state, SANDBOX_CODE, &headers, &body).await {
                Ok(_) => break,
                Err(error) => {
                    tracing::warn!(order = notice.order_no, ?error, "sandbox notice not taken; retrying");
                    tokio::time::sleep(backoff).await;
                    backoff *= 2;
                }
            }
        }
    }
}

/// The candidate's own open order, when it is the sandbox's.
async fn own_open_order(
    state: &ServerState,
    session: &Session,
    order_no: &str,
) -> Result<payment_order::Model, AppError> {
    let order = super::pay_order::own_open_order(state, session, order_no).await?;
    if order.gateway != SANDBOX_CODE {
        return Err(AppError::NotFound);
    }
    Ok(order)
}

/// The cashier page: plain HTML in both languages, like a gateway's own page (no Zige script).
fn page(order: &payment_order::Model) -> String {
    let amount = format_yuan(order.amount());
    let order_no = &order.order_no;
    let back = return_address(order);
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>模拟收银台 Sandbox cashier</title>
<style>body{{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1d2330}}
.note{{background:#fff4d6;padding:.6rem;border-radius:.4rem}}button{{font-size:1.1rem;padding:.6rem 1.2rem;margin:.3rem .3rem 0 0}}</style></head>
<body><main>
<h1>模拟收银台 · Sandbox cashier</h1>
<p class="note">这是沙箱支付，不会扣款。This is the sandbox: no money moves.</p>
<dl><dt>订单号 Order</dt><dd>{order_no}</dd><dt>金额 Amount</dt><dd><strong>{amount}</strong></dd></dl>
<form method="post" action="/sandbox/cashier/{order_no}/pay" enctype="multipart/form-data"><button type="submit">确认支付 Pay</button></form>
<p><a href="{back}">返回，不支付 · Back without paying</a></p>
</main></body></html>"#
    )
}
