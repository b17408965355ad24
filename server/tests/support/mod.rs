//! `spawn_app()`: a real server on a free loopback port with its own fresh database and blob
//! folder, and an HTTP client that keeps cookies like a browser. The database is a SQLite file,
//! or, when `ZIGE_TEST_POSTGRES_URL` names a PostgreSQL server (the test command starts one), a
//! new database on it for each test: the same tests, run once on each. Likewise the blobs: a
//! folder, or, when `ZIGE_TEST_S3_URL` names a bucket (the test command starts an S3-compatible
//! server for the PostgreSQL pass), a fresh prefix in it for each test.
#![allow(dead_code)] // each test file uses a different part of the harness

pub mod alipay_standin;
pub mod captured_log;
pub mod certificate_pictures;
pub mod cluster;
pub mod fault_proxy;
pub mod fees;
pub mod id_card_pictures;
pub mod official_account_standin;
pub mod oidc;
pub mod pdf;
pub mod record_pictures;
pub mod review_pictures;
#[path = "../../../app/tests/support/mod.rs"]
pub mod samples;
pub mod sms_standins;
pub mod smtp;
pub mod tickets;
pub mod traces;
pub mod wechatpay_standin;

use std::net::SocketAddr;
use std::sync::Arc;

use app::ssr::infra::clock::ManualClock;
use app::ssr::ServerState;
use chrono::{DateTime, Utc};

use leptos::prelude::LeptosOptions;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

use server::config::Config;
use server::process::startup;

pub struct TestApp {
    pub address: SocketAddr,
    pub data_dir: tempfile::TempDir,
    /// The server's clock: starts at the real now; tests move it.
    pub clock: Arc<ManualClock>,
    pub state: ServerState,
    /// The PostgreSQL database of this test; None: the SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// This test's place in the S3-compatible bucket; None: the folder `blobs` in `data_dir`.
    pub blob_url: Option<String>,
    /// The simulated payment gateway: tests sign notifications with its key.
    pub sandbox: Option<Arc<app::ssr::payments::sandbox_gateway::SandboxGateway>>,
    /// The document fonts and render workers.
    pub documents: server::documents::font_cell::FontCell,
}

/// The demo exam whose demo candidate is approved already (`server::demo_data`): its files and
/// messages are there before any test begins.
pub const DEMO_EXAM_AFTER_APPROVAL: &str = "002";

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_at(|config, _| adjust(config)).await
}

/// As `spawn_app_with`, where the configuration may name the address the server will listen on
/// (a payment gateway's stand-in posts its notifications to the public address).
pub async fn spawn_app_at(adjust: impl FnOnce(&mut Config, SocketAddr)) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    // The demo data gives the tests their administrator and reviewer; the limits are off so a
    // test can sign up dozens of candidates from loopback (rate_limits.rs turns them on).
    let mut config = Config {
        data_dir: data_dir.path().to_path_buf(),
        seed_demo: true,
        rate_limits: false,
        blob_url: fresh_blob_url(),
        // As the demo does: the fee tests pay through the sandbox gateway (this is a test
        // installation, also where a test gives it an https address).
        payment_sandbox: true,
        test_installation: true,
        // The tests move the server's clock by days and years while staff work on; the idle
        // time-out has its own test, which sets it back to its default.
        staff_idle_minutes: 60 * 24 * 365 * 1000,
        // Staff sign in with the password alone here, as the limits are off: second_factor.rs
        // turns the authenticator's code back on.
        staff_second_factor: false,
        // The server runs inside the test binary; documents are laid out by the real one.
        render_worker: Some(env!("CARGO_BIN_EXE_server").into()),
        ..Config::default()
    };
    adjust(&mut config, address);
    if config.database_url.is_none() {
        config.database_url = fresh_database_url().await;
    }
    let database_url = config.database_url.clone();
    let blob_url = config.blob_url.clone();
    let options = LeptosOptions::builder().output_name("zige").build();
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let prepared = startup::prepare_with_clock(&config, options, clock.clone()).await.expect("app starts");
    let state = prepared.state.clone();
    let sandbox = prepared.sandbox.clone();
    let documents = prepared.documents.clone();
    let service = prepared.router.into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });
    TestApp { address, data_dir, clock, state, database_url, blob_url, sandbox, documents }
}

