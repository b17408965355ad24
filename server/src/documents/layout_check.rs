//! The server's side of `app::ssr::infra::document_layout`: a template an administrator saves is
//! laid out with Typst for the sample candidate first, so a broken one is refused with its line
//! (and a 报名登记表 or 介绍信 that would not fit on one page is refused too) before any candidate meets it.

use async_trait::async_trait;
use serde_json::Value;

use app::domain::document_kind::DocumentKind;
use app::domain::ExamDefinition;
use app::error::AppError;
use app::ssr::infra::clock::Clock;
use app::ssr::infra::document_layout::DocumentLayout;

use super::font_cell::FontCell;
use super::render::lay_out;
use super::samples::sample;

pub struct TypstLayouts {
    pub fonts: FontCell,
    pub clock: std::sync::Arc<dyn Clock>,
}

#[async_trait]
impl DocumentLayout for TypstLayouts {
    fn sample_inputs(&self, kind: DocumentKind, exam: &ExamDefinition) -> Value {
        sample(kind, exam, &self.clock.now()).map(|(data, _)| data).unwrap_or(Value::Null)
    }

    async fn check(
        &self,
        kind: DocumentKind,
        exam: &ExamDefinition,
        source: &str,
    ) -> Result<Result<(), Vec<String>>, AppError> {
        let (data, files) = sample(kind, exam, &self.clock.now()).ok_or(AppError::NotFound)?;
        Ok(match lay_out(&self.fonts, source.to_string(), data, files).await? {
            Err(mistakes) => Err(mistakes.split("; ").map(str::to_string).collect()),
            Ok((_, pages)) if kind.fits_one_page() && pages > 1 => Err(vec![format!(
                "the sample candidate's {} takes {pages} pages; it must fit on one A4 page (不得跨页打印)",
                kind.name_en().to_lowercase()
            )]),
            Ok(_) => Ok(()),
        })
    }
}
