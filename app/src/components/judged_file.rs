//! A picture the candidate chose, read and judged in the browser and not sent yet, and the page's
//! store of them (one choice per upload form, `offline::chosen_files`; a choice may hold several
//! files, in the order they will be sent).

use leptos::prelude::*;

use crate::components::photo_fix::FitReport;
use crate::domain::FileVerdict;
use crate::offline::chosen_files::ChosenFiles;

/// The files chosen on the page and not sent yet, by form, each form's in the order they will be
/// sent; provided by the page that holds the forms (a form without one keeps its own).
pub type PageChoices = RwSignal<ChosenFiles<Vec<Judged>>>;

/// A file read and judged in the browser, waiting for the candidate to press upload.
#[derive(Clone)]
pub struct Judged {
    pub name: String,
    /// The picture alone (`picture_alone`): what is judged and what is sent.
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// What was done to the file before judging (a motion photo's video cut off, HEIC made JPEG).
    pub cut_note: Option<(String, String)>,
    /// What the photo tool did, with the before and after previews, when it made these bytes.
    pub fitted: Option<FitReport>,
    pub verdict: FileVerdict,
}

/// The same chosen file: the same bytes in memory (each choice, and each photo tool's result, reads
/// new ones), so a form drawn again is not told its choice changed.
impl PartialEq for Judged {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.bytes, &other.bytes) && self.name == other.name
    }
}
