//! What every request passes before it reaches the app: attempt limits (429 with Retry-After),
//! cross-site refusals, the content types the app sends (server functions' answers in postcard
//! to the browser, JSON to anyone else), and malformed bodies answered 400.
use crate::support;

use serde_json::json;
use support::*;

/// A login as it arrives through the operator's proxy from `address`.
async fn log_in_from(app: &TestApp, address: &str, id_number: &str, password: &str) -> reqwest::Response {
    raw_client()
        .post(app.url("/api/log_in"))
        .header("x-forwarded-for", address)
        .json(&json!({ "id_number": id_number, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_guesser_s_wrong_passwords_hold_back_its_own_address_and_never_the_owner_s() {
    let app = spawn_app_with(|config| {
        config.rate_limits = true;
        config.behind_proxy = true;
    })
    .await;
    app.candidate(ALICE).await;
    let guesser = "198.51.100.9";
    for _ in 0..10 {
        assert_eq!(log_in_from(&app, guesser, ALICE, "guess-pass-1").await.status(), 401);
    }
    let refused = log_in_from(&app, guesser, ALICE, "secret-pass-1").await;
    assert_eq!(refused.status(), 429, "even the right password waits at the address that failed");
    let wait: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=31).contains(&wait), "Retry-After {wait}");
    let (_, kind, body) = error_kind(refused).await;
    assert_eq!(kind, "TooManyRequests");
    assert!(body["TooManyRequests"]["retry_after_secs"].as_u64().is_some());

    // The owner, at home, is let in at once. An IPv6 guesser is one client per /64: a new
    // address in the same /64 is no way round.
    assert_eq!(log_in_from(&app, "203.0.113.5", ALICE, "secret-pass-1").await.status(), 200);
    for _ in 0..10 {
        log_in_from(&app, "2001:db8:7:7::1", ALICE, "guess-pass-1").await;
    }
    assert_eq!(log_in_from(&app, "2001:db8:7:7::2", ALICE, "secret-pass-1").await.status(), 429);
}

#[tokio::test]
async fn wrong_current_passwords_are_limited_as_logins_are() {
    let app = spawn_app_with(|config| config.rate_limits = true).await;
    let alice = app.candidate(ALICE).await;
    let change = |old: &'static str| {
        alice.call("change_password", json!({ "old_password": old, "new_password": "brand-new-pass-7" }))
    };
    for _ in 0..10 {
        assert_eq!(change("not-my-pass-1").await.status(), 422);
    }
    let refused = change("secret-pass-1").await;
    assert_eq!(refused.status(), 429, "no more hashes for this account from this address");
    assert!(refused.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn one_address_gets_twenty_logins_then_waits() {
    let app = spawn_app_with(|config| config.rate_limits = true).await;
    let guesser = app.browser();
    // Different ID numbers each time, so only the address limit can stop it.
    for n in 0..20 {
        let status = guesser.log_in(&format!("11010519491231{n:04}"), "guess-pass-1").await.status();
        assert_eq!(status, 401, "attempt {n}");
    }
    let refused = guesser.log_in("110105194912310099", "guess-pass-1").await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn recovery_requests_from_one_address_are_limited() {
    let app = spawn_app_with(|config| config.rate_limits = true).await;
    let asker = app.browser();
    for _ in 0..5 {
        assert_eq!(
            asker.call("request_recovery_code", json!({ "id_number": CAROL, "channel": "sms" })).await.status(),
            200
        );
    }
    assert_eq!(
        asker.call("request_recovery_code", json!({ "id_number": CAROL, "channel": "sms" })).await.status(),
        429
    );
}

#[tokio::test]
async fn a_state_changing_request_from_another_site_is_refused() {
    let app = spawn_app().await;
    let browser = app.candidate(ALICE).await;
    let forged = browser
        .http
        .post(app.url("/api/save_application"))
        .header("origin", "http://evil.example")
        .json(&json!({ "code": "000", "form": {}, "position": null, "submit": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let forged = browser
        .http
        .post(app.url("/api/log_out"))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let me: serde_json::Value = browser.call("current_user", json!({})).await.json().await.unwrap();
    assert!(!me.is_null(), "the forged log-out did nothing");

    let own = browser
        .http
        .post(app.url("/api/current_user"))
        .header("origin", format!("http://{}", app.address))
        .header("sec-fetch-site", "same-origin")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200, "the app's own pages are let through");
}

#[tokio::test]
async fn a_text_plain_body_is_refused_even_when_it_holds_json() {
    let app = spawn_app().await;
    let browser = app.candidate(ALICE).await;
    let sneaky = browser
        .http
        .post(app.url("/api/log_out"))
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(sneaky.status(), 415);
    let form = browser
        .http
        .post(app.url("/api/log_out"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("a=b")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 415);
}

#[tokio::test]
async fn a_malformed_server_function_body_is_a_400_with_a_clear_message() {
    let app = spawn_app().await;
    let browser = app.candidate(ALICE).await;
    for body in [json!({ "code": 7 }), json!({}), json!("not an object")] {
        let response = browser.call("accept_pledge", body.clone()).await;
        let (status, kind, error) = error_kind(response).await;
        assert_eq!((status, kind.as_str()), (400, "BadRequest"), "{body}: {error}");
    }
    let not_json = browser
        .http
        .post(app.url("/api/accept_pledge"))
        .header("content-type", "application/json")
        .body("{oops")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 400);
}

#[tokio::test]
async fn pages_carry_a_content_security_policy_whose_nonce_is_on_their_scripts() {
    let app = spawn_app().await;
    let page = app.browser().get("/login").await;
    let policy = page.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(policy.contains("object-src 'none'") && policy.contains("frame-ancestors 'none'"), "{policy}");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src")
        .to_string();
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the response's nonce");
    let other: String =
        app.browser().get("/login").await.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert_ne!(other, policy, "each response draws its own nonce");
}

#[tokio::test]
async fn https_installations_send_secure_cookies_and_hsts() {
    let app = spawn_app_with(|config| config.public_url = Some("https://zige.example.cn".into())).await;
    let browser = app.browser();
    let response = browser.http.post(app.url("/api/sign_up")).header("origin", "https://zige.example.cn").json(&json!({ "fields": { "id_type": "resident_id", "id_number": ALICE, "name": "考生", "mobile": "13800138000", "password": "secret-pass-1", "id_valid_until": "long_term", "typed_again": { "id_type": "resident_id", "id_number": ALICE, "name": "考生" } } })).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_lowercase();
    assert!(cookie.contains("secure"), "{cookie}");
    assert!(response.headers()["strict-transport-security"].to_str().unwrap().contains("max-age="));
    let foreign = browser
        .http
        .post(app.url("/api/log_out"))
        .header("origin", &format!("http://{}", app.address))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403, "with a public URL set, only that origin may change state");
}

/// The browser's code asks for postcard (`Accept`), which is lighter to carry in a phone's
/// download than JSON's decoders; anyone else (a script, curl, these tests) gets JSON. Both say
/// the same thing, are labelled as what they are, and tell caches they depend on `Accept`.
#[tokio::test]
async fn server_functions_answer_the_browser_in_postcard_and_others_in_json() {
    let app = spawn_app().await;
    let candidate = app.new_candidate(ALICE).await;
    assert!(candidate.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());

    let as_json = candidate.call("exam_page", json!({ "code": "000" })).await;
    assert_eq!(as_json.headers()["content-type"], "application/json");
    assert!(varies_by_accept(&as_json), "{:?}", as_json.headers());
    let json_page: serde_json::Value = as_json.json().await.unwrap();

    let as_postcard = candidate
        .http
        .post(app.url("/api/exam_page"))
        .header("accept", "application/x-postcard")
        .json(&json!({ "code": "000" }))
        .send()
        .await
        .unwrap();
    assert_eq!(as_postcard.status(), 200);
    assert_eq!(as_postcard.headers()["content-type"], "application/x-postcard");
    assert!(varies_by_accept(&as_postcard), "{:?}", as_postcard.headers());
    let bytes = as_postcard.bytes().await.unwrap();
    let page: app::models::candidate::ExamWithMaterials = postcard::from_bytes(&bytes).expect("a postcard answer");
    assert_eq!(serde_json::to_value(&page).unwrap(), json_page, "the same page in either form");
    assert!(bytes.len() < serde_json::to_vec(&json_page).unwrap().len(), "and postcard is the shorter");
}

/// Whether the answer's `Vary` names `Accept` itself (not only `Accept-Encoding`).
fn varies_by_accept(answer: &reqwest::Response) -> bool {
    answer
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("accept"))
}

/// Errors too: the app's pages carry no JSON decoder, so an error comes back in postcard when
/// the request asked for it, wherever it arose: in a server function, in a guard in front of the
/// app, or as the first answer given again to a repeated key (in the form the repeat asks for).
/// Asked without, it stays JSON.
#[tokio::test]
async fn errors_reach_the_browser_in_postcard_from_the_app_its_guards_and_a_repeated_key() {
    use app::error::AppError;
    const POSTCARD: &str = "application/x-postcard";
    let app = spawn_app().await;
    let candidate = app.new_candidate(ALICE).await;
    assert!(candidate.call("accept_pledge", json!({ "code": "000" })).await.status().is_success());
    let in_postcard = |response: reqwest::Response| async move {
        assert_eq!(response.headers()["content-type"], POSTCARD);
        assert!(varies_by_accept(&response), "{:?}", response.headers());
        let status = response.status().as_u16();
        (status, AppError::from_postcard(&response.bytes().await.unwrap()).expect("an error in postcard"))
    };

    let unknown = |accept: &'static str| {
        candidate.http.post(app.url("/api/exam_page")).header("accept", accept).json(&json!({ "code": "none" })).send()
    };
    assert_eq!(in_postcard(unknown(POSTCARD).await.unwrap()).await, (404, AppError::NotFound));
    let (status, kind, _) = error_kind(unknown("application/json").await.unwrap()).await;
    assert_eq!((status, kind.as_str()), (404, "NotFound"), "a script still reads JSON");

    let forged = candidate
        .http
        .post(app.url("/api/accept_pledge"))
        .header("accept", POSTCARD)
        .header("sec-fetch-site", "cross-site")
        .json(&json!({ "code": "000" }))
        .send()
        .await
        .unwrap();
    assert_eq!(in_postcard(forged).await, (403, AppError::Forbidden), "the cross-site guard's refusal");

    let key = "7c0e4f52-1b9a-4d6e-8f3a-2c5b7d9e1a04";
    let upload = || {
        candidate
            .http
            .post(app.url("/api/materials"))
            .header("accept", POSTCARD)
            .header("idempotency-key", key)
            .multipart(upload_form("000", "other", 1, "scan.jpg", b"not a picture".to_vec()))
            .send()
    };
    let (status, first) = in_postcard(upload().await.unwrap()).await;
    assert_eq!(status, 422);
    assert!(matches!(first, AppError::FileRefused { .. }), "{first:?}");
    let repeat = upload().await.unwrap();
    assert_eq!(repeat.headers()["idempotent-replayed"], "true");
    assert_eq!(in_postcard(repeat).await, (422, first), "the kept first answer, in the form asked");
    // A script repeating the key without asking for postcard reads the same kept answer in JSON.
    let from_a_script = candidate
        .http
        .post(app.url("/api/materials"))
        .header("idempotency-key", key)
        .multipart(upload_form("000", "other", 1, "scan.jpg", b"not a picture".to_vec()))
        .send()
        .await
        .unwrap();
    assert_eq!(from_a_script.headers()["idempotent-replayed"], "true");
    assert!(varies_by_accept(&from_a_script));
    let (status, kind, _) = error_kind(from_a_script).await;
    assert_eq!((status, kind.as_str()), (422, "FileRefused"), "the kept first answer, in JSON");
}

#[cfg(unix)]
#[tokio::test]
async fn the_generated_session_secret_is_readable_by_its_owner_alone() {
    use std::os::unix::fs::PermissionsExt;
    let app = spawn_app().await;
    let mode = std::fs::metadata(app.data_dir.path().join("session_secret")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
}

/// A new installation's data folder need not exist: `./scripts/run.sh` on a fresh checkout starts
/// with no `./data`, and the server makes it (it once stopped at start, writing the secret there).
#[tokio::test]
async fn a_server_started_on_a_data_folder_that_does_not_exist_yet_makes_it_and_keeps_its_secret_there() {
    let app = spawn_app_with(|c| c.data_dir = c.data_dir.join("not/yet/made")).await;
    assert!(app.data_dir.path().join("not/yet/made/session_secret").is_file());
    let alice = app.browser();
    assert!(alice.sign_up(ALICE, "爱丽丝", "secret-pass-1").await.status().is_success());
}

async fn signed_in(browser: &Browser) -> bool {
    !browser.call("current_user", json!({})).await.json::<serde_json::Value>().await.unwrap().is_null()
}

#[tokio::test]
async fn a_staff_session_ends_after_thirty_idle_minutes_and_a_candidate_s_does_not() {
    let app = spawn_app_with(|c| c.staff_idle_minutes = server::config::Config::default().staff_idle_minutes).await;
    let admin = app.admin().await;
    let alice = app.candidate(ALICE).await;
    // Used every 20 minutes, the staff session goes on.
    for _ in 0..3 {
        app.clock.set(app.clock_now() + chrono::Duration::minutes(20));
        assert!(signed_in(&admin).await, "in use, still signed in");
    }
    app.clock.set(app.clock_now() + chrono::Duration::minutes(31));
    assert!(!signed_in(&admin).await, "31 minutes unused: signed out");
    assert_eq!(admin.call("admin_overview", json!({})).await.status(), 401);
    assert!(signed_in(&alice).await, "a candidate's session is not cut short");
}

/// Sends a request's head alone (the body it announces never comes) and returns the status line
/// of the answer, or None if none came within five seconds.
async fn answer_to_head_alone(app: &TestApp, head: &str) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.address).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0; 256];
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut answer)).await.ok()?.ok()?;
    String::from_utf8_lossy(&answer[..read]).lines().next().map(str::to_string)
}

