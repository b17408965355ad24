//! Staff sign in with two factors (等保 2.0 level 3): the password, then a code from an
//! authenticator app (RFC 6238), set up at the first sign-in with ten recovery codes shown once;
//! candidates are never asked. A code is taken once; wrong codes are held back and audited; an
//! administrator (or the operator) resets a lost authenticator, audited.
use crate::support;

use app::ssr::accounts::totp;
use chrono::Duration;
use serde_json::{json, Value};
use support::*;

/// The demo administrator's published authenticator key (`server::demo_data`).
const ADMIN_KEY: &str = "ZIGEDEMOADMINZIGEDEMOADMINZIGEDE";
const ADMIN: (&str, &str) = ("44030519850315456X", "zige-admin-2026");
const NEW_REVIEWER: &str = "110101199003070011";

async fn spawn() -> TestApp {
    spawn_app_with(|c| c.staff_second_factor = true).await
}

/// The code the authenticator holding `key` shows at the server's present moment.
fn code_now(app: &TestApp, key: &str) -> String {
    totp::code_at(&key.replace(' ', ""), app.clock_now()).unwrap()
}

async fn signed_in(browser: &Browser) -> bool {
    !browser.call("current_user", json!({})).await.json::<Value>().await.unwrap().is_null()
}

async fn give(browser: &Browser, code: &str) -> reqwest::Response {
    browser.call("give_second_factor", json!({ "code": code })).await
}

/// The demo administrator through both steps.
async fn admin_signed_in(app: &TestApp) -> Browser {
    let admin = app.browser();
    assert!(admin.log_in(ADMIN.0, ADMIN.1).await.status().is_success());
    let given = give(&admin, &code_now(app, ADMIN_KEY)).await;
    assert!(given.status().is_success(), "admin's code refused: {}", given.text().await.unwrap());
    admin
}

/// A new reviewer, created by the administrator, with the password typed: halfway signed in.
async fn new_reviewer_after_password(app: &TestApp, admin: &Browser) -> Browser {
    let fields = json!({ "id_type": "resident_id", "id_number": NEW_REVIEWER, "name": "新审核员", "mobile": "13900139000", "password": "review-pass-1" });
    let created = admin.call("admin_create_reviewer", json!({ "fields": fields })).await;
    assert!(created.status().is_success(), "reviewer not created: {}", created.text().await.unwrap());
    let reviewer = app.browser();
    let step: Value = reviewer.log_in(NEW_REVIEWER, "review-pass-1").await.json().await.unwrap();
    assert_eq!(step, json!({ "SecondFactor": { "enrolled": false } }), "a new reviewer sets up an authenticator first");
    reviewer
}