/// A new, empty database on the PostgreSQL server the test command started, if it started one;
/// None: each test's own SQLite file.
pub async fn fresh_database_url() -> Option<String> {
    use sea_orm::ConnectionTrait;
    let server = std::env::var("ZIGE_TEST_POSTGRES_URL").ok().filter(|url| !url.is_empty())?;
    let name = format!("zige_test_{}", uuid::Uuid::new_v4().simple());
    let admin = sea_orm::Database::connect(format!("{server}/postgres")).await.expect("PostgreSQL answers");
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("a test database");
    admin.close().await.ok();
    Some(format!("{server}/{name}"))
}

/// A new, empty place in the bucket the test command's S3-compatible server holds, if it started
/// one; None: each test's own folder.
pub fn fresh_blob_url() -> Option<String> {
    let bucket = std::env::var("ZIGE_TEST_S3_URL").ok().filter(|url| !url.is_empty())?;
    Some(format!("{}/{}", bucket.trim_end_matches('/'), uuid::Uuid::new_v4().simple()))
}

/// The `server` command line on a data folder and, when given, a PostgreSQL database.
pub fn server_command(data_dir: &tempfile::TempDir, database_url: Option<&str>) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_server"));
    command.env("ZIGE_DATA_DIR", data_dir.path());
    if let Some(url) = database_url {
        command.env("ZIGE_DATABASE_URL", url);
    }
    command
}

/// A moment written as in exam files.
pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
}

/// Whether a time the server sent ("2026-11-28 09:05") is, read on China's clock, a moment from
/// `before` to `after`: a time written on UTC's clock would be eight hours off.
pub fn shown_between(shown: &Value, before: DateTime<Utc>, after: DateTime<Utc>) -> bool {
    let Some(text) = shown.as_str() else { return false };
    let Ok(wall_clock) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M") else { return false };
    let at = (wall_clock.and_utc() - chrono::Duration::hours(8)).timestamp();
    // The shown minute holds `before` when it is that minute's start or later.
    before.timestamp() - before.timestamp().rem_euclid(60) <= at && at <= after.timestamp()
}

impl TestApp {
    /// The `server` command line on this app's data folder and database, as an operator runs it.
    pub fn command(&self) -> std::process::Command {
        let mut command = server_command(&self.data_dir, self.database_url.as_deref());
        if let Some(url) = &self.blob_url {
            command.env("ZIGE_BLOB_URL", url);
        }
        command
    }

