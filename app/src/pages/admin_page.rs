//! 考试管理 (administrators only): every exam with its phase and candidates per state; create an
//! exam from a shipped preset or from an exam file written from scratch.

use leptos::prelude::*;

use crate::api::admin::{admin_create_exam, admin_overview, admin_presets};
use crate::api::server_resource::server_resource;
use crate::components::accounts_panel::AccountsPanel;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::components::reviewers_panel::ReviewersPanel;
use crate::components::set_aside_accounts::SetAsideAccounts;
use crate::components::state_counts::StateCounts;
use crate::components::undelivered_messages::UndeliveredMessages;
use crate::i18n::{tr, use_lang};
use crate::models::exam::phase_label;

#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    let refresh = RwSignal::new(0u32);
    let overview = server_resource(move || refresh.get(), |_| admin_overview());
    let presets = server_resource(|| (), |_| admin_presets());
    let preset = RwSignal::new(String::new());
    let new_code = RwSignal::new(String::new());
    let scratch = RwSignal::new(String::new());
    let navigate = leptos_router::hooks::use_navigate();
    let create = Action::new(move |from_preset: &bool| {
        let (from_preset, navigate) = (*from_preset, navigate.clone());
        async move {
            let preset = from_preset.then(|| preset.get_untracked());
            let outcome = admin_create_exam(preset, new_code.get_untracked().into(), scratch.get_untracked()).await;
            if let Ok(code) = &outcome {
                refresh.update(|v| *v += 1);
                navigate(&format!("/admin/exams/{code}"), Default::default());
            }
            outcome
        }
    });

    view! {
        <h1>{tr("考试管理", "Exam administration")}</h1>
        <p><a href="/admin/audit">{tr("审计日志", "Audit log")}</a>" · "<a href="/review">{tr("材料审核", "Review")}</a></p>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(rows) => {
                        let exams: Vec<_> = rows.iter().map(|r| r.exam.clone()).collect();
                        view! {
                        <table class="admin-table">
                            <thead><tr>
                                <th>{tr("代码", "Code")}</th><th>{tr("考试", "Exam")}</th><th>{tr("阶段", "Phase")}</th>
                                <th>{tr("上传时间", "Upload window")}</th><th>{tr("考生状态", "Candidates by state")}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| {
                                    let (pz, pe) = phase_label(row.phase);
                                    let href = format!("/admin/exams/{}", row.exam.code);
                                    let exam = row.exam.clone();
                                    view! {
                                        <tr data-exam=row.exam.code.to_string()>
                                            <td><a href=href>{row.exam.code.to_string()}</a></td>
                                            <td>{move || lang.get().pick(exam.title_zh.clone(), exam.title_en.clone())}</td>
                                            <td>{tr(pz, pe)}</td>
                                            <td><ChinaTimeText at=row.opens_at.clone()/>" – "<ChinaTimeText at=row.closes_at.clone()/></td>
                                            <td><StateCounts counts=row.counts.clone()/></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <ReviewersPanel exams/>
                        <AccountsPanel/>
                        <SetAsideAccounts/>
                        <UndeliveredMessages/>
                    }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>

        <section class="card" aria-labelledby="create-title">
            <h2 id="create-title">{tr("从预设创建考试", "Create an exam from a preset")}</h2>
            <div class="form">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let options = presets.await.unwrap_or_default();
                        view! {
                            <label>
                                {tr("预设", "Preset")}
                                <select name="preset" prop:value=preset on:change=move |ev| {
                                    let chosen = event_target_value(&ev);
                                    new_code.set(format!("{chosen}-new"));
                                    preset.set(chosen);
                                }>
                                    <option value="">{tr("请选择", "Choose")}</option>
                                    {options.into_iter().map(|p| {
                                        let label = format!("{} {}", p.code, p.title_zh);
                                        view! { <option value=p.code.clone()>{label}</option> }
                                    }).collect_view()}
                                </select>
                            </label>
                        }
                    })}
                </Transition>
                <label>
                    {tr("新考试代码", "New exam code")}
                    <input name="code" type="text" prop:value=new_code on:input=move |ev| new_code.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="button" disabled=move || preset.get().is_empty() || create.pending().get() on:click=move |_| { create.dispatch(true); }>
                    {tr("创建", "Create")}
                </button>
            </div>
        </section>
        <section class="card" aria-labelledby="scratch-title">
            <h2 id="scratch-title">{tr("从零创建（考试配置文件）", "Create from scratch (exam file)")}</h2>
            <p class="muted">{tr("按 exams/ 目录中预设的格式书写 TOML；每处错误都会标明行号。", "Write TOML in the format of the presets in exams/; every mistake is reported with its line.")}</p>
            <textarea class="code" rows="12" name="source" aria-labelledby="scratch-title" prop:value=scratch on:input=move |ev| scratch.set(event_target_value(&ev))></textarea>
            <button type="button" class="button" disabled=move || scratch.get().trim().is_empty() || create.pending().get() on:click=move |_| { create.dispatch(false); }>
                {tr("创建", "Create")}
            </button>
        </section>
        {move || create.value().get().and_then(Result::err).map(|error| view! { <ErrorNote error/> })}
    }
    .into_any()
}
