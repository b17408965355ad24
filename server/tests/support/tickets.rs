//! Exam 000 with rooms and seats, and approvals in a known order: what the seating and the
//! admission-ticket tests start from.

use std::process::Command;

use serde_json::{json, Value};

use super::{Browser, TestApp};

/// Exam 000 with a [ticket] of these rooms (code, seats), through the administrator's exam file.
pub async fn with_rooms(app: &TestApp, rooms: &[(&str, u32)]) {
    let admin = app.admin().await;
    let detail: Value = admin.call("admin_exam_detail", json!({ "code": "000" })).await.json().await.unwrap();
    let source = detail["source"].as_str().unwrap();
    let source = source.find("\n[ticket]").map_or(source, |at| &source[..at]).to_string();
    let mut ticket = String::from(
        "[ticket]\nopens = \"2099-01-01T09:00:00+08:00\"\nvalid_until = \"2099-02-01T18:00:00+08:00\"\n\
         rules_zh = \"凭准考证和身份证入场。\"\nrules_en = \"Bring this ticket and your ID card.\"\n\
         [[ticket.sessions]]\nname_zh = \"笔试\"\nname_en = \"Written test\"\n\
         starts = \"2099-02-01T09:00:00+08:00\"\nends = \"2099-02-01T11:00:00+08:00\"\n",
    );
    for (code, seats) in rooms {
        ticket.push_str(&format!(
            "[[ticket.rooms]]\ncode = \"{code}\"\nname_zh = \"{code} 室\"\nname_en = \"Room {code}\"\nseats = {seats}\n"
        ));
    }
    // [ticket] goes last: its sub-tables would swallow what follows.
    let with_ticket = format!("{source}\n{ticket}");
    let saved = admin.call("admin_save_exam", json!({ "code": "000", "source": with_ticket })).await;
    assert!(saved.status().is_success(), "{}", saved.text().await.unwrap());
}

/// Approves the application at the head of the reviewer's queue, a minute after the last
/// decision (the test's clock stands still otherwise).
pub async fn approve_first_waiting(app: &TestApp, reviewer: &Browser) {
    app.clock.set(app.clock_now() + chrono::Duration::minutes(1));
    let application = reviewer.first_waiting("000").await;
    let sheet = reviewer.sheet(application).await;
    let decided = reviewer.decide(application, sheet["version"].as_i64().unwrap(), json!("Approve")).await;
    assert!(decided.status().is_success(), "{}", decided.text().await.unwrap());
}

/// The text of the QR code on the PDF's first page, as a phone's scanner reads it.
pub fn scan_qr(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ticket.pdf"), pdf).unwrap();
    let drawn = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(dir.path().join("ticket.pdf"))
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm (Debian's poppler-utils, installed by scripts/test.sh)");
    assert!(drawn.success());
    let scanned = Command::new("zbarimg")
        .args(["--raw", "-q", "--oneshot"])
        .arg(dir.path().join("page.png"))
        .output()
        .expect("zbarimg (Debian's zbar-tools, installed by scripts/test.sh)");
    assert!(scanned.status.success(), "no QR code found: {}", String::from_utf8_lossy(&scanned.stderr));
    String::from_utf8(scanned.stdout).unwrap().trim().to_string()
}
