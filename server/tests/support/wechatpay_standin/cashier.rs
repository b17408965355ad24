//! The stand-in's H5 cashier: the page WeChat Pay's `h5_url` opens on a phone, where the payer
//! confirms; then the notification goes out and the browser returns to `redirect_url`.

use axum::extract::{Form, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use super::{TradeState, WechatPayStandin};

pub fn routes() -> Router<WechatPayStandin> {
    Router::new().route("/cashier/{no}", get(page).post(pay))
}

#[derive(serde::Deserialize)]
struct Back {
    #[serde(default)]
    redirect_url: String,
}

async fn page(
    State(standin): State<WechatPayStandin>,
    Path(no): Path<String>,
    Query(back): Query<Back>,
    headers: axum::http::HeaderMap,
) -> Response {
    // As WeChat Pay's H5: only a visit from the merchant's own domain (its Referer), which is
    // where the merchant sends the payer back to.
    let referer = headers.get("referer").and_then(|v| v.to_str().ok()).and_then(|r| reqwest::Url::parse(r).ok());
    let back_to = reqwest::Url::parse(&back.redirect_url).ok();
    let origin = |url: &Option<reqwest::Url>| url.as_ref().map(|u| u.origin().ascii_serialization());
    if referer.is_none() || origin(&referer) != origin(&back_to) {
        return (axum::http::StatusCode::FORBIDDEN, Html("<p>商家存在未配置的参数，请联系商家解决</p>".to_string()))
            .into_response();
    }
    let Some(trade) = standin.trade(&no).filter(|t| t.state == TradeState::NotPay) else {
        return Html("<p>订单不存在或已支付 · No such open order</p>".to_string()).into_response();
    };
    let amount = format!("¥{}.{:02}", trade.total / 100, trade.total % 100);
    let redirect = back.redirect_url.replace('"', "&quot;");
    Html(format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>微信支付（本地替身）</title></head><body><main>
<h1>微信支付（本地替身） · WeChat Pay (local stand-in)</h1>
<p>订单 {no}</p><p>金额 <strong>{amount}</strong></p>
<form method="post"><input type="hidden" name="redirect_url" value="{redirect}"><button type="submit">确认支付 Pay</button></form>
</main></body></html>"#
    ))
    .into_response()
}

async fn pay(State(standin): State<WechatPayStandin>, Path(no): Path<String>, Form(back): Form<Back>) -> Response {
    standin.pay(&no).await;
    Redirect::to(&back.redirect_url).into_response()
}