/// Enrols the halfway-signed-in `reviewer`: its key, and the ten recovery codes it was shown.
async fn enrol(app: &TestApp, reviewer: &Browser) -> (String, Vec<String>) {
    let enrolment: Value = reviewer.call("begin_second_factor_enrolment", json!({})).await.json().await.unwrap();
    let key = enrolment["secret"].as_str().unwrap().replace(' ', "");
    let done: Value = give(reviewer, &code_now(app, &key)).await.json().await.unwrap();
    let codes =
        done["new_recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
    (key, codes)
}

async fn audit_lines(admin: &Browser) -> Vec<(String, String)> {
    let rows: Value = admin.call("admin_audit_log", json!({})).await.json().await.unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["action"].as_str().unwrap().to_string(), r["detail"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn staff_are_signed_in_only_after_the_authenticator_s_code_and_candidates_after_the_password() {
    let app = spawn().await;
    let admin = app.browser();
    let step: Value = admin.log_in(ADMIN.0, ADMIN.1).await.json().await.unwrap();
    assert_eq!(step, json!({ "SecondFactor": { "enrolled": true } }));
    assert!(!signed_in(&admin).await, "the password alone signs no administrator in");
    assert_eq!(admin.call("admin_overview", json!({})).await.status(), 401);
    let prompt: Value = admin.call("second_factor_prompt", json!({})).await.json().await.unwrap();
    assert_eq!(prompt["enrolled"], true);
    assert_eq!(prompt["name"], "赵管理");

    let given = give(&admin, &code_now(&app, ADMIN_KEY)).await;
    assert!(given.status().is_success(), "{}", given.text().await.unwrap());
    assert!(signed_in(&admin).await);
    assert_eq!(admin.call("admin_overview", json!({})).await.status(), 200);

    let alice = app.new_candidate("11010519491231002X").await;
    alice.call("log_out", json!({})).await;
    let step: Value = alice.log_in("11010519491231002X", "secret-pass-1").await.json().await.unwrap();
    assert!(step.get("SignedIn").is_some(), "a candidate is signed in by the password: {step}");
    assert!(signed_in(&alice).await);
    let nobody = app.browser();
    assert_eq!(nobody.call("second_factor_prompt", json!({})).await.status(), 401);
    assert_eq!(give(&nobody, &code_now(&app, ADMIN_KEY)).await.status(), 401, "no password, no code to try");
}

#[tokio::test]
async fn a_code_lets_in_once_and_the_next_step_s_code_lets_in_again() {
    let app = spawn().await;
    let _first = admin_signed_in(&app).await;
    let second = app.browser();
    assert!(second.log_in(ADMIN.0, ADMIN.1).await.status().is_success());
    let replayed = give(&second, &code_now(&app, ADMIN_KEY)).await;
    assert_eq!(replayed.status(), 422);
    assert!(replayed.text().await.unwrap().contains("已经用过"));
    assert!(!signed_in(&second).await);

    app.clock.set(app.clock_now() + Duration::seconds(30));
    assert!(give(&second, &code_now(&app, ADMIN_KEY)).await.status().is_success());
    assert!(signed_in(&second).await);
}

#[tokio::test]
async fn a_code_typed_with_spaces_is_read_and_a_code_of_the_wrong_shape_is_refused_with_its_length() {
    let app = spawn().await;
    let admin = app.browser();
    admin.log_in(ADMIN.0, ADMIN.1).await;
    let refused = give(&admin, "12345").await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("当前 5 位"));
    let code = code_now(&app, ADMIN_KEY);
    assert!(give(&admin, &format!("{} {}", &code[..3], &code[3..])).await.status().is_success());
}

#[tokio::test]
async fn a_new_reviewer_sets_up_the_authenticator_with_its_first_code_and_is_shown_ten_recovery_codes_once() {
    let app = spawn().await;
    let admin = admin_signed_in(&app).await;
    let reviewer = new_reviewer_after_password(&app, &admin).await;
    let enrolment: Value = reviewer.call("begin_second_factor_enrolment", json!({})).await.json().await.unwrap();
    let key = enrolment["secret"].as_str().unwrap().replace(' ', "");
    assert!(enrolment["otpauth_url"].as_str().unwrap().contains(&format!("secret={key}")));
    assert!(enrolment["qr_svg"].as_str().unwrap().trim_start().starts_with("<svg"));
    let again: Value = reviewer.call("begin_second_factor_enrolment", json!({})).await.json().await.unwrap();
    assert_eq!(again["secret"], enrolment["secret"], "a reloaded page shows the key already scanned");

    let wrong = give(&reviewer, if code_now(&app, &key) == "000000" { "111111" } else { "000000" }).await;
    assert_eq!(wrong.status(), 422);
    assert!(!signed_in(&reviewer).await);
    let done: Value = give(&reviewer, &code_now(&app, &key)).await.json().await.unwrap();
    let codes = done["new_recovery_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    assert!(codes.iter().all(|c| c.as_str().unwrap().len() == 11), "ABCDE-FGHJK: {codes:?}");
    assert!(signed_in(&reviewer).await);
    assert!(audit_lines(&admin).await.iter().any(|(action, _)| action == "second_factor_enrolled"));

    // The key and the codes are not shown again.
    let later = app.browser();
    let step: Value = later.log_in(NEW_REVIEWER, "review-pass-1").await.json().await.unwrap();
    assert_eq!(step, json!({ "SecondFactor": { "enrolled": true } }));
    let refused = later.call("begin_second_factor_enrolment", json!({})).await;
    assert_eq!(refused.status(), 422);
    assert!(!refused.text().await.unwrap().contains(&key));
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_in_place_of_the_authenticator_and_says_how_many_are_left() {
    let app = spawn().await;
    let admin = admin_signed_in(&app).await;
    let reviewer = new_reviewer_after_password(&app, &admin).await;
    let (_, codes) = enrol(&app, &reviewer).await;

    let phone_lost = app.browser();
    phone_lost.log_in(NEW_REVIEWER, "review-pass-1").await;
    let done: Value = give(&phone_lost, &codes[3].to_lowercase()).await.json().await.unwrap();
    assert_eq!(done["recovery_codes_left"], 9);
    assert!(signed_in(&phone_lost).await);
    assert!(audit_lines(&admin)
        .await
        .iter()
        .any(|(action, detail)| action == "second_factor_recovery_code_used" && detail.contains("9 left")));

    let again = app.browser();
    again.log_in(NEW_REVIEWER, "review-pass-1").await;
    assert_eq!(give(&again, &codes[3]).await.status(), 422, "a recovery code works once");
    assert!(!signed_in(&again).await);
}

#[tokio::test]
async fn wrong_codes_are_audited_and_held_back_per_account_from_any_address() {
    let app = spawn_app_with(|c| {
        c.staff_second_factor = true;
        c.rate_limits = true;
    })
    .await;
    let guesser = app.browser();
    assert!(guesser.log_in(ADMIN.0, ADMIN.1).await.status().is_success());
    let right = code_now(&app, ADMIN_KEY);
    let wrong = if right == "000000" { "111111" } else { "000000" };
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(give(&guesser, wrong).await.status().as_u16());
    }
    assert_eq!(statuses, [422, 422, 422, 422, 422, 429], "five wrong codes, then held back");
    let held = give(&guesser, &right).await;
    assert_eq!(held.status(), 429, "held back even with the right code");
    assert!(held.headers().contains_key("retry-after"));

    let failed: Vec<(String, String)> = {
        use app::ssr::entities::audit_entry;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("failed_login"))
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|row| (row.target, row.detail))
            .collect()
    };
    assert_eq!(failed.len(), 5, "{failed:?}");
    assert!(failed.iter().all(|(target, detail)| target.contains("赵管理") && detail.contains("second-factor")));
}

#[tokio::test]
async fn a_day_s_twenty_wrong_codes_lock_the_authenticator_until_an_administrator_resets_it_and_the_owner_is_told() {
    use app::ssr::entities::{notification, second_factor};
    use sea_orm::EntityTrait;
    let app = spawn().await;
    let admin = admin_signed_in(&app).await;
    let reviewer = new_reviewer_after_password(&app, &admin).await;
    let (key, _) = enrol(&app, &reviewer).await;
    let guesser = app.browser();
    assert!(guesser.log_in(NEW_REVIEWER, "review-pass-1").await.status().is_success());
    app.clock.set(app.clock_now() + Duration::seconds(30));
    let right = code_now(&app, &key);
    let wrong = if right == "000000" { "111111" } else { "000000" };
    for _ in 0..20 {
        assert_eq!(give(&guesser, wrong).await.status(), 422);
    }
    // Counted where a restart cannot forget it.
    let rows = second_factor::Entity::find().all(&app.state.db).await.unwrap();
    assert!(rows.iter().any(|row| row.wrong_codes == 20 && row.locked_at.is_some()));
    let (status, _, body) = error_kind(give(&guesser, &right).await).await;
    assert_eq!(status, 422, "locked: the right code too");
    assert!(body.to_string().contains("已锁定"), "{body}");
    // The owner heard at the first wrong code and at the lock.
    let told: Vec<String> =
        notification::Entity::find().all(&app.state.db).await.unwrap().into_iter().map(|n| n.message_zh).collect();
    assert_eq!(told.iter().filter(|m| m.contains("两步验证码")).count(), 2, "{told:?}");

    let found: Value =
        admin.call("admin_find_account", json!({ "id_number": NEW_REVIEWER })).await.json().await.unwrap();
    assert!(admin.call("admin_reset_second_factor", json!({ "user_id": found["id"] })).await.status().is_success());
    let owner = app.browser();
    assert!(owner.log_in(NEW_REVIEWER, "review-pass-1").await.status().is_success());
    enrol(&app, &owner).await;
    assert!(signed_in(&owner).await);
}

#[tokio::test]
async fn the_wait_for_the_code_ends_after_ten_minutes() {
    let app = spawn().await;
    let admin = app.browser();
    admin.log_in(ADMIN.0, ADMIN.1).await;
    app.clock.set(app.clock_now() + Duration::minutes(11));
    assert_eq!(give(&admin, &code_now(&app, ADMIN_KEY)).await.status(), 401);
    assert!(!signed_in(&admin).await);
}

#[tokio::test]
async fn an_administrator_resets_a_lost_authenticator_ending_the_sessions_and_the_reset_is_audited() {
    let app = spawn().await;
    let admin = admin_signed_in(&app).await;
    let reviewer = new_reviewer_after_password(&app, &admin).await;
    enrol(&app, &reviewer).await;
    assert!(signed_in(&reviewer).await);

    let found: Value =
        admin.call("admin_find_account", json!({ "id_number": NEW_REVIEWER })).await.json().await.unwrap();
    assert_eq!(found["second_factor"], true);
    let id = found["id"].as_i64().unwrap();
    assert_eq!(reviewer.call("admin_reset_second_factor", json!({ "user_id": id })).await.status(), 403);
    assert!(admin.call("admin_reset_second_factor", json!({ "user_id": id })).await.status().is_success());
    assert!(!signed_in(&reviewer).await, "the reset ends every session of the account");
    assert!(audit_lines(&admin)
        .await
        .iter()
        .any(|(action, detail)| action == "second_factor_reset" && detail.contains("every session ended")));
    let found: Value =
        admin.call("admin_find_account", json!({ "id_number": NEW_REVIEWER })).await.json().await.unwrap();
    assert_eq!(found["second_factor"], false);

    let step: Value = reviewer.log_in(NEW_REVIEWER, "review-pass-1").await.json().await.unwrap();
    assert_eq!(step, json!({ "SecondFactor": { "enrolled": false } }), "set up again at the next sign-in");

    let candidate = app.new_candidate("11010519491231002X").await;
    drop(candidate);
    let found: Value =
        admin.call("admin_find_account", json!({ "id_number": "11010519491231002X" })).await.json().await.unwrap();
    let refused = admin.call("admin_reset_second_factor", json!({ "user_id": found["id"] })).await;
    assert_eq!(refused.status(), 422, "candidates have no second factor to reset");
}

#[tokio::test]
async fn enrolment_closes_a_day_after_the_account_is_made_and_an_administrator_s_reset_opens_it_again() {
    let app = spawn().await;
    let admin = admin_signed_in(&app).await;
    let reviewer = new_reviewer_after_password(&app, &admin).await;
    // Nobody set it up in time: whoever has the password later finds it closed.
    app.clock.set(app.clock_now() + Duration::hours(25));
    let late = app.browser();
    assert!(late.log_in(NEW_REVIEWER, "review-pass-1").await.status().is_success());
    let (status, _, body) = error_kind(late.call("begin_second_factor_enrolment", json!({})).await).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("24 小时内设置"), "{body}");
    drop(reviewer);

    let admin = admin_signed_in(&app).await;
    let found: Value =
        admin.call("admin_find_account", json!({ "id_number": NEW_REVIEWER })).await.json().await.unwrap();
    assert!(admin.call("admin_reset_second_factor", json!({ "user_id": found["id"] })).await.status().is_success());
    let again = app.browser();
    assert!(again.log_in(NEW_REVIEWER, "review-pass-1").await.status().is_success());
    let (_, codes) = enrol(&app, &again).await;
    assert_eq!(codes.len(), 10);
    assert!(signed_in(&again).await);
}

