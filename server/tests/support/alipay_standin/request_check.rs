//! What Alipay checks of every request before reading it: the app, the signature type, and the
//! RSA2 signature over the parameters (query and form body together), content built as Alipay
//! builds it, verified with the app's public key.

use server::gateways::payments::alipay::sign_content::{sign_content, SignTypeIn};

use super::{Shared, APP_ID};

/// The request's parameters (query and form body together, as Alipay reads them) when their
/// signature is the app's, else Alipay's error for a bad signature or an unknown app.
pub fn checked_params(
    shared: &Shared,
    params: Vec<(String, String)>,
) -> Result<Vec<(String, String)>, (&'static str, &'static str)> {
    let field = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    if field("app_id") != APP_ID {
        return Err(("isv.invalid-app-id", "无效的AppID参数"));
    }
    if field("sign_type") != "RSA2" || !field("charset").eq_ignore_ascii_case("utf-8") {
        return Err(("isv.invalid-signature-type", "无效的签名类型"));
    }
    let content = sign_content(&params, SignTypeIn::Included);
    if !shared.app_public_key.verifies(content.as_bytes(), &field("sign")) {
        return Err(("isv.invalid-signature", "验签出错"));
    }
    Ok(params)
}

pub fn field<'a>(params: &'a [(String, String)], name: &str) -> &'a str {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default()
}
