//! One exam, the candidate's whole journey: closed entrance (before opening, or not on the list),
//! the pledge, the requirements list, uploads per category, the uploaded list, the personal
//! form, the position, 暂存 and 提交审核, and view-only once locked or closed.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::exam_page;
use crate::api::server_resource::server_resource;
use crate::components::bilingual_note::BilingualNote;
use crate::components::countdown::Countdown;
use crate::components::error_note::ErrorNote;
use crate::components::exam_workspace::{Typing, Workspace};
use crate::components::judged_file::PageChoices;
use crate::components::pending_queue::PendingQueue;
use crate::components::pending_queue_notes::PendingQueueNotes;
use crate::components::pledge_panel::PledgePanel;
use crate::components::requirements_list::RequirementsList;
use crate::domain::personal_form::FormValues;
use crate::domain::record_ids::ExamCode;
use crate::domain::ApplicationState;
use crate::domain::ExamPhase;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::island_page::{address_path, in_islands_mode, provide_island_contexts};
use crate::models::{candidate::ExamWithMaterials, exam::phase_label, exam::state_label};
use crate::offline::chosen_files::ChosenFiles;
use crate::offline::draft_whereabouts::Whereabouts;

/// The route's view: the page again for another exam's address (in the whole app, the router
/// keeps a route's view when only its parameters change), and below the island the fee of an
/// approved candidate and the scores once published, drawn by the server (after the island: a
/// resource the server made before it would take the number the island's data is sent under).
#[component]
pub fn ExamPageView() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| ExamCode::from(params.read().get("code").unwrap_or_default()));
    move || {
        code.track();
        view! {
            <ExamPage/>
            <crate::components::fee_card::FeeCard/>
            <crate::pages::ExamScores/>
        }
    }
}

/// The exam's code in the address: the router's where there is one (the server, the whole app),
/// the address bar's in an island, which has no router to ask. It is not the island's prop:
/// leptos sends an island's props as JSON, and reading them would put a JSON decoder in the
/// candidate's download for this one text (`docs/benchmarks.md`).
fn exam_code_in_address() -> ExamCode {
    if in_islands_mode() {
        let path = address_path();
        ExamCode::from(path.strip_prefix("/exams/").and_then(|rest| rest.split('/').next()).unwrap_or_default())
    } else {
        ExamCode::from(use_params_map().read_untracked().get("code").unwrap_or_default())
    }
}

