//! Seats for admission tickets (准考证, issue 13): given by the stated rule — approved candidates in
//! the order they were approved, room after room, seat 1 upward — only once results are published,
//! never moved by a later round, and listed for the doors.
mod support;

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
