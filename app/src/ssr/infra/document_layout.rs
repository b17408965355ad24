//! Laying documents out is the server binary's (Typst, fonts); the administrator's pages only need
//! to know whether a template they are saving works. The server implements this and puts it in
//! `ServerState`, so this crate never links Typst.

use async_trait::async_trait;

use crate::domain::document_kind::DocumentKind;
use crate::domain::ExamDefinition;
use crate::error::AppError;

#[async_trait]
pub trait DocumentLayout: Send + Sync {
    /// What a template of `kind` reads as `sys.inputs`, filled for a made-up candidate of `exam`:
    /// shown to administrators beside the template, and what `check` lays out.
    fn sample_inputs(&self, kind: DocumentKind, exam: &ExamDefinition) -> serde_json::Value;

    /// Lays `source` out for `exam` with sample data (a made-up candidate who filled every field):
    /// `Ok(Err(mistakes))` names each mistake, with its line where the template has one.
    async fn check(
        &self,
        kind: DocumentKind,
        exam: &ExamDefinition,
        source: &str,
    ) -> Result<Result<(), Vec<String>>, AppError>;
}
