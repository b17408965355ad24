//! What Alipay's RSA2 signatures are made over: the parameters, less `sign` and the empty ones,
//! sorted by key in byte order and joined as `k=v` with `&`, values raw (never URL-encoded). A
//! request signs `sign_type` too; a trade notification (`trade_status_sync`) is signed without
//! it, and Alipay's own verifiers (Java `rsaCheckV1`) drop it, so the same content is built here.

use crate::gateways::payments::rsa_keys::MerchantKey;

/// Whether `sign_type` is part of the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignTypeIn {
    /// Zige's requests.
    Included,
    /// Alipay's trade notifications, and the parameters it sends a browser back with (`return_url`).
    Dropped,
}

/// The text that is signed, from the parameters as name and (decoded) value.
pub fn sign_content<K: AsRef<str>, V: AsRef<str>>(params: &[(K, V)], sign_type: SignTypeIn) -> String {
    let mut kept: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .filter(|(k, v)| !v.is_empty() && *k != "sign" && !(sign_type == SignTypeIn::Dropped && *k == "sign_type"))
        .collect();
    kept.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    kept.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// The parameters with their `sign` added, as a request carries them.
pub fn signed(mut params: Vec<(String, String)>, key: &MerchantKey) -> Vec<(String, String)> {
    let signature = key.sign(sign_content(&params, SignTypeIn::Included).as_bytes());
    params.push(("sign".into(), signature));
    params
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::gateways::payments::rsa_keys::GatewayKey;

    const A1_KEY: &str = include_str!("../../../../tests/fixtures/payments/alipay_java_test_app_key.pem");
    const A2_KEY: &str = include_str!("../../../../tests/fixtures/payments/alipay_nodejs_notify_public_key.pem");

    fn pairs(text: &str) -> Vec<(String, String)> {
        text.split('&').map(|kv| kv.split_once('=').unwrap()).map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn signature_of(params: &[(&str, &str)]) -> String {
        let key = MerchantKey::parse(A1_KEY).unwrap();
        key.sign(sign_content(params, SignTypeIn::Included).as_bytes())
    }

    #[test]
    fn signs_exactly_as_alipay_s_java_sdk_does() {
        let method = ("method", "koubei.marketing.data.indicator.query");
        let a = [("sign_type", "RSA2"), method, ("app_id", "2019090366875133"), ("sign", "old"), ("empty", "")];
        assert_eq!(signature_of(&a), "JzoDc8VxY1/w6yN9WdWV10aipS3YcRpK+jw4xfLybf90ZK9L3AHLUJbNLWVnHW3IuLoJbBeSGVxSbPBhe4ggPklcYUkPowgtlZ6YlthuQDtjF23h2obXuXkQRd+RPbDWvOA5AYQjsKH8uSHil5aRARewPIPhukl9Mn4HEovUccsBR/RirQFSGmGYiMM0zvhVSR7pXZDEhiADzvzAkvVVTI1/HbNqcoBU4ctSPAGsuDPO/mah1+IwGQAuPP6xoEPL+3zQ0wztQCwHT2o8aQmxFJ9a09q8ybRprHaNjCgTaLDeTWE0o1pllZIE8c7wnG3cOuj6quYjTcQyLm6P4M87Zw==");
        let b = [("app_id", "2019090366875133"), ("extra", "中文测试"), method, ("sign_type", "RSA2")];
        assert_eq!(signature_of(&b), "KrRGUY3/2JX3KtlLgus8CbK0xuUIBDCpOdJkVzJDefez6HvlA8RA6uCVj2rrMd7DgVfarG5SROdSnkZbf8MLKHbVoFqi9w0QCvto9mc8n3ezfWejZECJVCZhbJ3OslB+4gij9+F70usrnCNEJZm02ntyNdVzcqMbgdRMB93BJIRC1jjmCotpXgXWrRdTb/SfhIAkoHqgGi2aCUHuLDInLGZCn8NeziGWMnFOic6/sE/nMpwriOmwLb2nyzD0fGiolwuuxlOGMcBHAb22J8XqchFHyCpbs2A/rWdJMjhUfqsErbtZQM93fi1xfL2pUa9RMWX0Q81Qk7iSEeHCR+NGyQ==");
    }

    #[test]
    fn a_page_pay_and_a_query_are_signed_over_their_biz_content_as_written() {
        let page_pay = pairs(
            r#"app_id=2019091767145019&biz_content={"out_trade_no":"20240102150405001","total_amount":"88.88","subject":"测试商品","product_code":"FAST_INSTANT_TRADE_PAY"}&charset=utf-8&format=JSON&method=alipay.trade.page.pay&notify_url=https://example.com/notify&return_url=https://example.com/return&sign_type=RSA2&timestamp=2024-01-02 15:04:05&version=1.0"#,
        );
        let key = MerchantKey::parse(A1_KEY).unwrap();
        let sign = |params: Vec<(String, String)>| signed(params, &key).pop().unwrap().1;
        assert_eq!(sign(page_pay), "PSflkjo9PWTcONVoy7lxshG03Cvkp9hjHBji4NgP0rR8Iopk0jsGEo3TDe3cYnZFFOT7SDeBJNFx+DtywqlBSrLR+We3E0uvZKR5nL6daxh/AtWmIaq0HIWkHCXpjhFg56LwVwUIv+lVe1KMJ7wfy7gq7E3Szp39fju8wEnO34VB9k9Kdj78T1JZyLvkwfwzyQNaMuGJu+dj4eFqR60qEn3LkX31Rjrawe8W1df/5AFB8I3TLOKR97XRL6E6CFXhVElpXTV3V8vUwNt1I1Nu9O9wWINAaxSlhDhtj1K7qPLtWfdU360zY+2ZG084os6eqZweqrR5PmX4I37RcTOPXQ==");
        let query = pairs(
            r#"version=1.0&timestamp=2024-01-02 15:04:05&sign_type=RSA2&method=alipay.trade.query&format=JSON&charset=utf-8&biz_content={"out_trade_no":"20240102150405001"}&app_id=2019091767145019"#,
        );
        assert_eq!(sign(query), "bWgSbB/btu3N1qwEPU6gFxm0WT6KHfQ6CP7NwjurVSWPmTD/afQVwowMjYzOv6OFXuInb9OjVVDluR66rcV56x+uMcSCfYRgdSjoTEDCbE2t4sFgCCe6s4pkB+/Ml68UazQ021/RY5BJSqss9gz5KcrAbyOBeqSpym5CbJ5z1gY7N9SU2K7HtyzE9ZVem72OaRQcAi/jFPm/dMNzfwO3QrsrJTGgAxsNRdy65JptzpetTZX+0uLYUJvL7y4PYCnIuJHTPttRJFuZalh8dIRdRh327XJcAD1yOF2RJriybCvemkuvWVbvc33WHRt9cWJOJSVymXAt6jwJTCju7GKhJw==");
    }

    /// A real trade notification from Alipay's Node SDK tests, as its form arrived.
    pub fn a2_notification() -> Vec<(String, String)> {
        let mut params = pairs(
            r#"app_id=2019073166072302&auth_app_id=2019073166072302&buyer_id=2088102534368455&buyer_logon_id=xud***@126.com&buyer_pay_amount=0.10&charset=utf-8&fund_bill_list=[{"amount":"0.10","fundChannel":"ALIPAYACCOUNT"}]&gmt_create=2019-08-15 15:56:22&gmt_payment=2019-08-15 15:56:24&invoice_amount=0.10&notify_id=2019081500222155624068450559358070&notify_time=2019-08-15 15:56:25&notify_type=trade_status_sync&out_trade_no=20190815155618536-564-57&point_amount=0.00&receipt_amount=0.10&seller_email=z97-yuquerevenue@service.aliyun.com&seller_id=2088531891668739&subject=语雀空间 500人规模&total_amount=0.10&trade_no=2019081522001468450512505578&trade_status=TRADE_SUCCESS&version=1.0&sign_type=RSA2"#,
        );
        params.push(("sign".into(), "QfTb8tqE1BMhS5qAnXtvsF3/jBkEvu9q9en0pdbBUDDjvKycZhQb7h8GDs4FKfi049PynaNuatxSgLb/nLWZpXyyh0LEWdK2S6Ri7nPwrVgOs08zugLO20vOQz44y3ti2Ncm8/wZts1Fr2gZ7pShnVX3d1B50hbsXnObT1r/U8ONNQjWXd0HIul4TG+Q3fm3svmSvFEy0WnzuhcyHPX5Gm4ELNctL6Qd5YniGJFNcc7kopHYtI/XD9YCKCH6Ct02rzUs9i11C9CsadtZn+WhxF26Dqt9sGEFajkJ8cxUTLi8+VCpLHsgPE8P0y095uQcDdK0YjCh4x7wVSov+lrmOQ==".into()));
        params
    }

    #[test]
    fn a_trade_notification_verifies_without_its_sign_type_and_not_once_changed() {
        let alipay = GatewayKey::parse(A2_KEY).unwrap();
        let params = a2_notification();
        let sign = params.iter().find(|(k, _)| k == "sign").unwrap().1.clone();
        assert!(alipay.verifies(sign_content(&params, SignTypeIn::Dropped).as_bytes(), &sign));
        assert!(!alipay.verifies(sign_content(&params, SignTypeIn::Included).as_bytes(), &sign));
        let changed: Vec<(String, String)> = params
            .into_iter()
            .map(|(k, v)| if k == "total_amount" { (k, "0.11".to_string()) } else { (k, v) })
            .collect();
        assert!(!alipay.verifies(sign_content(&changed, SignTypeIn::Dropped).as_bytes(), &sign));
    }
}
