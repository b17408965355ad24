//! Full decodes hold the whole picture in memory (a 50-megapixel scan takes about 400 MB), so
//! the memory all decodes in flight may take together is bounded: an upload reserves what its
//! decode needs before it starts, waits while others finish, and is told to come back (503 with
//! Retry-After) when nothing frees up in time. A flood of uploads queues; it never takes the
//! server down. No more decodes run at once than the machine has cores: a decode is pure CPU,
//! and thirty of them sharing two cores only finish later, each holding its memory longer
//! (the server's memory grew to 2.4 GB under deadline night's load before this).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

const MIB: u64 = 1024 * 1024;

pub struct DecodeBudget {
    megabytes: Arc<Semaphore>,
    total_megabytes: u32,
    cores: Arc<Semaphore>,
    at_once: usize,
    wait: Duration,
}

/// Memory and a core reserved for one decode; given back when dropped.
pub struct Reservation(#[allow(dead_code)] OwnedSemaphorePermit, #[allow(dead_code)] OwnedSemaphorePermit);

impl DecodeBudget {
    /// `total_megabytes` for all decodes in flight, at most `at_once` of them running.
    pub fn new(total_megabytes: u32, at_once: usize, wait: Duration) -> DecodeBudget {
        let total_megabytes = total_megabytes.max(1);
        DecodeBudget {
            megabytes: Arc::new(Semaphore::new(total_megabytes as usize)),
            total_megabytes,
            cores: Arc::new(Semaphore::new(at_once.max(1))),
            at_once: at_once.max(1),
            wait,
        }
    }

    /// Whether no decode is running: work that can wait (the reviewer's assistant) starts only
    /// then, so it never takes a core from a candidate's upload.
    pub fn is_idle(&self) -> bool {
        self.cores.available_permits() == self.at_once
    }

    /// Reserves `bytes` of decode memory (a decode larger than the whole budget runs alone).
    pub async fn reserve(&self, bytes: u64) -> Result<Reservation, AppError> {
        let wanted = u32::try_from(bytes.div_ceil(MIB)).unwrap_or(u32::MAX).clamp(1, self.total_megabytes);
        let started = std::time::Instant::now();
        let permit = tokio::time::timeout(self.wait, async {
            let memory = self.megabytes.clone().acquire_many_owned(wanted).await?;
            Ok::<_, tokio::sync::AcquireError>((memory, self.cores.clone().acquire_owned().await?))
        })
        .await;
        // How long uploads wait for decode memory: the first sign that the server is at capacity.
        metrics::histogram!("zige_decode_budget_wait_seconds", "outcome" => if permit.is_ok() { "reserved" } else { "busy" })
            .record(started.elapsed().as_secs_f64());
        let permit = permit
            .map_err(|_| AppError::Busy { retry_after_secs: self.wait.as_secs().max(1) * 2 })?
            .map_err(|e| crate::ssr::internal("decode budget", e))?;
        Ok(Reservation(permit.0, permit.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_decode_waits_for_memory_and_is_turned_away_when_none_frees_up() {
        let budget = DecodeBudget::new(100, 8, Duration::from_millis(50));
        let big = budget.reserve(80 * MIB).await.unwrap();
        let refused = budget.reserve(30 * MIB).await.err().unwrap();
        assert!(matches!(refused, AppError::Busy { .. }), "{refused:?}");
        assert!(budget.reserve(20 * MIB).await.is_ok(), "what fits beside it runs");
        drop(big);
        assert!(budget.reserve(30 * MIB).await.is_ok());
    }

    #[tokio::test]
    async fn a_decode_larger_than_the_budget_runs_alone() {
        let budget = DecodeBudget::new(100, 8, Duration::from_millis(50));
        let alone = budget.reserve(400 * MIB).await.unwrap();
        assert!(budget.reserve(MIB).await.is_err());
        drop(alone);
    }

    #[tokio::test]
    async fn no_more_decodes_run_than_there_are_cores() {
        let budget = DecodeBudget::new(100, 1, Duration::from_millis(50));
        let running = budget.reserve(MIB).await.unwrap();
        assert!(matches!(budget.reserve(MIB).await, Err(AppError::Busy { .. })), "memory is left, no core");
        drop(running);
        assert!(budget.reserve(MIB).await.is_ok());
    }
}
