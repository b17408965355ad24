//! The blob store with each operation timed for `/metrics` (`zige_blob_store_seconds`, by
//! operation and outcome): an S3-compatible bucket that slows down shows here before uploads
//! time out.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::ssr::infra::blob_store::{BlobStore, StoredBlob};

pub struct TimedBlobStore(pub Arc<dyn BlobStore>);

fn timed<T>(operation: &'static str, started: Instant, outcome: std::io::Result<T>) -> std::io::Result<T> {
    let label = if outcome.is_ok() { "ok" } else { "failed" };
    metrics::histogram!("zige_blob_store_seconds", "operation" => operation, "outcome" => label)
        .record(started.elapsed().as_secs_f64());
    outcome
}

#[async_trait::async_trait]
impl BlobStore for TimedBlobStore {
    async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let started = Instant::now();
        timed("put", started, self.0.put(key, bytes).await)
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        let started = Instant::now();
        timed("get", started, self.0.get(key).await)
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        let started = Instant::now();
        timed("delete", started, self.0.delete(key).await)
    }

    async fn list(&self) -> std::io::Result<Vec<StoredBlob>> {
        let started = Instant::now();
        timed("list", started, self.0.list().await)
    }

    async fn remove_abandoned_writes(&self, older_than: Duration) -> std::io::Result<usize> {
        self.0.remove_abandoned_writes(older_than).await
    }
}
