//! The blob store with a deadline on each request's operation and a circuit breaker
//! (`store_breaker`): a bucket that refuses, hangs or crawls is answered for within the deadline
//! as "storage does not answer" (`store_health::StorageUnavailable`: 503 with `Retry-After` to the
//! person, counted and logged once by `store_health`), never a 500 after the client's own retries
//! nor a hang. What the store says of the request itself (no such key, a full disk) passes as it
//! is. The sweep's listing is not a request anyone waits on: it keeps no deadline.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::ssr::infra::blob_store::{BlobStore, StoredBlob};
use app::ssr::infra::store_health;

use crate::stores::store_breaker::{Breaker, Permit};

/// The store's name in the metrics and the log.
const STORE: &str = store_health::BLOBS;

pub struct GuardedBlobStore {
    inner: Arc<dyn BlobStore>,
    deadline: Duration,
    breaker: Breaker,
}

impl GuardedBlobStore {
    pub fn new(inner: Arc<dyn BlobStore>, deadline: Duration) -> GuardedBlobStore {
        GuardedBlobStore { inner, deadline, breaker: Breaker::new(deadline) }
    }

    async fn guarded<T>(
        &self,
        operation: &'static str,
        work: impl std::future::Future<Output = std::io::Result<T>>,
    ) -> std::io::Result<T> {
        let permit = self.breaker.ask(Instant::now());
        if permit == Permit::Refused {
            store_health::failed(STORE, operation, "refused", "");
            return Err(store_health::unavailable(STORE));
        }
        let mut probe = ProbeWatch { breaker: &self.breaker, pending: permit == Permit::Probe };
        let answer = tokio::time::timeout(self.deadline, work).await;
        probe.pending = false;
        match answer {
            Ok(Ok(done)) => {
                self.breaker.succeeded();
                store_health::answered(STORE);
                Ok(done)
            }
            Ok(Err(said)) if the_store_answered(&said) => {
                self.breaker.succeeded();
                Err(said)
            }
            Ok(Err(error)) => {
                self.breaker.failed(Instant::now());
                store_health::failed(STORE, operation, "error", &error.to_string());
                Err(store_health::unavailable(STORE))
            }
            Err(_) => {
                self.breaker.failed(Instant::now());
                let reason = format!("no answer within {} ms", self.deadline.as_millis());
                store_health::failed(STORE, operation, "timeout", &reason);
                Err(store_health::unavailable(STORE))
            }
        }
    }
}

/// Tells the breaker when a probe's request goes away unanswered (the future dropped).
struct ProbeWatch<'a> {
    breaker: &'a Breaker,
    pending: bool,
}

impl Drop for ProbeWatch<'_> {
    fn drop(&mut self) {
        if self.pending {
            self.breaker.probe_abandoned(Instant::now());
        }
    }
}

/// An error about the request, from a store that works: a key that is not valid, or a disk or
/// quota that is full (507, not "try again in a moment"). Not `NotFound`: both stores answer a
/// missing key with `None` or `Ok`, so one that surfaces is the store's own place gone (the blob
/// folder unmounted), a store failing.
fn the_store_answered(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(error.kind(), InvalidInput | StorageFull | QuotaExceeded) || matches!(error.raw_os_error(), Some(28 | 122))
}

#[async_trait::async_trait]
impl BlobStore for GuardedBlobStore {
    async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.guarded("put", self.inner.put(key, bytes)).await
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        self.guarded("get", self.inner.get(key)).await
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        self.guarded("delete", self.inner.delete(key)).await
    }

    async fn list(&self) -> std::io::Result<Vec<StoredBlob>> {
        self.inner.list().await
    }

    async fn remove_abandoned_writes(&self, older_than: Duration) -> std::io::Result<usize> {
        self.inner.remove_abandoned_writes(older_than).await
    }
}
