//! One exam's administration: candidates per state, the time windows, the eligibility list
//! (pasted, CSV or .xlsx, bad rows reported by line) with its texts and own days, fees and seats, the documents' templates, and the
//! exam file itself.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::admin::{admin_exam_detail, admin_save_exam, admin_set_windows};
use crate::api::server_resource::server_resource;
use crate::components::eligibility_import::EligibilityImport;
use crate::components::error_note::ErrorNote;
use crate::components::fee_admin_panel::FeeAdminPanel;
use crate::components::listed_candidates_panel::ListedCandidatesPanel;
use crate::components::on_site_progress_panel::OnSiteProgressPanel;
use crate::components::personal_data_panel::PersonalDataPanel;
use crate::components::progress_chart::ProgressChart;
use crate::components::seat_panel::SeatPanel;
use crate::components::similar_pairs_panel::SimilarPairsPanel;
use crate::components::state_counts::StateCounts;
use crate::components::template_panel::TemplatePanel;
use crate::domain::document_kind::DocumentKind;
use crate::domain::record_ids::ExamCode;
use crate::domain::ExamWindows;
use crate::i18n::{tr, use_lang};
use crate::models::{admin::AdminExamPage, exam::phase_label};

#[component]
pub fn AdminExamPageView() -> impl IntoView {
    let params = use_params_map();
    let code = move || ExamCode::from(params.read().get("code").unwrap_or_default());
    let refresh = RwSignal::new(0u32);
    let detail = server_resource(move || (code(), refresh.get()), |(code, _)| admin_exam_detail(code));
    let on_saved = Callback::new(move |_| refresh.update(|v| *v += 1));
    // What was saved last: kept here, outside the editor its data makes again after each save, so
    // 时间已保存 still stands once the page has the saved data.
    let saved = RwSignal::new(None::<&'static str>);
    view! {
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <AdminExamEditor detail on_saved saved/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn AdminExamEditor(
    detail: AdminExamPage,
    on_saved: Callback<()>,
    saved: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let lang = use_lang();
    let code = detail.row.exam.code.clone();
    let (pz, pe) = phase_label(detail.row.phase);
    let exam = detail.row.exam.clone();
    let windows = detail.windows_local.clone().map(RwSignal::new);
    let source = RwSignal::new(detail.source.clone());

    let save_windows = Action::new({
        let code = code.clone();
        move |_: &()| {
            let code = code.clone();
            let values = windows.map(|w| w.get_untracked());
            async move {
                let outcome = admin_set_windows(code, values).await;
                if outcome.is_ok() {
                    saved.set(Some("windows"));
                    on_saved.run(());
                }
                outcome
            }
        }
    });
    let save_source = Action::new({
        let code = code.clone();
        move |_: &()| {
            let code = code.clone();
            async move {
                let outcome = admin_save_exam(code, source.get_untracked()).await;
                if outcome.is_ok() {
                    saved.set(Some("source"));
                    on_saved.run(());
                }
                outcome
            }
        }
    });
    const LABELS: [(&str, &str); 4] = [
        ("上传开始", "Upload opens"),
        ("上传截止", "Upload closes"),
        ("审核截止", "Review closes"),
        ("结果公布", "Results published"),
    ];

    let (xlsx_url, csv_url) =
        (format!("/api/admin/exams/{}/results.xlsx", exam.code), format!("/api/admin/exams/{}/results.csv", exam.code));
    let progress_code = exam.code.clone();
    view! {
        <p><a href="/admin">{tr("← 考试管理", "← Exam administration")}</a></p>
        <h1>{move || lang.get().pick(format!("{} {}", exam.code, exam.title_zh), format!("{} {}", exam.code, exam.title_en))}</h1>
        <p class="exam-status"><span class="badge phase">{tr(pz, pe)}</span></p>
        <section class="card" aria-labelledby="counts-title">
            <h2 id="counts-title">{tr("考生状态", "Candidates by state")}</h2>
            <StateCounts counts=detail.row.counts.clone()/>
            <p class="exports">
                {tr("导出审核结果：", "Export results: ")}
                <a href=xlsx_url download="">"Excel (.xlsx)"</a>" · "
                <a href=csv_url download="">"CSV"</a>
            </p>
            <ExamProgress code=progress_code/>
            {detail.row.eligibility.keeps_a_list().then(|| {
                let n = detail.row.on_list;
                view! { <p class="muted">{move || lang.get().pick(format!("名单内考生 {n} 人"), format!("{n} candidates on the list"))}</p> }
            })}
        </section>
        <section class="card" aria-labelledby="windows-title">
            // The windows are typed on the exam's own clock: China's for every exam in China.
            <h2 id="windows-title">{move || match detail.offset.as_str() {
                "+08:00" => lang.get().pick("时间安排（北京时间）".to_string(), "Time windows (Beijing time)".to_string()),
                offset => lang.get().pick(format!("时间安排（UTC{offset}）"), format!("Time windows (UTC{offset})")),
            }}</h2>
            <div class="form">
                {(0..4).map(|i| view! {
                    <label>
                        {tr(LABELS[i].0, LABELS[i].1)}
                        <input type="datetime-local" name=ExamWindows::KEYS[i] prop:value=windows[i] on:input=move |ev| windows[i].set(event_target_value(&ev))/>
                    </label>
                }).collect_view()}
                <button type="button" class="button" disabled=move || save_windows.pending().get() on:click=move |_| { save_windows.dispatch(()); }>{tr("保存时间", "Save windows")}</button>
            </div>
            {move || save_windows.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error/> })}
            {move || (saved.get() == Some("windows")).then(|| view! { <p class="ok" role="status" data-testid="windows-saved">{tr("时间已保存", "Windows saved")}</p> })}
        </section>
        {detail.row.eligibility.keeps_a_list().then(|| {
            let listed_refresh = RwSignal::new(0u32);
            view! {
                <EligibilityImport code=code.clone() on_imported=Callback::new(move |_| listed_refresh.update(|v| *v += 1))/>
                <ListedCandidatesPanel code=code.clone() refresh=listed_refresh/>
            }
        })}
        {detail.fee.clone().map(|fee| view! { <FeeAdminPanel code=code.clone() fee today=detail.today.clone()/> })}
        {detail.documents.contains(&DocumentKind::MaterialHandover).then(|| view! { <OnSiteProgressPanel code=code.clone()/> })}
        {detail.tickets.then(|| view! { <SeatPanel code=code.clone()/> })}
        <crate::components::scores_panel::ScoresPanel code=code.clone()/>
        <TemplatePanel code=code.clone() documents=detail.documents.clone()/>
        <PersonalDataPanel code=code.clone()/>
        <SimilarPairsPanel code=code.clone()/>
        <ExampleUpload code=code.clone()/>
        <section class="card" aria-labelledby="source-title">
            <h2 id="source-title">{tr("考试配置文件", "Exam file")}</h2>
            <p class="muted">{tr("材料类别、规则、示例、个人信息表和职位都在这里修改；保存前会完整检查。", "Categories, rules, examples, the personal form and positions are edited here; the whole file is checked before it is saved.")}</p>
            <textarea class="code" rows="24" name="source" aria-labelledby="source-title" prop:value=source on:input=move |ev| source.set(event_target_value(&ev))></textarea>
            <button type="button" class="button" disabled=move || save_source.pending().get() on:click=move |_| { save_source.dispatch(()); }>{tr("保存配置", "Save exam file")}</button>
            {move || save_source.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error/> })}
            {move || (saved.get() == Some("source")).then(|| view! { <p class="ok" role="status">{tr("配置已保存", "Exam file saved")}</p> })}
        </section>
    }
    .into_any()
}

