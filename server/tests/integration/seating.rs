//! Seats for admission tickets (准考证, issue 13): given by the stated rule — approved candidates in
//! the order they were approved, room after room, seat 1 upward — only once results are published,
//! never moved by a later round, and listed for the exam hall's entrances.
use crate::support;

use serde_json::{json, Value};
use support::tickets::{approve_first_waiting, with_rooms};
use support::*;

async fn seating_list(admin: &Browser) -> Vec<Vec<String>> {
    let csv = admin.get("/api/admin/exams/000/seats.csv").await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|line| line.split(',').map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn seats_follow_the_approval_order_room_after_room_and_never_move() {
    let app = spawn_app().await;
    with_rooms(&app, &[("101", 1), ("102", 1)]).await;
    // Dave enters first (the lowest application number) but is approved last.
    let dave = app.candidate(DAVE).await;
    let reviewer = app.reviewer().await;
    let (carol, _) = app.submitted_candidate(CAROL).await;
    approve_first_waiting(&app, &reviewer).await;
    app.submitted_candidate(ALICE).await;
    approve_first_waiting(&app, &reviewer).await;
    for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1)] {
        dave.upload_ok(category, seq_no, samples::jpeg(120, 90)).await;
    }
    assert!(dave.save_application("000", json!({}), None, true).await.status().is_success());
    approve_first_waiting(&app, &reviewer).await;

    let admin = app.admin().await;
    // Before the results are published, no seats.
    let (status, kind, _) = error_kind(admin.call("admin_assign_seats", json!({ "exam_code": "000" })).await).await;
    assert_eq!((status, kind.as_str()), (422, "InvalidField"));
    app.clock.set(at("2099-01-01T00:00:00+08:00"));

    let round: Value = admin.call("admin_assign_seats", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!(round, json!({ "capacity": 2, "seated": 2, "waiting": 1, "seated_now": 2 }));
    let list = seating_list(&admin).await;
    let seats: Vec<(&str, &str)> = list.iter().map(|row| (row[0].as_str(), row[3].as_str())).collect();
    assert_eq!(seats, [("000-101-01", "考生"), ("000-102-01", "考生")]);
    let masked: Vec<&str> = list.iter().map(|row| row[4].as_str()).collect();
    assert!(masked[0].ends_with(&CAROL[14..]) && masked[1].ends_with(&ALICE[14..]), "{masked:?}");

    // A room is added; the next round seats Dave there and moves nobody.
    with_rooms(&app, &[("101", 1), ("102", 1), ("103", 1)]).await;
    let round: Value = admin.call("admin_assign_seats", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!(round["seated_now"], 1);
    let after = seating_list(&admin).await;
    assert_eq!(after[..2], list[..]);
    assert_eq!(after[2][0], "000-103-01");
    assert!(after[2][4].ends_with(&DAVE[14..]));
    let again: Value = admin.call("admin_assign_seats", json!({ "exam_code": "000" })).await.json().await.unwrap();
    assert_eq!(again["seated_now"], 0, "a round with nobody waiting gives nothing");

    // Only administrators.
    assert_eq!(carol.call("admin_assign_seats", json!({ "exam_code": "000" })).await.status(), 403);
    assert_eq!(carol.get("/api/admin/exams/000/seats.csv").await.status(), 403);
}

#[tokio::test]
async fn exports_come_as_text_cells_or_a_guarded_csv_and_every_download_is_audited() {
    use calamine::{Data, Reader};
    let app = spawn_app().await;
    with_rooms(&app, &[("101", 5)]).await;
    // A name a candidate typed to become a link in whoever opens the list.
    let formula = "=HYPERLINK(\"http://x.cn\",\"点\")";
    let mallory = app.browser();
    assert!(mallory.sign_up(CAROL, formula, "secret-pass-1").await.status().is_success());
    assert!(mallory.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
    for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1)] {
        mallory.upload_ok(category, seq_no, samples::jpeg(120, 90)).await;
    }
    assert!(mallory.save_application("000", json!({}), None, true).await.status().is_success());
    approve_first_waiting(&app, &app.reviewer().await).await;
    app.clock.set(at("2099-01-01T00:00:00+08:00"));
    let admin = app.admin().await;
    assert!(admin.call("admin_assign_seats", json!({ "exam_code": "000" })).await.status().is_success());

    let csv = admin.get("/api/admin/exams/000/seats.csv").await.text().await.unwrap();
    assert!(csv.contains(&format!("\"'{}\"", formula.replace('"', "\"\""))), "the name is inert text:\n{csv}");

    let xlsx = admin.get("/api/admin/exams/000/seats.xlsx").await;
    assert_eq!(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = xlsx.bytes().await.unwrap().to_vec();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let row: Vec<&Data> = sheet.rows().nth(1).unwrap().iter().collect();
    assert_eq!(row[0], &Data::String("000-101-01".into()));
    assert_eq!(row[3], &Data::String(formula.into()), "a text cell, as typed, never a formula");
    let application_no = row[5];
    assert!(matches!(application_no, Data::String(_)), "numbers stay text: {application_no:?}");

    let log: Vec<Value> = admin
        .call("admin_audit_log", json!({ "query": { "action": "export_downloaded" } }))
        .await
        .json()
        .await
        .unwrap();
    let details: Vec<&str> = log.iter().map(|line| line["detail"].as_str().unwrap()).collect();
    assert!(details.contains(&"000-seats.csv: 1 rows") && details.contains(&"000-seats.xlsx: 1 rows"), "{details:?}");
}