    /// Where the server's clock stands.
    pub fn clock_now(&self) -> DateTime<Utc> {
        use app::ssr::infra::clock::Clock;
        self.clock.now()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// A new browser: its own cookie jar, signed in as nobody.
    pub fn browser(&self) -> Browser {
        Browser::at(self.url(""))
    }

    /// Every candidate file in the blob store (in a folder, temporary files included, so
    /// leftovers are caught); the exams' example pictures and the demo data's own files (the demo
    /// candidate's photo in 002) are not counted.
    pub async fn blob_files(&self) -> Vec<String> {
        use app::ssr::entities::material;
        use sea_orm::EntityTrait;
        let before_the_test: Vec<String> = material::Entity::find()
            .all(&self.state.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|row| row.exam_code == DEMO_EXAM_AFTER_APPROVAL)
            .map(|row| row.blob_key)
            .collect();
        let names: Vec<String> = if self.blob_url.is_some() {
            self.state.blobs.list().await.unwrap().into_iter().map(|blob| blob.key).collect()
        } else {
            match std::fs::read_dir(self.data_dir.path().join("blobs")) {
                Ok(entries) => entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
                Err(_) => Vec::new(),
            }
        };
        names.into_iter().filter(|name| !name.starts_with("example-") && !before_the_test.contains(name)).collect()
    }

    /// A browser signed in as a freshly registered candidate who has accepted exam 000's pledge.
    pub async fn candidate(&self, id_number: &str) -> Browser {
        let browser = self.new_candidate(id_number).await;
        let accepted = browser.call("accept_pledge", json!({ "code": "000" })).await;
        assert!(accepted.status().is_success(), "pledge refused: {}", accepted.text().await.unwrap());
        browser
    }

    /// A browser signed in as a freshly registered candidate who has not entered any exam yet.
    pub async fn new_candidate(&self, id_number: &str) -> Browser {
        let browser = self.browser();
        let response = browser.sign_up(id_number, "考生", "secret-pass-1").await;
        assert!(response.status().is_success(), "sign-up failed: {}", response.text().await.unwrap());
        browser
    }

    /// A browser signed in as the demo administrator.
    pub async fn admin(&self) -> Browser {
        let browser = self.browser();
        let response = browser.log_in("44030519850315456X", "zige-admin-2026").await;
        assert!(response.status().is_success(), "admin login failed");
        browser
    }

    /// A browser signed in as the demo reviewer, who reviews exams 000 and 004.
    pub async fn reviewer(&self) -> Browser {
        let browser = self.browser();
        assert!(browser.log_in(REVIEWER.0, REVIEWER.1).await.status().is_success(), "reviewer login failed");
        browser
    }

    /// A reviewer account the administrator creates and assigns to review `exams`, signed in.
    pub async fn new_reviewer(&self, id_number: &str, exams: &[&str]) -> Browser {
        self.new_staff(id_number, exams, "review").await
    }

    /// A staff account the administrator creates and names for `exams` with `duty` ("review" or
    /// "on_site"), signed in.
    pub async fn new_staff(&self, id_number: &str, exams: &[&str], duty: &str) -> Browser {
        let admin = self.admin().await;
        let fields = json!({ "id_type": "resident_id", "id_number": id_number, "name": "审核员", "mobile": "13900139000", "password": "review-pass-1" });
        let created = admin.call("admin_create_reviewer", json!({ "fields": fields })).await;
        assert!(created.status().is_success(), "reviewer not created: {}", created.text().await.unwrap());
        let id = created.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        for exam in exams {
            let assigned = admin
                .call("admin_assign_reviewer", json!({ "reviewer_id": id, "exam_code": exam, "duty": duty }))
                .await;
            assert!(assigned.status().is_success(), "assignment refused");
        }
        let browser = self.browser();
        assert!(browser.log_in(id_number, "review-pass-1").await.status().is_success());
        browser
    }

    /// A candidate with five pictures in exam 000 (身份证 正面 and 反面, 学历, 履历, 其他), submitted.
    /// Returns the browser and the five picture ids in that order.
    pub async fn submitted_candidate(&self, id_number: &str) -> (Browser, Vec<String>) {
        let browser = self.candidate(id_number).await;
        let mut ids = Vec::new();
        for (category, seq_no) in [("id_card", 1), ("id_card", 2), ("education", 1), ("work_resume", 1), ("other", 1)] {
            let stored = browser.upload_ok(category, seq_no, samples::jpeg(120, 90)).await;
            ids.push(stored["id"].as_str().unwrap().to_string());
        }
        let submitted = browser.save_application("000", json!({}), None, true).await;
        assert!(submitted.status().is_success(), "submission refused: {}", submitted.text().await.unwrap());
        (browser, ids)
    }

    /// Adds an exam written as TOML straight into the database; it may name no example pictures.
    pub async fn add_exam(&self, toml: &str) {
        let definition =
            app::ssr::exams::exam_store::parse_exam_toml(toml).unwrap_or_else(|m| panic!("test exam invalid: {m:?}"));
        let added = app::ssr::exams::exam_store::insert_if_missing(
            &self.state.db,
            self.state.blobs.as_ref(),
            &definition,
            toml,
            &|_| None,
        )
        .await
        .unwrap();
        assert!(added);
    }
}

/// An exam file for a test: upload open from yesterday (by the app's clock) for 300 days, review
/// and results after; `top_level` keys before the tables (e.g. `id_card_front = "card"`), then
/// `categories`, its `[[categories]]` entries.
pub fn open_exam(app: &TestApp, code: &str, top_level: &str, categories: &str) -> String {
    let at = |days: i64| (app.clock_now() + chrono::Duration::days(days)).to_rfc3339();
    format!(
        r#"
code = "{code}"
title_zh = "测试考试 {code}"
title_en = "Test exam {code}"
organiser_zh = "测试"
organiser_en = "Test"
pledge_zh = "本人承诺所提交材料真实有效。"
pledge_en = "I promise the materials are genuine."
{top_level}
[windows]
upload_opens = "{}"
upload_closes = "{}"
review_closes = "{}"
results_published = "{}"
{categories}"#,
        at(-1),
        at(300),
        at(310),
        at(320)
    )
}

/// The longest any one request of a test may take, its body included: far above what the
/// slowest (a bulk upload on a loaded machine) needs. A response that never ends then fails its
/// test within minutes instead of stalling the whole run until CI gives up on it (a page once
/// did: `server/src/http/page_routes.rs`).
const REQUEST_PATIENCE: std::time::Duration = std::time::Duration::from_secs(120);

/// An HTTP client whose requests give up after [`REQUEST_PATIENCE`]: every client of the tests.
fn patient_client() -> reqwest::ClientBuilder {
    reqwest::Client::builder().timeout(REQUEST_PATIENCE)
}

/// A client with no cookie jar, for requests a test writes by hand (its own headers, a
/// gateway's notification).
pub fn raw_client() -> reqwest::Client {
    patient_client().build().unwrap()
}

/// A clone is the same browser (the same cookies), as a second tab is.
#[derive(Clone)]
pub struct Browser {
    app_url: String,
    pub http: reqwest::Client,
}

impl Browser {
    /// A new browser on the app at `app_url` (the test's server, or a load balancer in front of
    /// several): its own cookie jar, signed in as nobody.
    pub fn at(app_url: String) -> Browser {
        Browser { app_url, http: patient_client().cookie_store(true).build().unwrap() }
    }

