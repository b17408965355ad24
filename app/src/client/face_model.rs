//! The face detector's model in the browser: fetched from the site (`public/face/`, 1.2 MB, kept
//! by the offline copy) the first time an ID photo is chosen on a page, read once, and kept for
//! the page's later photos.

use std::cell::RefCell;
use std::rc::Rc;

use super::xhr_upload::fetch_site_file;
use crate::domain::face_finder::{FaceFinder, FACE_MODEL_PATH};

thread_local! {
    static FINDER: RefCell<Option<Rc<FaceFinder>>> = const { RefCell::new(None) };
}

/// The detector, or None when its model cannot be fetched (offline before it ever was).
pub async fn face_finder() -> Option<Rc<FaceFinder>> {
    if let Some(finder) = FINDER.with_borrow(|kept| kept.clone()) {
        return Some(finder);
    }
    let (status, bytes) = fetch_site_file(FACE_MODEL_PATH).await.ok()?;
    if status != 200 {
        return None;
    }
    let finder = Rc::new(FaceFinder::from_model(&bytes)?);
    FINDER.with_borrow_mut(|kept| *kept = Some(finder.clone()));
    Some(finder)
}
