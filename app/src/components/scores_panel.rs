//! 考试成绩 on an exam's administration page: import the score sheet (rows pasted from Excel or WPS,
//! CSV, or an .xlsx workbook) — taken whole, or not at all with every bad row listed — and set when
//! candidates see their scores.

use base64::Engine;
use leptos::prelude::*;

use crate::api::admin::{admin_import_scores, admin_import_scores_sheet, admin_scores, admin_set_score_release};
use crate::api::server_resource::server_resource;
use crate::client::read_chosen_file;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::scores::{ScoreImportReport, ScoresStatus};

/// Where the rows come from.
#[derive(Clone)]
enum SheetSource {
    Text(String),
    /// An .xlsx workbook's bytes as base64.
    Workbook(String),
}

#[component]
pub fn ScoresPanel(code: ExamCode) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let status = {
        let code = code.clone();
        server_resource(move || (code.clone(), refresh.get()), |(code, _)| admin_scores(code))
    };
    let rows = RwSignal::new(String::new());
    let import = {
        let code = code.clone();
        Action::new(move |source: &SheetSource| {
            let (code, source) = (code.clone(), source.clone());
            async move {
                let outcome = match source {
                    SheetSource::Text(text) => admin_import_scores(code, text).await,
                    SheetSource::Workbook(base64) => admin_import_scores_sheet(code, base64).await,
                };
                refresh.update(|v| *v += 1);
                outcome
            }
        })
    };
    let on_workbook = move |ev: leptos::ev::Event| {
        leptos::task::spawn_local(async move {
            if let Some(file) = read_chosen_file(&ev).await {
                import.dispatch(SheetSource::Workbook(base64::engine::general_purpose::STANDARD.encode(&file.bytes)));
            }
        });
    };
    let publishes_at = RwSignal::new(String::new());
    let release = Action::new(move |local: &String| {
        let (code, local) = (code.clone(), local.clone());
        async move {
            let outcome = admin_set_score_release(code, local).await;
            refresh.update(|v| *v += 1);
            outcome
        }
    });
    view! {
        <section class="card" aria-labelledby="scores-title">
            <h2 id="scores-title">{tr("考试成绩", "Scores")}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { status.await.map(|status| view! { <ScoresState status/> }) })}
            </Transition>
            <p class="muted">{tr(
                "每行：证件号码、姓名、科目、成绩（至多一位小数，或“缺考”）、合格线（可不填），每人每科一行，可带标题行；可从 Excel 或 WPS 直接粘贴，或上传 Excel 文件（.xlsx，第一个工作表，A–E 列）。有任何一行有误则整表不导入并逐行列出；导入后替换本考试原有的成绩。",
                "One row per candidate and subject: ID number, name, subject, score (one decimal at most, or 缺考 for absent) and pass mark (may be empty); a header row is allowed. Paste from Excel or WPS, or upload an Excel file (.xlsx, first sheet, columns A–E). If any row is wrong nothing is imported and every wrong row is listed; an import replaces the exam's scores.",
            )}</p>
            <textarea class="code" rows="6" name="scores" aria-labelledby="scores-title" prop:value=rows on:input=move |ev| rows.set(event_target_value(&ev))></textarea>
            <button type="button" class="button" disabled=move || rows.get().trim().is_empty() || import.pending().get() on:click=move |_| { import.dispatch(SheetSource::Text(rows.get_untracked())); }>{tr("导入成绩", "Import scores")}</button>
            <label class="file-choice">{tr("或上传 Excel 文件（.xlsx）：", "Or upload an Excel file (.xlsx): ")}
                <input type="file" name="scores_xlsx" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled=move || import.pending().get() on:change=on_workbook/>
            </label>
            {move || import.value().get().map(|outcome: Result<ScoreImportReport, AppError>| match outcome {
                Ok(report) => view! { <ImportReport report/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
            <div class="form">
                <label>{tr("成绩公布时间（北京时间）", "Scores published at (Beijing time)")}
                    <input type="datetime-local" name="publishes_at" prop:value=publishes_at on:input=move |ev| publishes_at.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="button secondary" disabled=move || publishes_at.get().is_empty() || release.pending().get() on:click=move |_| { release.dispatch(publishes_at.get_untracked()); }>{tr("保存公布时间", "Save the publication time")}</button>
            </div>
            {move || release.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error/> })}
        </section>
    }
}

#[component]
fn ScoresState(status: ScoresStatus) -> impl IntoView {
    let lang = use_lang();
    let (rows, candidates, published) = (status.rows, status.candidates, status.published);
    let when = status.publishes_at.clone();
    view! {
        <p data-testid="scores-state">{move || {
            let held = lang.get().pick(
                format!("已导入 {rows} 条成绩（{candidates} 人）"),
                format!("{rows} scores held ({candidates} candidates)"),
            );
            let release = match (&when, published) {
                (None, _) => lang.get().pick("；未设置公布时间，考生看不到".to_string(), "; no publication time set: candidates see nothing".to_string()),
                (Some(at), true) => lang.get().pick(format!("；已于 {} 公布", at.zh()), format!("; published since {}", at.en())),
                (Some(at), false) => lang.get().pick(format!("；将于 {} 公布", at.zh()), format!("; to be published at {}", at.en())),
            };
            format!("{held}{release}")
        }}</p>
    }
}

#[component]
fn ImportReport(report: ScoreImportReport) -> impl IntoView {
    let lang = use_lang();
    let (imported, candidates, refused) = (report.imported, report.candidates, report.problems.len());
    view! {
        <div class="import-report" data-testid="scores-report">
            <p role="status">{move || if refused == 0 {
                lang.get().pick(format!("已导入 {imported} 条成绩（{candidates} 人）"), format!("{imported} scores imported ({candidates} candidates)"))
            } else {
                lang.get().pick(format!("{refused} 行有误，整表未导入："), format!("{refused} rows are wrong; nothing was imported:"))
            }}</p>
            <ul>{report.problems.into_iter().map(|(line, zh, en)| view! {
                <li>{move || lang.get().pick(format!("第 {line} 行：{zh}"), format!("Line {line}: {en}"))}</li>
            }).collect_view()}</ul>
        </div>
    }
}
