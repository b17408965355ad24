//! 导入考生名单 on an exam's administration page: rows pasted from Excel or WPS (tabs) or typed as
//! CSV, or an Excel workbook (.xlsx) chosen from the disk; either way good rows are imported and
//! every bad row is listed with its line.

use base64::Engine;
use leptos::prelude::*;

use crate::api::admin::{admin_import_eligibility, admin_import_eligibility_sheet};
use crate::client::read_chosen_file;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::listed_candidates::EligibilityReport;

/// Where the rows come from.
#[derive(Clone)]
enum ListSource {
    Text(String),
    /// An .xlsx workbook's bytes as base64.
    Workbook(String),
}

#[component]
pub fn EligibilityImport(code: ExamCode, on_imported: Callback<()>) -> impl IntoView {
    let rows = RwSignal::new(String::new());
    let import = Action::new(move |source: &ListSource| {
        let (code, source) = (code.clone(), source.clone());
        async move {
            let outcome = match source {
                ListSource::Text(text) => admin_import_eligibility(code, text).await,
                ListSource::Workbook(base64) => admin_import_eligibility_sheet(code, base64).await,
            };
            if outcome.is_ok() {
                on_imported.run(());
            }
            outcome
        }
    });
    let on_workbook = move |ev: leptos::ev::Event| {
        leptos::task::spawn_local(async move {
            if let Some(file) = read_chosen_file(&ev).await {
                import.dispatch(ListSource::Workbook(base64::engine::general_purpose::STANDARD.encode(&file.bytes)));
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="list-title">
            <h2 id="list-title">{tr("导入考生名单", "Import the candidate list")}</h2>
            <p class="muted">{tr(
                "每行：证件号码、姓名、手机号码（用于发送通知短信，可不填）。可从 Excel 或 WPS 直接复制粘贴，也可用逗号分隔（CSV），可带标题行；或上传 Excel 文件（.xlsx，第一个工作表，A–C 列）。正确的行会导入，错误的行逐行列出。",
                "One row per candidate: ID number, name and mobile number (for the text telling them; may be left out). Paste straight from Excel or WPS, or separate with commas (CSV); a header row is allowed. Or upload an Excel file (.xlsx, its first sheet, columns A–C). Good rows are imported; bad rows are listed by line.",
            )}</p>
            <textarea class="code" rows="6" name="csv" aria-labelledby="list-title" prop:value=rows on:input=move |ev| rows.set(event_target_value(&ev))></textarea>
            <button type="button" class="button" disabled=move || rows.get().trim().is_empty() || import.pending().get() on:click=move |_| { import.dispatch(ListSource::Text(rows.get_untracked())); }>{tr("导入", "Import")}</button>
            <label class="file-choice">{tr("或上传 Excel 文件（.xlsx）：", "Or upload an Excel file (.xlsx): ")}
                <input type="file" name="eligibility_xlsx" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled=move || import.pending().get() on:change=on_workbook/>
            </label>
            {move || import.value().get().map(|outcome: Result<EligibilityReport, AppError>| match outcome {
                Ok(report) => view! { <ImportReport report/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn ImportReport(report: EligibilityReport) -> impl IntoView {
    let lang = use_lang();
    let (accepted, total, rejected) = (report.accepted, report.total_on_list, report.problems.len());
    view! {
        <div class="import-report" data-testid="import-report">
            <p role="status">{move || lang.get().pick(
                format!("导入 {accepted} 行，名单内共 {total} 人；{rejected} 行有误："),
                format!("{accepted} rows imported, {total} on the list; {rejected} rows rejected:"),
            )}</p>
            <ul>{report.problems.into_iter().map(|(line, zh, en)| view! {
                <li>{move || lang.get().pick(format!("第 {line} 行：{zh}"), format!("Line {line}: {en}"))}</li>
            }).collect_view()}</ul>
        </div>
    }
}
