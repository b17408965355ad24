//! GET /pay/{order_no}: where the candidate's 去支付 leads. The order's gateway starts the payment
//! there and then: the browser goes on to the gateway's cashier (WeChat Pay H5 on a phone,
//! Alipay's, the sandbox's), or, for WeChat Pay on a computer, this page shows the code to scan
//! with WeChat. Only for the order's own candidate, while it is open and payable.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Extension;
use tower_sessions::Session;

use app::domain::exam_fee::format_yuan;
use app::domain::payment_order::OrderState;
use app::error::AppError;
use app::ssr::access::caller;
use app::ssr::access::gate::Candidate;
use app::ssr::entities::payment_order;
use app::ssr::exams::exam_store;
use app::ssr::infra::client_address::ClientAddress;
use app::ssr::infra::inline_qr_svg::inline_qr_svg;
use app::ssr::infra::payment_gateway::{Checkout, Device, OrderToPay};
use app::ssr::payments::gateway_failure::unreachable;
use app::ssr::payments::gateway_orders::payable_for;
use app::ssr::payments::orders;
use app::ssr::ServerState;

use super::error_response;

/// The installation's public address (`ZIGE_PUBLIC_URL`), from which gateways' notifications and
/// returns are addressed; empty where none is configured (the sandbox needs none).
#[derive(Clone)]
pub struct PublicAddress(pub String);

pub async fn pay_order(
    State(state): State<ServerState>,
    Extension(PublicAddress(public)): Extension<PublicAddress>,
    Extension(ClientAddress(payer)): Extension<ClientAddress>,
    session: Session,
    headers: HeaderMap,
    Path(order_no): Path<String>,
) -> Response {
    let order = match own_open_order(&state, &session, &order_no).await {
        Ok(order) => order,
        Err(error) => return error_response(error),
    };
    let Some(gateway) = state.gateways.find(&order.gateway).cloned() else {
        return error_response(AppError::NotFound);
    };
    let pay_before = order.created_at + payable_for();
    if state.clock.now() >= pay_before {
        return error_response(AppError::payment_refused(
            format!("订单 {} 已超过支付时限，请关闭后重新下单", order.order_no),
            format!("Order {} can no longer be paid; close it and make a new one", order.order_no),
        ));
    }
    let subject = match exam_store::load(&state.db, &order.exam_code).await {
        Ok(Some(exam)) => format!("{} 考试费", exam.title_zh),
        _ => format!("考试费 {}", order.exam_code),
    };
    let to_pay = OrderToPay {
        order_no: order.order_no.clone(),
        amount_fen: order.amount(),
        subject,
        return_url: format!("{public}{}", return_address(&order)),
        notify_url: format!("{public}/api/payments/notify/{}", gateway.code()),
        payer_ip: Some(payer),
        device: device(&headers),
        pay_before,
    };
    match gateway.start(&to_pay).await {
        // WeChat Pay's H5 cashier refuses a visit whose Referer is not the merchant's registered
        // domain, and the site's own policy (same-origin) sends none across sites: this hop
        // sends the origin alone.
        Ok(Checkout::Redirect(cashier)) => {
            ([(header::REFERRER_POLICY, "strict-origin-when-cross-origin")], Redirect::to(&cashier)).into_response()
        }
        Ok(Checkout::ScanCode(code)) => match inline_qr_svg(&code) {
            Ok(svg) => Html(scan_page(&order, gateway.name_zh(), gateway.name_en(), &svg)).into_response(),
            Err(error) => error_response(error),
        },
        Err(failure) => error_response(unreachable(failure)),
    }
}

/// The exam page, which says whether the payment arrived.
pub fn return_address(order: &payment_order::Model) -> String {
    format!("/exams/{}?order={}", order.exam_code, order.order_no)
}

/// A phone's browser gets the gateway's mobile cashier; anything else the computer's.
fn device(headers: &HeaderMap) -> Device {
    let agent = headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if ["Mobile", "Android", "iPhone", "iPad", "HarmonyOS"].iter().any(|mark| agent.contains(mark)) {
        Device::Phone
    } else {
        Device::Desktop
    }
}

/// The signed-in candidate's own order, while it is open.
pub async fn own_open_order(
    state: &ServerState,
    session: &Session,
    order_no: &str,
) -> Result<payment_order::Model, AppError> {
    let account = caller::from_session::<Candidate>(session, &state.db).await?;
    let order = orders::own_order(state, &account, order_no).await?;
    if order.state != OrderState::Created {
        return Err(AppError::payment_refused(
            format!("订单 {} {}，无需支付", order.order_no, order.state.label_zh()),
            format!("Order {} is {}; there is nothing to pay", order.order_no, order.state.label_en().to_lowercase()),
        ));
    }
    Ok(order)
}

/// WeChat Pay Native: the code to scan, the amount, and the way back (plain HTML, no script).
fn scan_page(order: &payment_order::Model, name_zh: &str, name_en: &str, svg: &str) -> String {
    let amount = format_yuan(order.amount());
    let order_no = &order.order_no;
    let back = return_address(order);
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>扫码支付 · Pay with {name_en}</title>
<style>body{{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1d2330}}.code svg{{width:15rem;height:15rem}}</style></head>
<body><main>
<h1>扫码支付（{name_zh}） · Pay with {name_en}</h1>
<p>请用手机{name_zh}“扫一扫”扫描下方二维码完成支付。Scan the code with {name_en} on your phone.</p>
<div class="code" role="img" aria-label="{name_zh} QR code">{svg}</div>
<dl><dt>订单号 Order</dt><dd>{order_no}</dd><dt>金额 Amount</dt><dd><strong>{amount}</strong></dd></dl>
<p><a href="{back}">支付完成后返回报名页 · Back to the exam page once paid</a></p>
</main></body></html>"#
    )
}
