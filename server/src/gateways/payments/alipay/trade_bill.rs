//! Alipay's daily trade bill (`bill_type=trade`): a zip of GBK CSV files, one of them the detail
//! (业务明细) with a row per payment (业务类型 交易) and per refund (退款), the others summaries.
//! The detail is found by its header row rather than its file name; `#` lines are Alipay's
//! comments above and below the table, and fields come padded with spaces and tabs (so that
//! spreadsheet programs keep long numbers as text). A refund is named as its notification names
//! it: the trade, `:`, the refund's request number. The refund rows' amounts are read without
//! their sign: which columns carry a minus is not documented, and only the size is compared.

use std::io::{Cursor, Read};

use app::ssr::infra::payment_gateway::{BillLine, NoticeEvent};

use app::domain::exam_fee::parse_yuan;

/// Every payment and refund on the bill, in its order.
pub fn bill_lines(zip_bytes: &[u8]) -> Result<Vec<BillLine>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes)).map_err(|e| format!("not a zip: {e}"))?;
    let mut lines = Vec::new();
    let mut found_detail = false;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(|e| format!("unreadable entry: {e}"))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| format!("unreadable entry: {e}"))?;
        if let Some(detail) = detail_lines(&decoded(&bytes))? {
            found_detail = true;
            lines.extend(detail);
        }
    }
    if found_detail {
        Ok(lines)
    } else {
        Err("no detail table (支付宝交易号, 商户订单号, 业务类型) in the bill".into())
    }
}

/// Alipay writes GBK; a file that is already UTF-8 is taken as it is.
fn decoded(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

/// The columns the lines are read from, by their place in the header row.
struct Columns {
    trade_no: usize,
    order_no: usize,
    kind: usize,
    amount: usize,
    refund_no: Option<usize>,
}

impl Columns {
    fn find(header: &[String]) -> Option<Columns> {
        let at = |prefix: &str| header.iter().position(|name| name.starts_with(prefix));
        Some(Columns {
            trade_no: at("支付宝交易号")?,
            order_no: at("商户订单号")?,
            kind: at("业务类型")?,
            amount: at("订单金额")?,
            refund_no: at("退款批次号"),
        })
    }
}

/// The lines of one file when it is the detail table, None when it is not.
fn detail_lines(text: &str) -> Result<Option<Vec<BillLine>>, String> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).comment(Some(b'#')).from_reader(text.as_bytes());
    let mut columns = None;
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("unreadable row: {e}"))?;
        let row: Vec<String> = record.iter().map(|field| field.trim().to_string()).collect();
        let Some(columns) = &columns else {
            columns = Columns::find(&row);
            continue;
        };
        let field = |at: usize| row.get(at).map(String::as_str).unwrap_or_default();
        let event = match field(columns.kind) {
            "交易" => NoticeEvent::Paid,
            "退款" => NoticeEvent::Refunded,
            _ => continue,
        };
        let amount = field(columns.amount);
        let amount_fen =
            parse_yuan(amount.trim_start_matches('-')).ok_or_else(|| format!("unreadable amount {amount:?}"))?;
        let trade_no = field(columns.trade_no).to_string();
        let refund_no = columns.refund_no.map(field).unwrap_or_default();
        let txn = match event {
            NoticeEvent::Refunded if !refund_no.is_empty() => format!("{trade_no}:{refund_no}"),
            _ => trade_no,
        };
        lines.push(BillLine { order_no: field(columns.order_no).to_string(), txn, event, amount_fen });
    }
    Ok(columns.map(|_| lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const DETAIL: &str = "#支付宝业务明细查询\n#账号：[20880000000000020156]\n#起始日期：[2024年01月02日 00:00:00]   终止日期：[2024年01月03日 00:00:00]\n#-----------------------------------------业务明细列表----------------------------------------\n支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n2024010222001400001\t,ZG1\t,交易,考试报名费 · 2024 春,2024-01-02 10:00:00,2024-01-02 10:00:05,,,,,buy***@example.com,100.00,100.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,\t,-0.60,0.00,\n2024010222001400001\t,ZG1\t,退款,考试报名费 · 2024 春,2024-01-02 11:00:00,2024-01-02 11:00:01,,,,,buy***@example.com,-100.00,-100.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,RF1\t,0.60,0.00,\n#-----------------------------------------业务明细列表结束------------------------------------\n#交易合计：1笔，退款合计：1笔，商家实收：0.00元\n#导出时间：[2024年01月03日 09:23:45]\n";
    const SUMMARY: &str =
        "#支付宝业务汇总查询\n门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）\n,,1,1,0.00\n";

    fn zipped(files: &[(&str, &str)]) -> Vec<u8> {
        let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in files {
            archive.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            archive.write_all(&encoding_rs::GBK.encode(text).0).unwrap();
        }
        archive.finish().unwrap().into_inner()
    }

    #[test]
    fn the_detail_table_gives_a_line_per_payment_and_refund() {
        let bill = zipped(&[
            ("20880000000000020156_20240102_业务明细(汇总).csv", SUMMARY),
            ("20880000000000020156_20240102_业务明细.csv", DETAIL),
        ]);
        let paid = BillLine {
            order_no: "ZG1".into(),
            txn: "2024010222001400001".into(),
            event: NoticeEvent::Paid,
            amount_fen: 10000,
        };
        let refunded = BillLine { txn: "2024010222001400001:RF1".into(), event: NoticeEvent::Refunded, ..paid.clone() };
        assert_eq!(bill_lines(&bill).unwrap(), vec![paid, refunded]);
    }

    #[test]
    fn a_bill_without_a_detail_table_or_with_an_odd_amount_is_not_read() {
        assert!(bill_lines(&zipped(&[("summary.csv", SUMMARY)])).is_err());
        assert!(bill_lines(&zipped(&[("detail.csv", &DETAIL.replace("100.00,100.00", "1e2,100.00"))])).is_err());
        assert!(bill_lines(b"PK not really").is_err());
    }
}
