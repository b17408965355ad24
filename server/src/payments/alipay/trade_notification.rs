//! Alipay's asynchronous trade notification (`notify_type=trade_status_sync`), a UTF-8 form
//! posted to `notify_url`. Believed only when Alipay's key verifies it (its content drops `sign`
//! and `sign_type`), it names our app and, when the account says which, our seller. A paid trade
//! (`TRADE_SUCCESS`, `TRADE_FINISHED`) reports the payment; one carrying `refund_fee` and
//! `gmt_refund` reports a refund, of `refund_fee`; a trade still waiting or closed unpaid is
//! acknowledged and left alone.

use app::ssr::infra::payment_gateway::{GatewayNotice, NoticeEvent, NoticeRefused};

use super::alipay_account::AlipayAccount;
use super::sign_content::{sign_content, SignTypeIn};
use app::domain::exam_fee::parse_yuan;

pub fn read_notification(account: &AlipayAccount, body: &[u8]) -> Result<GatewayNotice, NoticeRefused> {
    let params: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let field = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default();
    let sign = field("sign");
    if sign.is_empty() || !account.alipay_signed(&sign_content(&params, SignTypeIn::Dropped), sign) {
        return Err(NoticeRefused::BadSignature);
    }
    let malformed = |why: &str| NoticeRefused::Malformed(why.to_string());
    if field("notify_type") != "trade_status_sync" {
        return Err(malformed("not a trade notification"));
    }
    if field("app_id") != account.app_id {
        return Err(malformed("for another app"));
    }
    if account.seller_id.as_deref().is_some_and(|seller| field("seller_id") != seller) {
        return Err(malformed("for another seller"));
    }
    let (notice_id, order_no, trade_no) = (field("notify_id"), field("out_trade_no"), field("trade_no"));
    if notice_id.is_empty() || order_no.is_empty() || trade_no.is_empty() {
        return Err(malformed("without notify_id, out_trade_no or trade_no"));
    }
    let notice = |txn: String, amount: &str, event: NoticeEvent| {
        let amount_fen = parse_yuan(amount).ok_or_else(|| malformed("an amount that is not a plain yuan amount"))?;
        Ok(GatewayNotice { notice_id: notice_id.to_string(), order_no: order_no.to_string(), txn, amount_fen, event })
    };
    if !field("gmt_refund").is_empty() && !field("refund_fee").is_empty() {
        let txn = match field("out_biz_no") {
            "" => trade_no.to_string(),
            refund => format!("{trade_no}:{refund}"),
        };
        return notice(txn, field("refund_fee"), NoticeEvent::Refunded);
    }
    match field("trade_status") {
        "TRADE_SUCCESS" | "TRADE_FINISHED" => notice(trade_no.to_string(), field("total_amount"), NoticeEvent::Paid),
        status @ ("WAIT_BUYER_PAY" | "TRADE_CLOSED") => Err(NoticeRefused::NothingToApply(format!("trade {status}"))),
        _ => Err(malformed("an unknown trade_status")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payments::alipay::sign_content::tests::a2_notification;
    use crate::payments::rsa_keys::{MerchantKey, ProviderKey};

    const A2_KEY: &str = include_str!("../../../tests/fixtures/payments/alipay_nodejs_notify_public_key.pem");
    const APP_KEY: &str = include_str!("../../../tests/fixtures/payments/alipay_java_test_app_key.pem");
    const STANDIN_KEY: &str = include_str!("../../../tests/fixtures/payments/standin_alipay_key.pem");
    const STANDIN_PUBLIC: &str = include_str!("../../../tests/fixtures/payments/standin_alipay_public_key.pem");

    fn form(params: &[(String, String)]) -> Vec<u8> {
        form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish().into_bytes()
    }

    fn yuque(app_id: &str) -> AlipayAccount {
        let app_key = MerchantKey::parse(APP_KEY).unwrap();
        AlipayAccount::new(app_id, app_key, ProviderKey::parse(A2_KEY).unwrap())
    }

    #[test]
    fn a_real_payment_notification_is_read_exactly() {
        let notice = read_notification(&yuque("2019073166072302"), &form(&a2_notification())).unwrap();
        assert_eq!(
            notice,
            GatewayNotice {
                notice_id: "2019081500222155624068450559358070".into(),
                order_no: "20190815155618536-564-57".into(),
                txn: "2019081522001468450512505578".into(),
                amount_fen: 10,
                event: NoticeEvent::Paid,
            }
        );
        let seller_checked = yuque("2019073166072302").for_seller("2088531891668739");
        assert!(read_notification(&seller_checked, &form(&a2_notification())).is_ok());
    }

    #[test]
    fn another_app_or_seller_or_a_changed_or_unsigned_form_is_refused() {
        let body = form(&a2_notification());
        assert!(matches!(read_notification(&yuque("2021000000000001"), &body), Err(NoticeRefused::Malformed(_))));
        let other_seller = yuque("2019073166072302").for_seller("2088000000000000");
        assert!(matches!(read_notification(&other_seller, &body), Err(NoticeRefused::Malformed(_))));
        let changed = String::from_utf8(body.clone()).unwrap().replace("total_amount=0.10", "total_amount=100.00");
        assert_eq!(read_notification(&yuque("2019073166072302"), changed.as_bytes()), Err(NoticeRefused::BadSignature));
        let unsigned: Vec<_> = a2_notification().into_iter().filter(|(k, _)| k != "sign").collect();
        assert_eq!(read_notification(&yuque("2019073166072302"), &form(&unsigned)), Err(NoticeRefused::BadSignature));
    }

    /// A notification the stand-in's Alipay key signs, as Alipay does.
    fn signed_by_alipay(fields: &[(&str, &str)]) -> Vec<u8> {
        let mut params: Vec<(String, String)> = [
            ("notify_type", "trade_status_sync"),
            ("notify_id", "n1"),
            ("app_id", "2021000000000001"),
            ("out_trade_no", "ZG1"),
            ("trade_no", "2024T1"),
            ("total_amount", "100.00"),
        ]
        .iter()
        .filter(|(k, _)| !fields.iter().any(|(given, _)| given == k))
        .chain(fields)
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let sign = MerchantKey::parse(STANDIN_KEY).unwrap().sign(sign_content(&params, SignTypeIn::Dropped).as_bytes());
        params.extend([("sign_type".to_string(), "RSA2".to_string()), ("sign".to_string(), sign)]);
        form(&params)
    }

    fn ours() -> AlipayAccount {
        AlipayAccount::new(
            "2021000000000001",
            MerchantKey::parse(APP_KEY).unwrap(),
            ProviderKey::parse(STANDIN_PUBLIC).unwrap(),
        )
    }

    #[test]
    fn a_refund_reports_its_fee_under_its_own_number() {
        let body = signed_by_alipay(&[
            ("trade_status", "TRADE_CLOSED"),
            ("refund_fee", "100.00"),
            ("gmt_refund", "2024-01-02 15:04:05.123"),
            ("out_biz_no", "RF1"),
        ]);
        let notice = read_notification(&ours(), &body).unwrap();
        assert_eq!(
            (notice.event, notice.txn.as_str(), notice.amount_fen),
            (NoticeEvent::Refunded, "2024T1:RF1", 10000)
        );
    }

    #[test]
    fn a_waiting_or_closed_trade_is_nothing_to_apply_and_an_odd_amount_is_malformed() {
        for status in ["WAIT_BUYER_PAY", "TRADE_CLOSED"] {
            let body = signed_by_alipay(&[("trade_status", status)]);
            assert!(matches!(read_notification(&ours(), &body), Err(NoticeRefused::NothingToApply(_))));
        }
        let odd = signed_by_alipay(&[("trade_status", "TRADE_SUCCESS"), ("total_amount", "1e2")]);
        assert!(matches!(read_notification(&ours(), &odd), Err(NoticeRefused::Malformed(_))));
    }
}
