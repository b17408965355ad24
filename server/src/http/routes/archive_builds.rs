//! Who may have their data archive written now (`my_data`): at most `archive_builds_at_once`
//! archives are written by this server at a time, each into a temporary file in the data folder
//! (on disk, not in memory: an archive may be gigabytes), within the configured size.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use app::error::AppError;
use app::ssr::candidate::data_archive::ArchiveLimits;

use crate::config::Config;

/// How long a person told the server is busy writing archives waits before asking again.
const BUSY_RETRY_SECS: u64 = 30;

#[derive(Clone)]
pub struct ArchiveBuilds {
    builds: Arc<Semaphore>,
    pub limits: ArchiveLimits,
    folder: PathBuf,
}

impl ArchiveBuilds {
    pub fn new(config: &Config) -> ArchiveBuilds {
        ArchiveBuilds {
            builds: Arc::new(Semaphore::new(config.archive_builds_at_once.max(1) as usize)),
            limits: ArchiveLimits {
                max_files: config.archive_max_files as usize,
                max_bytes: config.archive_max_mb.saturating_mul(1024 * 1024),
            },
            folder: config.data_dir.join("archives"),
        }
    }

    /// A turn to write one archive, or 503 at once when every turn is taken.
    pub fn enter(&self) -> Result<OwnedSemaphorePermit, AppError> {
        self.builds.clone().try_acquire_owned().map_err(|_| AppError::Busy { retry_after_secs: BUSY_RETRY_SECS })
    }

    /// A temporary file with no name, gone when it is closed (also if the process dies).
    pub fn temporary_file(&self) -> Result<std::fs::File, AppError> {
        std::fs::create_dir_all(&self.folder)
            .and_then(|()| tempfile::tempfile_in(&self.folder))
            .map_err(|e| app::ssr::internal("data archive temporary file", e))
    }
}
