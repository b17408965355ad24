//! The tests' fault-injecting proxy (`tests/support/fault_proxy.rs`) as a program, for the browser
//! tests: it listens at ZIGE_FAULT_LISTEN in front of the S3-compatible server at
//! ZIGE_FAULT_UPSTREAM (`host:port`), and a browser test tells it what to do by
//! `POST http://<ZIGE_FAULT_CONTROL>/fault/{none|refuse|black-hole}` — the bucket refusing while
//! a candidate uploads, and coming back.

// The browser test refuses and lets through; the server tests also black-hole and slow it.
#[allow(dead_code)]
#[path = "../tests/support/fault_proxy.rs"]
mod fault_proxy;

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use fault_proxy::{Fault, FaultProxy};

async fn set_fault(State(proxy): State<Arc<FaultProxy>>, Path(name): Path<String>) -> StatusCode {
    let fault = match name.as_str() {
        "none" => Fault::None,
        "refuse" => Fault::Refuse,
        "black-hole" => Fault::BlackHole,
        _ => return StatusCode::NOT_FOUND,
    };
    proxy.set(fault);
    println!("fault: {fault:?}");
    StatusCode::NO_CONTENT
}

#[tokio::main]
async fn main() {
    let setting = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is required"));
    let listen = setting("ZIGE_FAULT_LISTEN").parse().expect("ZIGE_FAULT_LISTEN: an address");
    let proxy = Arc::new(FaultProxy::start_at(listen, setting("ZIGE_FAULT_UPSTREAM")).await);
    let control = tokio::net::TcpListener::bind(setting("ZIGE_FAULT_CONTROL")).await.expect("the control address");
    println!("storage fault proxy at {listen}, told at {}", control.local_addr().unwrap());
    let app = axum::Router::new().route("/fault/{name}", post(set_fault)).with_state(proxy);
    axum::serve(control, app).await.unwrap();
}
