//! The yardsticks of the ingest benchmark (`scripts/bench-ingest.sh`): the least an axum server
//! can do with an upload and still keep it through a power cut. It reads the body, writes it to
//! a new file, fsyncs the file and the folder, and answers 201: no session, no judging, no
//! database. With `decode` it also does the least a server that trusts no client must: it reads
//! the multipart form and decodes the picture's every pixel (the `image` crate, whose JPEG decoder
//! Zige calls directly; on the blocking pool) before it writes. Zige's own upload is measured against both in the same run.
//!
//! Given a bucket (`s3://bucket`, with the standard `AWS_*` variables as Zige reads them), the
//! decoding yardstick puts the picture there instead of into the folder, through `object_store` as
//! Zige does: the yardstick for Zige on S3, since the S3 server on the same machine takes its
//! share of the cores from whichever server sends to it.
//!
//! `cargo run --release -p server --example bare_ingest -- 127.0.0.1:3100 /tmp/bare-ingest [decode [s3://bucket]]`

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use object_store::aws::AmazonS3Builder;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

/// Where a yardstick keeps what it accepted.
#[derive(Clone)]
enum Keeping {
    Folder(PathBuf),
    Bucket(Arc<dyn ObjectStore>),
}

async fn ingest(State(keeping): State<Keeping>, body: Bytes) -> StatusCode {
    keep(&keeping, body).await
}

/// The file part's bytes, decoded in full before they are written.
async fn decode_and_ingest(State(keeping): State<Keeping>, mut form: Multipart) -> StatusCode {
    let mut picture = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            picture = field.bytes().await.ok();
        }
    }
    let Some(picture) = picture else { return StatusCode::BAD_REQUEST };
    let decoded = tokio::task::spawn_blocking(move || image::load_from_memory(&picture).map(|_| picture)).await;
    match decoded {
        Ok(Ok(picture)) => keep(&keeping, picture).await,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

async fn keep(keeping: &Keeping, body: Bytes) -> StatusCode {
    match keeping {
        Keeping::Folder(folder) => write_durably(folder, &body).await,
        Keeping::Bucket(bucket) => {
            let key = object_store::path::Path::from(uuid::Uuid::new_v4().to_string());
            match bucket.put(&key, PutPayload::from(body)).await {
                Ok(_) => StatusCode::CREATED,
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
            }
        }
    }
}

async fn write_durably(folder: &std::path::Path, body: &[u8]) -> StatusCode {
    let path = folder.join(uuid::Uuid::new_v4().to_string());
    let written = async {
        let mut file = tokio::fs::File::create(&path).await?;
        file.write_all(body).await?;
        file.sync_all().await?;
        tokio::fs::File::open(folder).await?.sync_all().await
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
    let handler = match args.next().as_deref() {
        Some("decode") => post(decode_and_ingest),
        _ => post(ingest),
    };
    tokio::fs::create_dir_all(&folder).await?;
    let keeping = match args.next() {
        Some(bucket) => Keeping::Bucket(Arc::new(
            AmazonS3Builder::from_env().with_url(bucket).build().map_err(std::io::Error::other)?,
        )),
        None => Keeping::Folder(folder),
    };
    let router = Router::new()
        .route("/api/materials", handler)
        .layer(DefaultBodyLimit::max(10 * 1024 * 1024))
        .with_state(keeping);
    axum::serve(tokio::net::TcpListener::bind(&address).await?, router).await
}
