//! The yardstick of the ingest benchmark (`scripts/bench-ingest.sh`): the least an axum server
//! can do with an upload and still keep it through a power cut. It reads the body, writes it to
//! a new file, fsyncs the file and the folder, and answers 201: no session, no judging, no
//! database. Zige's own upload is measured against it in the same run.
//!
//! `cargo run --release -p server --example bare_ingest -- 127.0.0.1:3100 /tmp/bare-ingest`

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

async fn ingest(State(folder): State<PathBuf>, body: Bytes) -> StatusCode {
    let path = folder.join(uuid::Uuid::new_v4().to_string());
    let written = async {
        let mut file = tokio::fs::File::create(&path).await?;
        file.write_all(&body).await?;
        file.sync_all().await?;
        tokio::fs::File::open(&folder).await?.sync_all().await
    };
    match written.await {
        Ok(()) => StatusCode::CREATED,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let address = args.next().unwrap_or_else(|| "127.0.0.1:3100".to_string());
    let folder = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/bare-ingest".to_string()));
    tokio::fs::create_dir_all(&folder).await?;
    let router = Router::new()
        .route("/api/materials", post(ingest))
        .layer(DefaultBodyLimit::max(10 * 1024 * 1024))
        .with_state(folder);
    axum::serve(tokio::net::TcpListener::bind(&address).await?, router).await
}
