//! The trade bill of a day (`GET /bill/<yyyy-MM-dd>`, the address `bill.downloadurl.query`
//! gives): a zip of two GBK CSV files in Alipay's layout, the detail (业务明细) with a row per
//! payment and refund the stand-in took that day in China, and its summary (汇总). `#` lines
//! frame the table; numbers are padded with a tab, as Alipay pads them. A test may have the
//! address redirect (`/bill-moved/…`) or the file padded past the size Zige reads.

use std::io::{Cursor, Write};

use app::domain::exam_fee::yuan_text;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;

use super::{BillTrouble, StandInState, SELLER_ID};

/// The bill's address moved: a redirect to the real one.
pub async fn moved(Path(day): Path<String>) -> Response {
    Redirect::temporary(&format!("/bill/{day}")).into_response()
}

const HEADER: &str = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";

pub async fn serve(State(shared): State<StandInState>, Path(day): Path<String>) -> Response {
    let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else { return StatusCode::NOT_FOUND.into_response() };
    let mut rows = Vec::new();
    let (mut payments, mut refunds) = (0, 0);
    for trade in shared.ledger().trades.values() {
        let trade_no = trade.trade_no.clone().unwrap_or_default();
        let row = |kind: &str, amount: String, refund_no: &str| {
            format!(
                "{trade_no}\t,{}\t,{kind},{},{day} 10:00:00,{day} 10:00:05,,,,,can***@example.cn,{amount},{amount},0.00,0.00,0.00,0.00,0.00,,0.00,0.00,{refund_no}\t,0.00,0.00,",
                trade.out_trade_no, trade.subject.replace(',', "，")
            )
        };
        if trade.paid_on == Some(day) {
            payments += 1;
            rows.push(row("交易", yuan_text(trade.amount_fen), ""));
        }
        for refund in trade.refunds.iter().filter(|r| r.on == day) {
            refunds += 1;
            rows.push(row("退款", format!("-{}", yuan_text(refund.fen)), &refund.out_request_no));
        }
    }
    let date = day.format("%Y年%m月%d日");
    let next = (day + chrono::Duration::days(1)).format("%Y年%m月%d日");
    let detail = format!(
        "#支付宝业务明细查询\n#账号：[{SELLER_ID}0156]\n#起始日期：[{date} 00:00:00]   终止日期：[{next} 00:00:00]\n#-----------------------------------------业务明细列表----------------------------------------\n{HEADER}\n{}\n#-----------------------------------------业务明细列表结束------------------------------------\n#交易合计：{payments}笔，退款合计：{refunds}笔\n#导出时间：[{next} 09:00:00]\n",
        rows.join("\n")
    );
    let summary = format!(
        "#支付宝业务汇总查询\n#账号：[{SELLER_ID}0156]\n门店编号,门店名称,交易订单总笔数,退款订单总笔数\n,,{payments},{refunds}\n#结束\n"
    );
    let stamp = day.format("%Y%m%d");
    let mut files = vec![
        (format!("{SELLER_ID}0156_{stamp}_业务明细.csv"), detail),
        (format!("{SELLER_ID}0156_{stamp}_业务明细(汇总).csv"), summary),
    ];
    if shared.ledger().bill_trouble == Some(BillTrouble::Oversized) {
        // A readable bill, and a comment-only file that makes the zip larger than Zige reads.
        let padding = format!("#{}\n", " ".repeat(server::gateways::outbound_http::FILE_MAX_BYTES));
        files.push(("padding.csv".to_string(), padding));
    }
    let zip = zipped(&files);
    ([("content-type", "application/oct-stream")], zip).into_response()
}

fn zipped(files: &[(String, String)]) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Stored, not deflated: the padding must weigh what it says.
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in files {
        archive.start_file(name.as_str(), stored).unwrap();
        archive.write_all(&encoding_rs::GBK.encode(text).0).unwrap();
    }
    archive.finish().unwrap().into_inner()
}
