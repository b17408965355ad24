//! `spawn_app()`: a real server on a free loopback port with its own fresh SQLite file and blob
//! folder, and an HTTP client that keeps cookies like a browser.
#![allow(dead_code)] // each test file uses a different part of the harness

#[path = "../../../app/tests/support/mod.rs"]
pub mod samples;

use std::net::SocketAddr;
use std::path::PathBuf;

use leptos::prelude::LeptosOptions;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

use server::config::Config;
use server::startup;

pub struct TestApp {
    pub address: SocketAddr,
    pub data_dir: tempfile::TempDir,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let mut config = Config { data_dir: data_dir.path().to_path_buf(), ..Config::default() };
    adjust(&mut config);
    let options = LeptosOptions::builder().output_name("zige").build();
    let prepared = startup::prepare(&config, options).await.expect("app starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, prepared.router).await.unwrap() });
    TestApp { address, data_dir }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// A new browser: its own cookie jar, signed in as nobody.
    pub fn browser(&self) -> Browser {
        Browser { app_url: self.url(""), http: reqwest::Client::builder().cookie_store(true).build().unwrap() }
    }

    /// Every file in the blob folder (temporary files included, so leftovers are caught).
    pub fn blob_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.data_dir.path().join("blobs")) {
            Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// A browser signed in as a freshly registered candidate.
    pub async fn candidate(&self, id_number: &str) -> Browser {
        let browser = self.browser();
        let response = browser.sign_up(id_number, "考生", "secret-pass-1").await;
        assert!(response.status().is_success(), "sign-up failed: {}", response.text().await.unwrap());
        browser
    }
}

pub struct Browser {
    app_url: String,
    pub http: reqwest::Client,
}

impl Browser {
    pub async fn call(&self, function: &str, args: Value) -> reqwest::Response {
        self.http.post(format!("{}/api/{function}", self.app_url)).json(&args).send().await.unwrap()
    }

    pub async fn sign_up(&self, id_number: &str, name: &str, password: &str) -> reqwest::Response {
        let fields = json!({ "id_type": "resident_id", "id_number": id_number, "name": name, "mobile": "13800138000", "password": password });
        self.call("sign_up", json!({ "fields": fields })).await
    }

    pub async fn log_in(&self, id_number: &str, password: &str) -> reqwest::Response {
        self.call("log_in", json!({ "id_number": id_number, "password": password })).await
    }

    pub async fn upload(&self, category: &str, seq_no: u32, name: &str, bytes: Vec<u8>) -> reqwest::Response {
        let form = Form::new()
            .text("exam", "000")
            .text("category", category.to_string())
            .text("seq_no", seq_no.to_string())
            .part("file", Part::bytes(bytes).file_name(name.to_string()).mime_str("image/jpeg").unwrap());
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
        let response = self.call("exam_page", json!({ "code": "000" })).await;
        assert!(response.status().is_success());
        response.json().await.unwrap()
    }
}

/// The violation codes of a refused upload's JSON body.
pub async fn refusal_codes(response: reqwest::Response) -> Vec<String> {
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    body["FileRefused"]["violations"].as_array().expect("a FileRefused body").iter().map(|v| v["code"].as_str().unwrap().to_string()).collect()
}

pub const ALICE: &str = "11010519491231002X";
pub const BOB: &str = "320102199506123416";
