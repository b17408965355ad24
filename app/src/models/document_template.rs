//! An exam's document template as its administration page shows it.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;
use crate::domain::document_kind::DocumentKind;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateView {
    pub kind: DocumentKind,
    /// The Typst source the exam's documents are laid out with.
    pub source: String,
    /// When and by whom ("赵管理 (4403**********456X)") an administrator saved it; none while the
    /// exam uses the template shipped with Zige.
    pub saved: Option<(ChinaTime, String)>,
    /// The data a template reads as `sys.inputs`, filled for a made-up candidate (pretty JSON).
    pub sample_inputs: String,
}