    /// A browser that follows no redirect, so a test takes each step of a sign-in itself.
    pub fn stepping(app_url: String) -> Browser {
        Browser {
            app_url,
            http: patient_client().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap(),
        }
    }

    /// Where this browser sends its requests.
    pub fn app_url(&self) -> &str {
        &self.app_url
    }

    pub async fn call(&self, function: &str, args: Value) -> reqwest::Response {
        self.http.post(format!("{}/api/{function}", self.app_url)).json(&args).send().await.unwrap()
    }

    pub async fn sign_up(&self, id_number: &str, name: &str, password: &str) -> reqwest::Response {
        let email = format!("{}@example.cn", id_number.trim().to_ascii_lowercase());
        let fields = json!({ "id_type": "resident_id", "id_number": id_number, "name": name, "mobile": "13800138000", "password": password, "email": email, "id_valid_until": "long_term",
            "typed_again": { "id_type": "resident_id", "id_number": id_number, "name": name } });
        self.call("sign_up", json!({ "fields": fields })).await
    }

    pub async fn log_in(&self, id_number: &str, password: &str) -> reqwest::Response {
        self.call("log_in", json!({ "id_number": id_number, "password": password })).await
    }

    pub async fn upload(&self, category: &str, seq_no: u32, name: &str, bytes: Vec<u8>) -> reqwest::Response {
        self.upload_to("000", category, seq_no, name, bytes).await
    }

    pub async fn upload_to(
        &self,
        exam: &str,
        category: &str,
        seq_no: u32,
        name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.send_upload(upload_form(exam, category, seq_no, name, bytes)).await
    }

    /// Puts `bytes` in the place of picture `id` (category `category`, place `seq_no`) in exam 000.
    pub async fn replace(&self, id: &str, category: &str, seq_no: u32, bytes: Vec<u8>) -> reqwest::Response {
        self.send_upload(upload_form("000", category, seq_no, "new.jpg", bytes).text("replaces", id.to_string())).await
    }

    async fn send_upload(&self, form: Form) -> reqwest::Response {
        self.http.post(format!("{}/api/materials", self.app_url)).multipart(form).send().await.unwrap()
    }

