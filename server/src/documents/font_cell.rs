//! The document fonts, loaded on first use (60 MB of Noto CJK that a server printing nothing need
//! not read; the server itself reads them only to find characters no font can print); a missing
//! font folder is said on every request until it is installed. Beside them, the render workers
//! that lay documents out (`render_pool`).

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::OnceCell;

use app::error::AppError;

use super::fonts::DocumentFonts;
use super::render_pool::RenderPool;

#[derive(Clone)]
pub struct FontCell {
    pub dir: PathBuf,
    pub fonts: Arc<OnceCell<Arc<DocumentFonts>>>,
    pub pool: RenderPool,
}

impl FontCell {
    pub fn new(dir: PathBuf, pool: RenderPool) -> FontCell {
        FontCell { dir, fonts: Arc::new(OnceCell::new()), pool }
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
}
