//! Whether the stores the server cannot work without (the database, the blob store) answer, as an
//! operator reads it: a storage failure is counted in `/metrics`
//! (`zige_storage_failures_total`, by store, operation and kind), and the log says once that a
//! store stopped answering and once when it came back, with how long it was gone and how many
//! requests were told to wait meanwhile — not a line per request. People are answered 503 with
//! `Retry-After` (`failure::meaning_of` reads `StorageUnavailable`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// The stores' names, as the metrics' `store` label, the log and `is_down` know them.
pub const DATABASE: &str = "database";
pub const BLOBS: &str = "blobs";

/// A store did not answer in time or failed: the request is told to come back
/// (`STORAGE_RETRY_SECS`), and nothing was saved. Carried inside an `std::io::Error`.
#[derive(Debug)]
pub struct StorageUnavailable {
    pub store: &'static str,
}

impl std::fmt::Display for StorageUnavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the {} store does not answer", self.store)
    }
}

impl std::error::Error for StorageUnavailable {}

/// The error a store's caller gets while the store is gone.
pub fn unavailable(store: &'static str) -> std::io::Error {
    std::io::Error::other(StorageUnavailable { store })
}

/// Since when each store that is down has been down, and how many failures since.
struct Outage {
    since: Instant,
    failures: u64,
}

fn outages() -> &'static Mutex<HashMap<&'static str, Outage>> {
    static OUTAGES: std::sync::OnceLock<Mutex<HashMap<&'static str, Outage>>> = std::sync::OnceLock::new();
    OUTAGES.get_or_init(Default::default)
}

/// A failure of `store` at `operation`: `kind` is `timeout`, `error` or `refused` (not asked: the
/// store is known to be down). The first of an outage is logged with `reason`.
pub fn failed(store: &'static str, operation: &'static str, kind: &'static str, reason: &str) {
    metrics::counter!("zige_storage_failures_total", "store" => store, "operation" => operation, "kind" => kind)
        .increment(1);
    let mut outages = outages().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match outages.get_mut(store) {
        Some(outage) => outage.failures += 1,
        None => {
            tracing::error!(store, operation, kind, reason, "storage does not answer: requests are told to retry");
            outages.insert(store, Outage { since: Instant::now(), failures: 1 });
        }
    }
}

/// `store` answered: where it was down, the log says it is back.
pub fn answered(store: &'static str) {
    let mut outages = outages().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(outage) = outages.remove(store) {
        let down_ms = outage.since.elapsed().as_millis() as u64;
        tracing::warn!(store, down_ms, failures = outage.failures, "storage answers again");
    }
}

/// Whether `store` is down (failed, and has not answered since).
pub fn is_down(store: &'static str) -> bool {
    outages().lock().unwrap_or_else(|poisoned| poisoned.into_inner()).contains_key(store)
}
