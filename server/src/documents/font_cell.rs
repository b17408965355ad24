//! The document fonts, loaded on first use (60 MB of Noto CJK that a server printing nothing need
//! not read); a missing font folder is said on every request until it is installed. And the
//! permits to lay out: Typst is CPU work, so no more documents at once than the machine has cores,
//! and a crowd waits its turn briefly, then hears "busy" instead of stalling every other request.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OnceCell, OwnedSemaphorePermit, Semaphore};

use app::error::AppError;

use super::fonts::DocumentFonts;

#[derive(Clone)]
pub struct FontCell {
    pub dir: PathBuf,
    pub fonts: Arc<OnceCell<Arc<DocumentFonts>>>,
    pub layouts: Arc<Semaphore>,
}

/// How long a document waits for a free core before the answer is "busy, try again".
const LAYOUT_WAIT: Duration = Duration::from_secs(5);

impl FontCell {
    pub fn new(dir: PathBuf) -> FontCell {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        FontCell { dir, fonts: Arc::new(OnceCell::new()), layouts: Arc::new(Semaphore::new(cores)) }
    }

    pub async fn get(&self) -> Result<Arc<DocumentFonts>, AppError> {
        let dir = self.dir.clone();
        self.fonts
            .get_or_try_init(|| async move {
                tokio::task::spawn_blocking(move || DocumentFonts::load(&dir).map(Arc::new))
                    .await
                    .map_err(|e| e.to_string())?
            })
            .await
            .cloned()
            .map_err(|e| app::ssr::internal("document fonts", e))
    }

    /// A permit to lay out one document, held until it is done.
    pub async fn permit(&self) -> Result<OwnedSemaphorePermit, AppError> {
        match tokio::time::timeout(LAYOUT_WAIT, self.layouts.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(AppError::Busy { retry_after_secs: 2 }),
        }
    }
}
