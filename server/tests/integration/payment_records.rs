//! 缴费记录 (seeds 001/003's menu): a candidate's orders across exams with their states, the
//! 缴费凭证 of an order paid — their own only — and none once it is refunded.
use crate::support;

use serde_json::{json, Value};
use support::fees::*;
use support::pdf::poppler;
use support::*;

async fn records(alice: &Browser) -> Vec<Value> {
    let listed = alice.call("my_payments", json!({})).await;
    assert_eq!(listed.status(), 200);
    listed.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

#[tokio::test]
async fn a_candidate_s_records_list_every_order_and_the_paid_one_prints_a_receipt_for_its_payer_alone() {
    let app = spawn_app().await;
    let alice = approved_with_fee(&app).await;
    assert!(records(&alice).await.is_empty());
    let page = alice.get("/payments").await.text().await.unwrap();
    assert!(page.contains("暂无缴费记录"), "{page}");

    // One order closed to pay another way, then a second one paid.
    let first = order_through(&alice, "sandbox").await["order_no"].as_str().unwrap().to_string();
    assert_eq!(close_form(&alice, &first).await.url().path(), "/exams/000");
    let second = order_through(&alice, "sandbox").await["order_no"].as_str().unwrap().to_string();
    assert_eq!(notify(&app, &paid("N1", &second, "T-0001", 10000)).await.status(), 200);

    let listed = records(&alice).await;
    let shown: Vec<(&str, &str)> = listed
        .iter()
        .map(|r| (r["order"]["order_no"].as_str().unwrap(), r["order"]["state"].as_str().unwrap()))
        .collect();
    assert_eq!(shown, [(second.as_str(), "paid"), (first.as_str(), "closed")], "newest first");
    assert_eq!(listed[0]["exam_code"], "000");
    assert_eq!(listed[0]["order"]["amount_fen"], 10000);
    let receipt_url = listed[0]["receipt_url"].as_str().unwrap().to_string();
    assert!(listed[1]["receipt_url"].is_null(), "a closed order has no receipt");
    let page = alice.get("/payments").await.text().await.unwrap();
    assert!(page.contains(&second) && page.contains("已支付") && page.contains("已关闭"), "{page}");
    assert!(page.contains(&receipt_url) && page.contains("¥100.00"), "{page}");

    // The receipt: the payer, the order, the amount, the gateway's transaction, on one page.
    let receipt = alice.get(&receipt_url).await;
    assert_eq!(receipt.status(), 200);
    assert_eq!(receipt.headers()["content-type"], "application/pdf");
    let pdf = receipt.bytes().await.unwrap();
    let text: String = poppler("pdftotext", &[], &pdf).chars().filter(|c| !c.is_whitespace()).collect();
    for expected in ["缴费凭证", second.as_str(), "¥100.00", "T-0001", "已支付", "110***********002X"] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    assert!(poppler("pdfinfo", &[], &pdf).contains("Pages:           1"));

    // Another candidate, or nobody, gets nothing of it; a closed order has no receipt.
    let bob = app.new_candidate(BOB).await;
    assert_eq!(bob.get(&receipt_url).await.status(), 404);
    assert!(records(&bob).await.is_empty(), "alice's orders are hers");
    assert_eq!(app.browser().get(&receipt_url).await.status(), 401);
    let closed = alice.get(&format!("/api/payments/{first}/receipt.pdf")).await;
    assert_eq!(closed.status(), 409);

    // Refunded, the record says so and the receipt is void.
    let admin = app.admin().await;
    let refunded = admin.call("admin_refund_order", json!({ "order_no": second, "reason": "withdrew" })).await;
    assert_eq!(refunded.status(), 200);
    let listed = records(&alice).await;
    assert_eq!(listed[0]["order"]["state"], "refunded");
    assert!(listed[0]["refunded_at"].is_object() || listed[0]["refunded_at"].is_string(), "{}", listed[0]);
    assert!(listed[0]["receipt_url"].is_null());
    let void = alice.get(&receipt_url).await;
    assert_eq!(void.status(), 409);
    let message = void.text().await.unwrap();
    assert!(message.contains("已退款") && message.contains("只有已支付的订单有缴费凭证"), "{message}");
}

#[tokio::test]
async fn the_receipt_s_template_is_the_exam_s_to_change_and_previews_on_the_sample_candidate() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // 002 charges a fee; 000 (as shipped) does not, so it prints no receipt.
    let preview = admin.get("/api/admin/exams/002/templates/payment_receipt/preview.pdf").await;
    assert_eq!(preview.status(), 200);
    let text: String =
        poppler("pdftotext", &[], &preview.bytes().await.unwrap()).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains("缴费凭证") && text.contains("张三（示例）") && text.contains("¥100.00"), "{text}");
    let listed: Value = admin.call("admin_exam_detail", json!({ "code": "002" })).await.json().await.unwrap();
    assert!(listed["documents"].as_array().unwrap().contains(&json!("payment_receipt")), "{}", listed["documents"]);
    let none = admin.get("/api/admin/exams/000/templates/payment_receipt/preview.pdf").await;
    assert_eq!(none.status(), 404);
}
