//! 我的考试: the exams a signed-in candidate may enter, with their phase, the next deadline and
//! where the candidate's application stands.

use leptos::prelude::*;

use crate::api::list_exams;
use crate::api::server_resource::server_resource;
use crate::components::bilingual_note::BilingualNote;
use crate::components::error_note::ErrorNote;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::island_in_chunk::island_in_chunk;
use crate::island_page::provide_island_contexts;
use crate::models::exam::{phase_label, state_label};

/// The route's view: the candidate's menu, server-rendered, over the page's island.
#[component]
pub fn HomePageView() -> impl IntoView {
    view! {
        <crate::components::candidate_menu::CandidateMenu current="/"/>
        <HomePage/>
    }
}

island_in_chunk! {
    /// An island: the page's code, live without the app around it (`island_page`), in a chunk of
    /// its own (`island_in_chunk`).
    pub fn HomePage => content, chunk home_page
}

/// The island's content.
fn content() -> impl IntoView {
    provide_island_contexts();
    let lang = use_lang();
    let exams = server_resource(|| (), |_| list_exams());

    view! {
        <h1>{tr("我的考试", "My exams")}</h1>
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match exams.await {
                    Ok(list) if list.is_empty() => view! { <p>{tr("暂无可参加的考试", "No exams open to you")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="exam-list">
                            {list.into_iter().map(|card| {
                                let exam = card.exam.clone();
                                let href = format!("/exams/{}", exam.code);
                                let (phase_zh, phase_en) = phase_label(card.phase);
                                let (state, lapsed) = (card.state, card.lapsed);
                                let deadline = card.next_deadline.clone();
                                let (own_days, registered_as) = (card.own_days.clone(), card.registered_as.clone());
                                let (helpline, id_validity) = (card.helpline.clone(), card.id_validity.clone());
                                view! {
                                    <li class="card exam-card" data-exam=exam.code.to_string()>
                                        <h2>{move || lang.get().pick(exam.title_zh.clone(), exam.title_en.clone())}</h2>
                                        <p class="muted">{move || lang.get().pick(exam.organiser_zh.clone(), exam.organiser_en.clone())}</p>
                                        <p class="exam-status">
                                            <span class="badge phase">{tr(phase_zh, phase_en)}</span>
                                            <span class="badge state">{ let (zh, en) = state_label(state, lapsed); tr(zh, en) }</span>
                                        </p>
                                        {deadline.map(|(which, at)| view! {
                                            <p class="deadline">{move || lang.get().pick(format!("{}：{}", which.label_zh(), at.zh()), format!("{}: {}", which.label_en(), at.en()))}</p>
                                        })}
                                        {registered_as.map(|words| view! { <BilingualNote words class="muted" testid="registered-as"/> })}
                                        {own_days.map(|words| view! { <BilingualNote words class="notice" testid="own-days"/> })}
                                        {id_validity.map(|words| view! { <BilingualNote words class="notice" testid="id-validity"/> })}
                                        {helpline.map(|words| view! { <BilingualNote words class="muted helpline" testid="helpline"/> })}
                                        <a class="button" href=href>{tr("进入考试", "Enter exam")}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::NotSignedIn) => view! {
                        <p>{tr("请先登录或注册。", "Please log in or sign up.")}</p>
                        <p class="actions">
                            <a class="button" href="/login">{tr("登录", "Log in")}</a>
                            <a class="button secondary" href="/signup">{tr("注册", "Sign up")}</a>
                        </p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