/// 上传示例 for administrators: a plain form (works without scripts); the server answers by
/// coming back here with the outcome in the query.
#[component]
fn ExampleUpload(code: ExamCode) -> impl IntoView {
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map();
    let added = move || query.read().get("example_added");
    let error = move || {
        query.read().get("example_error_zh").map(|zh| (zh, query.read().get("example_error_en").unwrap_or_default()))
    };
    view! {
        <section class="card" aria-labelledby="examples-title">
            <h2 id="examples-title">{tr("示例图片", "Example pictures")}</h2>
            <p class="muted">{tr(
                "上传后，在配置文件某一类别的 examples 中写上 file = \"examples/文件名\" 即可让考生看到。",
                "After uploading, name it in a category's examples as file = \"examples/<name>\" for candidates to see it.",
            )}</p>
            <form class="form" method="post" enctype="multipart/form-data" action=format!("/api/admin/exams/{code}/examples")>
                <label>{tr("图片（JPEG 或 PNG，不超过 2 MB）", "Picture (JPEG or PNG, up to 2 MB)")}<input type="file" name="file" accept="image/jpeg,image/png"/></label>
                <label>{tr("文件名（可不填，默认用原文件名）", "File name (optional; the file's own name by default)")}<input type="text" name="name" placeholder="id-card-front.jpg"/></label>
                <button type="submit" class="button">{tr("上传示例", "Upload example")}</button>
            </form>
            {move || added().map(|file| view! {
                <p class="ok" role="status" data-testid="example-added">{move || lang.get().pick(format!("已添加 {file}"), format!("Added {file}"))}</p>
            })}
            {move || error().map(|(zh, en)| view! { <p class="error" role="alert">{move || lang.get().pick(zh.clone(), en.clone())}</p> })}
        </section>
    }
    .into_any()
}

/// The progress chart, loaded on its own so the page does not wait for it.
#[component]
fn ExamProgress(code: ExamCode) -> impl IntoView {
    let progress = server_resource(move || code.clone(), crate::api::admin::admin_exam_progress);
    view! {
        <h3>{tr("进度", "Progress")}</h3>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match progress.await {
                    Ok(progress) => view! { <ProgressChart progress/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
