//! WeChat Pay's trade bill (交易账单, `bill_type=ALL`) as the lines Zige compares: a CSV whose
//! every data field starts with a backtick, ended by two summary lines. Columns are found by
//! their header, as WeChat Pay warns their order may change; amounts are in yuan.

use app::domain::exam_fee::parse_yuan;
use app::ssr::infra::payment_gateway::{BillLine, NoticeEvent};

/// The payments and refunds of the bill; Err names what could not be read.
pub fn lines(bill: &str) -> Result<Vec<BillLine>, String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bill.as_bytes());
    let mut rows = reader.records();
    let header = rows.next().ok_or("the bill is empty")?.map_err(|e| e.to_string())?;
    let column =
        |name: &str| header.iter().position(|h| h.trim() == name).ok_or(format!("the bill has no {name} column"));
    let (txn, order_no, state) = (column("微信订单号")?, column("商户订单号")?, column("交易状态")?);
    let (total, refund_id, refund) = (column("订单金额")?, column("微信退款单号")?, column("申请退款金额")?);
    let mut lines = Vec::new();
    for row in rows {
        let row = row.map_err(|e| e.to_string())?;
        let field = |at: usize| row.get(at).unwrap_or_default().trim().trim_start_matches('`').to_string();
        // The summary: its own header, then its figures.
        if row.get(0).is_some_and(|first| first.starts_with("总交易单数")) {
            break;
        }
        let amount =
            |at: usize| parse_yuan(&field(at)).ok_or(format!("amount {:?} of order {}", field(at), field(order_no)));
        match field(state).as_str() {
            "SUCCESS" => lines.push(BillLine {
                order_no: field(order_no),
                txn: field(txn),
                event: NoticeEvent::Paid,
                amount_fen: amount(total)?,
            }),
            "REFUND" => lines.push(BillLine {
                order_no: field(order_no),
                txn: field(refund_id),
                event: NoticeEvent::Refunded,
                amount_fen: amount(refund)?,
            }),
            // REVOKED and the like moved no money.
            _ => {}
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout of binarywang/WxJava's WxPayBillResultTest sample, with two of Zige's orders.
    const BILL: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n\
`2026-11-25 08:35:41,`wx01,`1230000109,`0,`,`4200001,`ZG00000000000000000001,`oUpF8u,`NATIVE,`SUCCESS,`CMC,`CNY,`100.00,`0.00,`0,`0,`0.00,`0.00,`,`,`考试费 000,`,`0.60000,`0.60%,`100.00,`0.00,`\r\n\
`2026-11-25 09:00:00,`wx01,`1230000109,`0,`,`4200001,`ZG00000000000000000001,`oUpF8u,`NATIVE,`REFUND,`CMC,`CNY,`0.00,`0.00,`5030001,`RF000000000000000000001,`100.00,`0.00,`ORIGINAL,`SUCCESS,`考试费,`,`-0.60000,`0.60%,`0.00,`100.00,`\r\n\
总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n\
`1,`100.00,`100.00,`0.00,`0.00000,`100.00,`100.00\r\n";

    #[test]
    fn payments_and_refunds_are_read_by_their_columns_names() {
        let read = lines(BILL).unwrap();
        assert_eq!(
            read,
            vec![
                BillLine {
                    order_no: "ZG00000000000000000001".into(),
                    txn: "4200001".into(),
                    event: NoticeEvent::Paid,
                    amount_fen: 10000
                },
                BillLine {
                    order_no: "ZG00000000000000000001".into(),
                    txn: "5030001".into(),
                    event: NoticeEvent::Refunded,
                    amount_fen: 10000
                },
            ]
        );
    }

    #[test]
    fn a_bill_without_the_expected_columns_or_with_a_bad_amount_is_not_read() {
        assert!(lines("交易时间,商户号\r\n").unwrap_err().contains("微信订单号"));
        assert!(lines(&BILL.replacen("`100.00,`0.00,`\r\n", "`1e2,`0.00,`\r\n", 1)).is_err());
    }
}
