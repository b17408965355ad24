//! A plain page the server answers a route with (the site's stylesheet, no script): a heading,
//! what went wrong in Chinese and English, and the way back. For the routes a browser is sent to
//! by someone else's page (the identity provider's, WeChat's), where no app page is open.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// The way back: where, and its words.
pub struct WayBack<'a> {
    pub href: &'a str,
    pub words: &'a str,
}

/// When waiting may help (503), the page also says how long to wait.
pub fn plain_page(status: StatusCode, title: &str, zh: &str, en: &str, back: WayBack<'_>) -> Response {
    let text = format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · 资格</title><link rel="stylesheet" href="/pkg/zige.css"></head>
<body><main class="page"><h1>{title}</h1>
<p class="notice error" role="alert" data-testid="page-trouble">{zh}</p>
<p class="muted" lang="en">{en}</p>
<p><a class="button" href="{href}">{words}</a></p>
</main></body></html>"#,
        title = escaped(title),
        zh = escaped(zh),
        en = escaped(en),
        href = escaped(back.href),
        words = escaped(back.words),
    );
    let mut response = (status, Html(text)).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("5"));
    }
    response
}

/// A refusal of a plain form: the error's status and its words, and the way back.
pub fn refusal_page(title: &str, error: &app::error::AppError, back: WayBack<'_>) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    plain_page(status, title, &error.message_zh(), &error.message_en(), back)
}

pub fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
