//! Full decodes hold the whole picture in memory (a 50-megapixel scan takes about 400 MB), so
//! the memory all decodes in flight may take together is bounded: an upload reserves what its
//! decode needs before it starts, waits while others finish, and is told to come back (503 with
//! Retry-After) when nothing frees up in time. A flood of uploads queues; it never takes the
//! server down. No more decodes run at once than the machine has cores: a decode is pure CPU,
//! and thirty of them sharing two cores only finish later, each holding its memory longer
//! (the server's memory grew to 2.4 GB under deadline night's load before this). Work that can
//! wait (the reviewer's assistant) runs only once uploads have been quiet a while (`is_quiet`).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use crate::error::AppError;

const MIB: u64 = 1024 * 1024;

/// The most memory a full decode of a picture of `pixels` may take: 4 bytes per pixel for
/// CMYK/RGBA, 16-bit PNG doubles it, plus working room. An upload's decoder is held to it
/// (`candidate::upload_check`), and so is the assistant's, for a picture stored earlier.
pub fn decode_memory_for_pixels(pixels: u64) -> u64 {
    pixels * 8 + 16 * MIB
}

pub struct DecodeBudget {
    megabytes: Arc<Semaphore>,
    total_megabytes: u32,
    cores: Arc<Semaphore>,
    at_once: usize,
    wait: Duration,
    /// When an upload's decode last ended (or the server started).
    last_upload: Arc<Mutex<Instant>>,
}

/// Memory and a core reserved for one decode; given back when dropped, and then, for an upload's,
/// the time noted.
pub struct Reservation {
    _memory: OwnedSemaphorePermit,
    _core: OwnedSemaphorePermit,
    upload_ended: Option<Arc<Mutex<Instant>>>,
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if let Some(last_upload) = &self.upload_ended {
            *last_upload.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
        }
    }
}

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
            last_upload: Arc::new(Mutex::new(Instant::now())),
        }
    }

    /// Whether no decode is running and no upload's decode has ended for `quiet`: work that can
    /// wait (the reviewer's assistant) starts only then. Between two uploads of a flood the
    /// budget is idle for moments; a look started in one would take a core from the next upload.
    pub fn is_quiet(&self, quiet: Duration) -> bool {
        let idle = self.cores.available_permits() == self.at_once;
        idle && self.last_upload.lock().unwrap_or_else(PoisonError::into_inner).elapsed() >= quiet
    }

    /// Reserves `bytes` of decode memory for an upload (a decode larger than the whole budget runs
    /// alone).
    pub async fn reserve(&self, bytes: u64) -> Result<Reservation, AppError> {
        let mut reservation = self.reserve_in_background(bytes).await?;
        reservation.upload_ended = Some(self.last_upload.clone());
        Ok(reservation)
    }

    /// As [`reserve`](Self::reserve), for work that can wait: its end does not count as an
    /// upload's.
    pub async fn reserve_in_background(&self, bytes: u64) -> Result<Reservation, AppError> {
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
        Ok(Reservation { _memory: permit.0, _core: permit.1, upload_ended: None })
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
    async fn background_work_waits_until_uploads_have_been_quiet_a_while() {
        let budget = DecodeBudget::new(100, 2, Duration::from_millis(50));
        let quiet = Duration::from_millis(100);
        tokio::time::sleep(quiet).await;
        assert!(budget.is_quiet(quiet));
        let upload = budget.reserve(MIB).await.unwrap();
        assert!(!budget.is_quiet(quiet), "an upload is being decoded");
        drop(upload);
        assert!(!budget.is_quiet(quiet), "an upload has just ended: the next may come");
        tokio::time::sleep(quiet).await;
        assert!(budget.is_quiet(quiet));
        drop(budget.reserve_in_background(MIB).await.unwrap());
        assert!(budget.is_quiet(quiet), "the assistant's own looks do not hold it back");
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
