//! The reviewer's assistant's share of the server's state: what wakes it, the hashes it compares
//! new pictures with, and the tesseract it reads ID numbers with. Apart from the worker
//! (`picture_assistant`), which needs the whole server state, so the state can hold this.

use std::path::PathBuf;

use tokio::sync::{Mutex, MutexGuard, Notify};

use crate::ssr::infra::assistant_port::AssistantPort;
use crate::ssr::infra::server_state::ServerState;

use crate::ssr::assistant::picture_hashes::PictureHashes;

/// One per server: what wakes it, the hashes it compares new pictures with, and the tesseract
/// it reads ID numbers with (none: no number is read).
#[derive(Default)]
pub struct PictureAssistant {
    wake: Notify,
    hashes: Mutex<PictureHashes>,
    tesseract: Option<PathBuf>,
}

impl PictureAssistant {
    pub fn new(tesseract: Option<PathBuf>) -> PictureAssistant {
        PictureAssistant { tesseract, ..Default::default() }
    }

    /// Until a picture is stored.
    pub async fn woken(&self) {
        self.wake.notified().await
    }

    /// The hashes, held while a new picture is compared and recorded.
    pub async fn hashes(&self) -> MutexGuard<'_, PictureHashes> {
        self.hashes.lock().await
    }

    /// None: no number is read on this server.
    pub fn tesseract(&self) -> Option<PathBuf> {
        self.tesseract.clone()
    }
}

impl AssistantPort for PictureAssistant {
    fn wake(&self) {
        self.wake.notify_one();
    }

    fn itself(&self) -> &(dyn std::any::Any + Send + Sync) {
        self
    }
}

/// The assistant the server state holds; None where it holds another behind the port (no server
/// does: the state is made with this one).
pub fn of(state: &ServerState) -> Option<&PictureAssistant> {
    state.assistant.itself().downcast_ref()
}

/// The tesseract the assistant reads numbers and words with; None where this server has none.
pub fn tesseract_of(state: &ServerState) -> Option<PathBuf> {
    of(state).and_then(PictureAssistant::tesseract)
}
