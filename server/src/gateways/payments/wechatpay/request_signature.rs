//! WeChat Pay API v3's request signature (`WECHATPAY2-SHA256-RSA2048`): the method, the path with
//! its query as sent, a timestamp, a nonce and the body, one per line, each line ended by `\n`,
//! signed SHA256withRSA with the merchant's API key, and carried in `Authorization` with the
//! merchant number and the serial of the merchant's API certificate.

use crate::gateways::payments::rsa_keys::MerchantKey;

/// What is signed: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n` (an empty body still ends the
/// message with its own `\n`).
pub fn message(method: &str, path_and_query: &str, timestamp: i64, nonce: &str, body: &str) -> String {
    format!("{method}\n{path_and_query}\n{timestamp}\n{nonce}\n{body}\n")
}

/// The `Authorization` header's value.
pub fn authorization(
    key: &MerchantKey,
    merchant_id: &str,
    certificate_serial: &str,
    signed: (&str, &str, i64, &str, &str),
) -> String {
    let (method, path_and_query, timestamp, nonce, body) = signed;
    let signature = key.sign(message(method, path_and_query, timestamp, nonce, body).as_bytes());
    format!(
        "WECHATPAY2-SHA256-RSA2048 mchid=\"{merchant_id}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{certificate_serial}\""
    )
}

/// The header's items by name, as the gateway reads them (in any order).
pub fn items(header: &str) -> Option<std::collections::HashMap<&str, &str>> {
    let rest = header.strip_prefix("WECHATPAY2-SHA256-RSA2048 ")?;
    rest.split(',')
        .map(|item| {
            let (name, value) = item.trim().split_once('=')?;
            Some((name, value.strip_prefix('"')?.strip_suffix('"')?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = include_str!("../../../../tests/fixtures/payments/wechatpay_go_test_key.pem");

    #[test]
    fn the_message_is_the_sdk_s_five_lines() {
        // wechatpay-go's core/auth/credentials/wechat_pay_credential_test.go: a body that ends in
        // a newline still gets the message's own.
        assert_eq!(
            message("POST", "/v3/certificates", 1624523846, "A1B2C3D4E5F6G7", "Hello World!\n"),
            "POST\n/v3/certificates\n1624523846\nA1B2C3D4E5F6G7\nHello World!\n\n"
        );
    }

    #[test]
    fn a_query_with_no_body_is_signed_as_openssl_signs_it() {
        // The message signed with the SDK's test key by `openssl dgst -sha256 -sign` (see
        // docs/research/payment-protocols.md, W6 a).
        let key = MerchantKey::parse(KEY).unwrap();
        let header = authorization(
            &key,
            "1230000109",
            "F5765756002FDD77",
            (
                "GET",
                "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1230000109",
                1554208460,
                "593BEC0C930BF1AFEB40B4A08C8FB242",
                "",
            ),
        );
        let items = items(&header).unwrap();
        assert_eq!(items["mchid"], "1230000109");
        assert_eq!(items["serial_no"], "F5765756002FDD77");
        assert_eq!(items["signature"], "Mi6/vU9oV2sHqOtO5LZDQBvzCU+Hti+oFJOfyB0oyR0kxDgmeHmTqczM3gzb5jNY/uFYvtMBOke1DxYDEK6rSE3l7Y0Xp3WrgX7gZgRTHJAz/qFRze1qVxK1kWx1wcXs9jqWHy3BApmDEFO+2oBGfde4qmTG9oAMYmJZ3QTWVjNOKTaJ3lH5HbAdX+gFAO1PIOUmL8HnMlLWVNyW7BJzFFYiBvJmsSp5lgdW0Jw76oMZ0LCiPqe5FlzovlZQXx4uup7PMpGcUVzFQ69APJeBVQqAMuQJDiCbl5/XCi3eteFKVj0ZpQrcpJa+kynM0Z8TE/CwPMVR0c5b2xN1s7ofUQ==");
    }
}