#[tokio::test]
async fn the_operator_resets_the_administrator_s_own_authenticator_from_the_command_line() {
    let app = spawn().await;
    let output = app.command().args(["admin", "reset-second-factor", "--id-number", ADMIN.0]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let admin = app.browser();
    let step: Value = admin.log_in(ADMIN.0, ADMIN.1).await.json().await.unwrap();
    assert_eq!(step, json!({ "SecondFactor": { "enrolled": false } }));
    let (_, codes) = enrol(&app, &admin).await;
    assert_eq!(codes.len(), 10);
    assert!(audit_lines(&admin)
        .await
        .iter()
        .any(|(action, detail)| action == "second_factor_reset" && detail.contains("command line")));

    let nobody =
        app.command().args(["admin", "reset-second-factor", "--id-number", "110101199003070038"]).output().unwrap();
    assert_eq!(nobody.status.code(), Some(1));
}

#[tokio::test]
async fn wrong_codes_guessed_at_the_same_moment_are_each_counted() {
    use app::ssr::accounts::{account_store, wrong_codes};
    use app::ssr::entities::second_factor;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn().await;
    let admin = admin_signed_in(&app).await;
    let reviewer = new_reviewer_after_password(&app, &admin).await;
    enrol(&app, &reviewer).await;
    let account = account_store::find_by_id_number(&app.state.db, NEW_REVIEWER).await.unwrap().unwrap();
    let factor =
        || second_factor::Entity::find().filter(second_factor::Column::UserId.eq(account.id)).one(&app.state.db);
    // Eight requests that each read the authenticator before any of them counted.
    let read_by_each = factor().await.unwrap().unwrap();
    let now = app.clock_now();
    let guesses = (0..8).map(|_| wrong_codes::count(&app.state.db, &account, &read_by_each, now));
    for counted in futures_util::future::join_all(guesses).await {
        counted.unwrap();
    }
    assert_eq!(factor().await.unwrap().unwrap().wrong_codes, 8, "every guess counted, none lost");
}