#[tokio::test]
async fn an_eligibility_list_s_large_body_is_refused_before_it_is_read_unless_an_administrator_sends_it() {
    let app = spawn_app().await;
    let head = |cookie: &str| {
        format!(
            "POST /api/admin_import_eligibility HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 15000000\r\n{cookie}\r\n",
            app.address
        )
    };
    let status = answer_to_head_alone(&app, &head("")).await;
    assert!(status.as_deref().is_some_and(|s| s.contains(" 401 ")), "{status:?}");
    // An administrator's session is let through to send it: the server waits for the body.
    let logged_in = raw_client()
        .post(app.url("/api/log_in"))
        .json(&json!({ "id_number": "44030519850315456X", "password": "zige-admin-2026" }))
        .send()
        .await
        .unwrap();
    assert!(logged_in.status().is_success());
    let cookie = logged_in.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    assert_eq!(answer_to_head_alone(&app, &head(&format!("Cookie: {cookie}\r\n"))).await, None);
}

#[tokio::test]
async fn a_form_posted_to_a_page_before_its_code_arrived_is_answered_with_the_page_and_logs_nothing_typed() {
    support::captured_log::captured_log();
    let app = spawn_app().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let posted = client
        .post(app.url("/login"))
        .form(&[("id_number", "44030519900101123X"), ("password", "typed-before-the-code")])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 303);
    assert_eq!(posted.headers()["location"], "/login");
    let logged = support::captured_log::captured_text();
    assert!(!logged.contains("typed-before-the-code") && !logged.contains("44030519900101123X"));
}

#[tokio::test]
async fn one_address_begins_twenty_registration_system_sign_ins_then_waits() {
    let keys = tempfile::tempdir().unwrap();
    let secret_file = keys.path().join("oidc-secret");
    std::fs::write(&secret_file, "a-client-secret\n").unwrap();
    // A provider nobody answers at: each start is refused at once, and is counted in the log-in group first.
    let nobody = support::oidc::free_port();
    let app = spawn_app_at(|config, address| {
        config.rate_limits = true;
        config.public_url = Some(format!("http://{address}"));
        config.oidc_issuer = Some(format!("http://127.0.0.1:{nobody}"));
        config.oidc_client_id = Some("zige".to_string());
        config.oidc_client_secret_file = Some(secret_file);
    })
    .await;
    let starter = app.browser();
    let mut statuses = Vec::new();
    for _ in 0..40 {
        statuses.push(starter.get("/auth/oidc/start").await.status().as_u16());
    }
    assert!(statuses[..20].iter().all(|s| *s == 503), "the first twenty reach the provider: {statuses:?}");
    assert!(statuses.contains(&429), "then the address waits: {statuses:?}");
}