/// An island: the page's code, live without the app around it (`island_page`).
#[island]
fn ExamPage() -> impl IntoView {
    provide_island_contexts();
    let code = exam_code_in_address();
    let refresh = RwSignal::new(0u32);
    let page = server_resource(move || (code.clone(), refresh.get()), |(code, _)| exam_page(code));
    let on_changed = Callback::new(move |_| refresh.update(|v| *v += 1));
    let typing = Typing {
        form: RwSignal::new(FormValues::new()),
        position: RwSignal::new(None),
        strict: RwSignal::new(false),
        confirming: RwSignal::new(false),
        loaded: StoredValue::new(false),
        whereabouts: RwSignal::new(Whereabouts::AsLoaded),
        edits: RwSignal::new(0),
        saved_by_hand: RwSignal::new(0),
    };
    // What waits to be sent lives as long as the page, not its data: every sent action reloads that.
    let queue = PendingQueue::new();
    provide_context(queue);
    // So do the files chosen and not sent yet: the forms showing them are drawn anew with the data.
    provide_context::<PageChoices>(RwSignal::new(ChosenFiles::default()));
    // The data last shown, kept on when fetching it again fails for want of a network (an upload's
    // answer came back just before the network went): the page stays as it was, choices and
    // queue included, and is fetched again when the network returns.
    let last_shown = StoredValue::new(None::<ExamWithMaterials>);
    let stale = StoredValue::new(false);
    let online = window_event_listener(leptos::ev::online, move |_| {
        queue.network_back();
        if stale.get_value() {
            refresh.update(|v| *v += 1);
        }
    });
    let visible = window_event_listener_untyped("visibilitychange", move |_| {
        if !document().hidden() {
            queue.network_back();
        }
    });
    on_cleanup(move || {
        online.remove();
        visible.remove();
    });

    view! {
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        last_shown.set_value(Some(page.clone()));
                        stale.set_value(false);
                        if !typing.loaded.get_value() {
                            typing.form.set(page.form.clone());
                            typing.position.set(page.position.clone());
                            typing.loaded.set_value(true);
                        }
                        // In the browser only (effects never run while the server renders).
                        let (owner, exam_code) = (page.draft_key.clone(), page.exam.code.clone());
                        Effect::new(move |_| queue.start(owner.clone(), exam_code.clone(), on_changed));
                        view! { <ExamJourney page typing on_changed/> }.into_any()
                    }
                    Err(AppError::NotSignedIn) => view! {
                        <p>{tr("请先登录。", "Please log in first.")}</p>
                        <a class="button" href="/login">{tr("登录", "Log in")}</a>
                    }.into_any(),
                    Err(error) => match (error, last_shown.get_value()) {
                        (error @ AppError::Transport(_), Some(page)) => {
                            stale.set_value(true);
                            view! { <ErrorNote error/> <ExamJourney page typing on_changed/> }.into_any()
                        }
                        (error, _) => view! { <h1>{tr("上传入口", "Upload entrance")}</h1><ErrorNote error/> }.into_any(),
                    },
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn ExamJourney(page: ExamWithMaterials, typing: Typing, on_changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let exam = page.exam.clone();
    let code = exam.code.clone();
    let definition = page.definition.clone();
    let (phase_zh, phase_en) = phase_label(page.phase);
    let state = page.state;
    let helpline = definition.helpline.clone();
    let header = view! {
        <h1>{ let e = exam.clone(); move || lang.get().pick(e.title_zh.clone(), e.title_en.clone()) }</h1>
        <p class="muted">{ let e = exam.clone(); move || lang.get().pick(e.organiser_zh.clone(), e.organiser_en.clone()) }</p>
        <p class="exam-status">
            <span class="badge phase">{tr(phase_zh, phase_en)}</span>
            <span class="badge state" data-testid="application-state">{ let (zh, en) = state_label(state, page.lapsed); tr(zh, en) }</span>
        </p>
        // Seed 002's steps of applying, the current one marked (the server works them out, in the
        // reader's language).
        <ol class="flow-steps" data-testid="flow-steps">
            {page.flow.iter().enumerate().map(|(index, step)| view! {
                <li class=(index < page.flow_at).then_some("done") aria-current=(index == page.flow_at).then_some("step")>{step.clone()}</li>
            }).collect_view()}
        </ol>
        {page.seconds_until_close.map(|seconds| view! { <Countdown seconds_left=seconds closes_at=page.closes_at.clone() on_elapsed=on_changed/> })}
        {page.registered_as.clone().map(|words| view! { <BilingualNote words class="muted" testid="registered-as"/> })}
        {page.own_days.clone().map(|words| view! { <BilingualNote words class="notice" testid="own-days"/> })}
        <PendingQueueNotes before_deadline=page.seconds_until_close.is_some()/>
    };

    let body = match (page.phase, state) {
        (ExamPhase::NotYetOpen, _) => {
            let opens_at = page.opens_at.clone();
            view! {
                <p class="notice" role="status" data-testid="entrance-closed">
                    {move || lang.get().pick(format!("上传入口尚未开放，将于 {} 开放。您可以先查看材料要求。", opens_at.zh()), format!("The upload entrance is not open yet; it opens at {}. You can read the requirements meanwhile.", opens_at.en()))}
                </p>
                <RequirementsList exam_code=code.clone() categories=definition.categories.clone()/>
            }
            .into_any()
        }
        (ExamPhase::Open, ApplicationState::NotStarted) => view! {
            <PledgePanel exam_code=code.clone() pledge_zh=definition.pledge_zh.clone() pledge_en=definition.pledge_en.clone() on_accepted=on_changed/>
        }
        .into_any(),
        (_, ApplicationState::NotStarted) => {
            let closes_at = page.closes_at.clone();
            view! {
                <p class="notice" role="status" data-testid="entrance-closed">
                    {move || lang.get().pick(format!("上传已于 {} 截止。", closes_at.zh()), format!("Uploading closed at {}.", closes_at.en()))}
                </p>
            }
            .into_any()
        }
        _ => view! { <Workspace page typing on_changed/> }.into_any(),
    };
    view! {
        {header}
        {body}
        // 系统使用咨询, as the seed's guide ends.
        {helpline.map(|(zh, en)| {
            let words = (format!("系统使用咨询：{zh}"), format!("Help with this system: {en}"));
            view! { <BilingualNote words class="card helpline" testid="helpline"/> }
        })}
    }
    .into_any()
}
