//! Alipay's asynchronous trade notification (`notify_type=trade_status_sync`), a UTF-8 form
//! posted to `notify_url`. Believed only when Alipay's key verifies it (its content drops `sign`
//! and `sign_type`), it names our app and our seller, and names each field once (a second value
//! of a field, empty ones included, is not what Alipay signed or sends). A paid trade
//! (`TRADE_SUCCESS`, `TRADE_FINISHED`) reports the payment; one carrying `refund_fee` and
//! `gmt_refund` reports a refund: `refund_fee` is everything refunded of the trade so far (a
//! running total, so a first partial refund is not the whole), `out_biz_no` the refund's number.
//! A trade still waiting or closed unpaid is acknowledged and left alone.

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
    if params.iter().enumerate().any(|(at, (key, _))| params[..at].iter().any(|(earlier, _)| earlier == key)) {
        return Err(malformed("a field given twice"));
    }
    if field("notify_type") != "trade_status_sync" {
        return Err(malformed("not a trade notification"));
    }
    if field("app_id") != account.app_id {
        return Err(malformed("for another app"));
    }
    if field("seller_id") != account.seller_id {
        return Err(malformed("for another seller, or none"));
    }
    let (notice_id, order_no, trade_no) = (field("notify_id"), field("out_trade_no"), field("trade_no"));
    if notice_id.is_empty() || order_no.is_empty() || trade_no.is_empty() {
        return Err(malformed("without notify_id, out_trade_no or trade_no"));
    }
    let notice = |txn: String, amount: &str, event: NoticeEvent, refund_no: Option<String>| {
        let amount_fen = parse_yuan(amount).ok_or_else(|| malformed("an amount that is not a plain yuan amount"))?;
        Ok(GatewayNotice {
            notice_id: notice_id.to_string(),
            order_no: order_no.to_string(),
            txn,
            amount_fen,
            event,
            refund_no,
        })
    };
    if !field("gmt_refund").is_empty() && !field("refund_fee").is_empty() {
        let (txn, refund_no) = match field("out_biz_no") {
            "" => (trade_no.to_string(), None),
            refund => (format!("{trade_no}:{refund}"), Some(refund.to_string())),
        };
        return notice(txn, field("refund_fee"), NoticeEvent::Refunded, refund_no);
    }
    match field("trade_status") {
        "TRADE_SUCCESS" | "TRADE_FINISHED" => {
            notice(trade_no.to_string(), field("total_amount"), NoticeEvent::Paid, None)
        }
        status @ ("WAIT_BUYER_PAY" | "TRADE_CLOSED") => Err(NoticeRefused::NothingToApply(format!("trade {status}"))),
        _ => Err(malformed("an unknown trade_status")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateways::payments::alipay::sign_content::tests::a2_notification;
    use crate::gateways::payments::rsa_keys::{GatewayKey, MerchantKey};

    const A2_KEY: &str = include_str!("../../../../tests/fixtures/payments/alipay_nodejs_notify_public_key.pem");
    const APP_KEY: &str = include_str!("../../../../tests/fixtures/payments/alipay_java_test_app_key.pem");
    const STANDIN_KEY: &str = include_str!("../../../../tests/fixtures/payments/standin_alipay_key.pem");
    const STANDIN_PUBLIC: &str = include_str!("../../../../tests/fixtures/payments/standin_alipay_public_key.pem");

    fn form(params: &[(String, String)]) -> Vec<u8> {
        form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish().into_bytes()
    }

    /// The app and seller of the Node SDK's real notification (vector A2).
    fn yuque(app_id: &str) -> AlipayAccount {
        yuque_of(app_id, "2088531891668739")
    }

    fn yuque_of(app_id: &str, seller_id: &str) -> AlipayAccount {
        let app_key = MerchantKey::parse(APP_KEY).unwrap();
        AlipayAccount::new(app_id, seller_id, app_key, GatewayKey::parse(A2_KEY).unwrap())
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
                refund_no: None,
            }
        );
    }

    #[test]
    fn another_app_or_seller_or_a_changed_or_unsigned_form_is_refused() {
        let body = form(&a2_notification());
        assert!(matches!(read_notification(&yuque("2021000000000001"), &body), Err(NoticeRefused::Malformed(_))));
        let other_seller = yuque_of("2019073166072302", "2088000000000000");
        assert!(matches!(read_notification(&other_seller, &body), Err(NoticeRefused::Malformed(_))));
        let changed = String::from_utf8(body.clone()).unwrap().replace("total_amount=0.10", "total_amount=100.00");
        assert_eq!(read_notification(&yuque("2019073166072302"), changed.as_bytes()), Err(NoticeRefused::BadSignature));
        let unsigned: Vec<_> = a2_notification().into_iter().filter(|(k, _)| k != "sign").collect();
        assert_eq!(read_notification(&yuque("2019073166072302"), &form(&unsigned)), Err(NoticeRefused::BadSignature));
    }

    #[test]
    fn a_field_given_twice_is_refused_even_when_the_signature_still_verifies() {
        // Empty values are left out of what is signed, so a second, empty `app_id` leaves the
        // signature whole: the form is still not one Alipay sent.
        let mut body = form(&a2_notification());
        body.extend_from_slice(b"&app_id=");
        assert!(matches!(read_notification(&yuque("2019073166072302"), &body), Err(NoticeRefused::Malformed(_))));
        let mut twice = form(&a2_notification());
        twice.extend_from_slice(b"&out_trade_no=");
        assert!(matches!(read_notification(&yuque("2019073166072302"), &twice), Err(NoticeRefused::Malformed(_))));
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
        .chain(&[("seller_id", "2088000000000002")])
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
            "2088000000000002",
            MerchantKey::parse(APP_KEY).unwrap(),
            GatewayKey::parse(STANDIN_PUBLIC).unwrap(),
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
            (notice.event, notice.txn.as_str(), notice.amount_fen, notice.refund_no.as_deref()),
            (NoticeEvent::Refunded, "2024T1:RF1", 10000, Some("RF1"))
        );
    }

    #[test]
    fn a_notification_that_names_no_seller_or_another_is_refused() {
        let none = signed_by_alipay(&[("trade_status", "TRADE_SUCCESS"), ("seller_id", "")]);
        assert!(matches!(read_notification(&ours(), &none), Err(NoticeRefused::Malformed(_))));
        let other = signed_by_alipay(&[("trade_status", "TRADE_SUCCESS"), ("seller_id", "2088999999999999")]);
        assert!(matches!(read_notification(&ours(), &other), Err(NoticeRefused::Malformed(_))));
        let ours_paid = signed_by_alipay(&[("trade_status", "TRADE_SUCCESS")]);
        assert_eq!(read_notification(&ours(), &ours_paid).unwrap().event, NoticeEvent::Paid);
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
