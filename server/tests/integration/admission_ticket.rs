//! The 准考证 read as a verifier at the exam hall's entrance reads it (issue 13): the PDF drawn to pixels by
//! poppler's `pdftoppm`, its QR code scanned by `zbarimg` (Debian's zbar-tools, installed by the
//! test command), and the scanned text checked with the authority's public key only — valid as
//! printed, tampered with one character changed, expired after the exam.
use crate::support;

use std::process::Command;

use app::domain::ticket_code::{public_key_text, verify_ticket, TicketVerdict};
use serde_json::json;
use support::pdf::poppler;
use support::tickets::{approve_first_waiting, scan_qr, with_rooms};
use support::*;

#[tokio::test]
async fn the_ticket_s_qr_code_verifies_offline_and_one_changed_character_does_not() {
    let app = spawn_app().await;
    with_rooms(&app, &[("101", 30)]).await;
    let reviewer = app.reviewer().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    approve_first_waiting(&app, &reviewer).await;

    // Results published, the ticket window not yet open: said with the time it opens.
    app.clock.set(at("2098-12-31T09:00:00+08:00"));
    let admin = app.admin().await;
    assert!(admin.call("admin_assign_seats", json!({ "exam_code": "000" })).await.status().is_success());
    let (status, _, body) = error_kind(alice.get("/api/exams/000/ticket.pdf").await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("准考证将于 2099-01-01 09:00 北京时间 开放打印"), "{body}");

    app.clock.set(at("2099-01-10T09:00:00+08:00"));
    let response = alice.get("/api/exams/000/ticket.pdf").await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let pdf = response.bytes().await.unwrap().to_vec();
    let text: String = poppler("pdftotext", &[], &pdf).chars().filter(|c| !c.is_whitespace()).collect();
    for expected in ["准考证", "000-101-01", "101室", "笔试", "凭准考证和身份证入场。", "110***********002X"]
    {
        assert!(text.contains(expected), "{expected} missing from the ticket:\n{text}");
    }

    // What the entrance's scanner reads, checked with the public key alone.
    let code = scan_qr(&pdf);
    let public = app.state.ticket_keys.signing().verifying_key();
    let on_the_day = at("2099-02-01T08:30:00+08:00").timestamp();
    let TicketVerdict::Valid(claims) = verify_ticket(&code, &public, on_the_day) else {
        panic!("not valid: {code}");
    };
    assert_eq!((claims.ticket_no.as_str(), claims.name.as_str()), ("000-101-01", "考生"));
    assert_eq!(claims.id_masked, "110***********002X");

    // One character of the claims changed: not valid, whatever it now says.
    let at_char = code.find('.').unwrap() + 10;
    let mut altered: Vec<char> = code.chars().collect();
    altered[at_char] = if altered[at_char] == 'Q' { 'R' } else { 'Q' };
    let altered: String = altered.into_iter().collect();
    assert_eq!(verify_ticket(&altered, &public, on_the_day), TicketVerdict::Tampered);
    // After the exam, expired.
    let after = at("2099-02-02T09:00:00+08:00").timestamp();
    assert!(matches!(verify_ticket(&code, &public, after), TicketVerdict::Expired(_)));

    // The command line, on a machine with the public key only.
    let key = public_key_text(&public);
    let verify = |code: &str| {
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["ticket", "verify", code, "--public-key", &key])
            .env_clear()
            .output()
            .unwrap()
    };
    let valid = verify(&code);
    assert_eq!(valid.status.code(), Some(0), "{valid:?}");
    assert!(String::from_utf8_lossy(&valid.stdout).starts_with("有效 valid: 000-101-01 考生 110***********002X"));
    let tampered = verify(&altered);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&tampered.stdout).starts_with("被篡改 tampered"));
}

#[tokio::test]
async fn no_ticket_without_a_seat_nor_for_anyone_else() {
    let app = spawn_app().await;
    with_rooms(&app, &[("101", 30)]).await;
    let reviewer = app.reviewer().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    approve_first_waiting(&app, &reviewer).await;
    let bob = app.new_candidate(BOB).await;
    app.clock.set(at("2099-01-10T09:00:00+08:00"));
    // Approved, the window open, but no seat given yet.
    let (status, _, body) = error_kind(alice.get("/api/exams/000/ticket.pdf").await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("考场座位尚在安排"), "{body}");
    // Bob has no application: nothing of Alice's.
    let (status, _, _) = error_kind(bob.get("/api/exams/000/ticket.pdf").await).await;
    assert_ne!(status, 200);
    assert_eq!(app.browser().get("/api/exams/000/ticket.pdf").await.status(), 401);
}

/// Alice approved and seated in exam 000, the ticket window open: her ticket as printed.
async fn printed_ticket(app: &TestApp) -> Vec<u8> {
    with_rooms(app, &[("101", 30)]).await;
    let reviewer = app.reviewer().await;
    let (alice, _) = app.submitted_candidate(ALICE).await;
    approve_first_waiting(app, &reviewer).await;
    app.clock.set(at("2099-01-10T09:00:00+08:00"));
    assert!(app.admin().await.call("admin_assign_seats", json!({ "exam_code": "000" })).await.status().is_success());
    let response = alice.get("/api/exams/000/ticket.pdf").await;
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn a_printed_ticket_stays_valid_after_a_new_session_secret_and_a_rotated_ticket_key() {
    let app = spawn_app().await;
    let code = scan_qr(&printed_ticket(&app).await);
    let installation = |args: &[&str]| {
        let mut command = app.command();
        // The session secret rotated meanwhile: tickets have keys of their own.
        command.env("ZIGE_SESSION_SECRET", "a-new-session-secret-".repeat(4)).args(args);
        command.output().unwrap()
    };
    let verified = installation(&["ticket", "verify", &code]);
    assert_eq!(verified.status.code(), Some(0), "{verified:?}");

    let rotated = installation(&["ticket", "rotate-key"]);
    assert_eq!(rotated.status.code(), Some(0), "{rotated:?}");
    let keys = String::from_utf8(installation(&["ticket", "public-key"]).stdout).unwrap();
    assert_eq!(keys.lines().count(), 2, "the new key and the old one: {keys}");
    let verified = installation(&["ticket", "verify", &code]);
    assert_eq!(verified.status.code(), Some(0), "signed by the old key, still valid: {verified:?}");
    // On a machine that holds only the new key, the old ticket is not vouched for.
    let newest = keys.lines().next().unwrap();
    let alone = installation(&["ticket", "verify", &code, "--public-key", newest]);
    assert_eq!(alone.status.code(), Some(1));
}