    /// Uploads and returns the stored material's JSON, failing the test if refused.
    pub async fn upload_ok(&self, category: &str, seq_no: u32, bytes: Vec<u8>) -> Value {
        let response = self.upload(category, seq_no, "scan.jpg", bytes).await;
        assert_eq!(response.status(), 201, "upload refused: {}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(format!("{}{path}", self.app_url)).send().await.unwrap()
    }

    pub async fn exam_page(&self) -> Value {
        self.exam_page_of("000").await
    }

    pub async fn exam_page_of(&self, code: &str) -> Value {
        let response = self.call("exam_page", json!({ "code": code })).await;
        assert!(response.status().is_success(), "exam page: {}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    /// A page of an exam's review queue; `filter` as the server names it ("awaiting", "all",
    /// {"state": "returned"}…).
    pub async fn queue(&self, exam: &str, filter: Value, after: Value) -> reqwest::Response {
        self.call(
            "review_queue",
            json!({ "query": { "exam_code": exam, "filter": filter, "from": null, "to": null, "after": after } }),
        )
        .await
    }

    /// The oldest application waiting for a decision in the exam's queue.
    pub async fn first_waiting(&self, exam: &str) -> i64 {
        let page: Value = self.queue(exam, json!("awaiting"), Value::Null).await.json().await.unwrap();
        page["rows"][0]["application_id"].as_i64().expect("an application waits")
    }

    /// Opens (and, when it waits and nobody holds it, takes) an application for review.
    pub async fn open_application(&self, id: i64, take_over: bool) -> reqwest::Response {
        self.call("open_application", json!({ "id": id, "take_over": take_over })).await
    }

    /// The review sheet's JSON, failing the test if refused.
    pub async fn sheet(&self, id: i64) -> Value {
        let response = self.open_application(id, false).await;
        assert!(response.status().is_success(), "review screen refused: {}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    pub async fn decide(&self, id: i64, version: i64, decision: Value) -> reqwest::Response {
        self.call("decide_application", json!({ "id": id, "version": version, "decision": decision })).await
    }

    /// 暂存 (`submit` false) or 提交审核 (`submit` true).
    pub async fn save_application(
        &self,
        code: &str,
        form: Value,
        position: Option<&str>,
        submit: bool,
    ) -> reqwest::Response {
        self.call("save_application", json!({ "code": code, "form": form, "position": position, "submit": submit }))
            .await
    }
}

/// The upload form as the page sends it.
/// The upload form as the page sends it (reqwest draws a new boundary each time, as a browser does).
pub fn upload_form(exam: &str, category: &str, seq_no: u32, name: &str, bytes: Vec<u8>) -> Form {
    Form::new()
        .text("exam", exam.to_string())
        .text("category", category.to_string())
        .text("seq_no", seq_no.to_string())
        .part("file", Part::bytes(bytes).file_name(name.to_string()).mime_str("image/jpeg").unwrap())
}

/// The violation codes of a refused upload's JSON body.
pub async fn refusal_codes(response: reqwest::Response) -> Vec<String> {
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    body["FileRefused"]["violations"]
        .as_array()
        .expect("a FileRefused body")
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect()
}

/// A valid resident ID number (GB 11643), a different one for each `n` below 1000.
pub fn resident_id(n: u32) -> String {
    let first17 = format!("11010119900101{:03}", n % 1000);
    let check = app::domain::id_number::resident_id_check_char(first17.as_bytes());
    format!("{first17}{check}")
}

pub const ALICE: &str = "11010519491231002X";
pub const REVIEWER: (&str, &str) = ("110101198008087897", "zige-review-2026");
/// The demo reviewer's published authenticator key (`server::demo_data`), for tests that run with
/// staff's second factor on.
pub const REVIEWER_AUTHENTICATOR_KEY: &str = "ZIGEDEMOREVIEWERZIGEDEMOREVIEWER";
/// Spare valid resident ID numbers for accounts a test creates.
pub const CAROL: &str = "110101199003071233";
pub const DAVE: &str = "310104198811114563";
pub const BOB: &str = "320102199506123416";

/// What an `Incomplete` refusal of 提交审核 lists, in Chinese.
pub fn missing_texts(body: &Value) -> Vec<String> {
    body["Incomplete"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_zh"].as_str().unwrap().to_string())
        .collect()
}

/// The variant name of an error body, e.g. "NotYetOpen" for `{"NotYetOpen":{…}}` or "Locked".
pub async fn error_kind(response: reqwest::Response) -> (u16, String, Value) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    let kind = match &body {
        Value::String(name) => name.clone(),
        Value::Object(map) => map.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    (status, kind, body)
}

/// What `found` finds, asked again every 50 ms for up to 30 s: for what the server does after it
/// answered (the outbox's sends, a stand-in's record of them).
pub async fn wait_for<T>(what: &str, mut found: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Some(value) = found().await {
            return value;
        }
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Every byte of the server's decode memory (spawned with `decode_budget_mb = 64`), taken as
/// decodes in flight would take it, for a test of a server with none to spare. Asked until it is
/// had: the assistant looks at the demo's pictures in the background as the server starts, and a
/// look holds a share for a moment, longer on a busy machine (the PostgreSQL pass beside the
/// browser tests once failed here, 2026-12-03).
pub async fn all_decode_memory(app: &TestApp) -> app::ssr::infra::decode_budget::Reservation {
    wait_for("every byte of decode memory", async || app.state.decode_budget.reserve(64 * 1024 * 1024).await.ok()).await
}
