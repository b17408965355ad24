use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::scores::ScoreImportReport;

/// 导入考试成绩 from rows pasted from Excel or WPS or typed as CSV: 证件号码, 姓名, 科目, 成绩, 合格线.
#[server(endpoint = "admin_import_scores", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_import_scores(code: ExamCode, rows: String) -> Result<ScoreImportReport, AppError> {
    use crate::ssr::{access::caller, admin::exam_scores};

    let (state, admin) = caller::admin().await?;
    exam_scores::import_scores(&state, &admin, &code, exam_scores::sheet_from_text(&rows)).await
}
