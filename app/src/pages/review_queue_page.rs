//! An exam's review queue: filters (state, submission days, the machine's findings), counts per
//! state, oldest submission first, more rows fetched by keyset, each row with a badge per kind of
//! finding. The first row takes the focus, so Enter opens it.

use leptos::html::A;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::review::review_queue;
use crate::components::china_time_text::ChinaTimeText;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::domain::ApplicationState;
use crate::error::AppError;
use crate::i18n::{tr, use_lang};
use crate::models::picture_findings::{FindingFilter, FindingKind};
use crate::models::review::{QueueCursor, QueueFilter, QueueQuery, QueueRow};

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = move || ExamCode::from(params.read().get("code").unwrap_or_default());
    let filter = RwSignal::new(QueueFilter::Awaiting);
    let findings = RwSignal::new(FindingFilter::Any);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<QueueRow>::new());
    let next = RwSignal::new(None::<QueueCursor>);
    let counts = RwSignal::new(Vec::<(ApplicationState, u64)>::new());
    let title = RwSignal::new(None::<(String, String)>);
    let failure = RwSignal::new(None::<AppError>);
    let first_row = NodeRef::<A>::new();
    let load = Action::new(move |after: &Option<QueueCursor>| {
        let query = QueueQuery {
            exam_code: code(),
            filter: filter.get_untracked(),
            from: Some(from.get_untracked()),
            to: Some(to.get_untracked()),
            findings: findings.get_untracked(),
            after: after.clone(),
        };
        let appending = after.is_some();
        async move {
            match review_queue(query).await {
                Ok(page) => {
                    failure.set(None);
                    title.set(Some((page.exam.title_zh, page.exam.title_en)));
                    counts.set(page.counts);
                    next.set(page.next);
                    if appending {
                        rows.update(|r| r.extend(page.rows))
                    } else {
                        rows.set(page.rows)
                    }
                }
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    Effect::new(move |_| {
        code();
        load.dispatch(None);
    });
    Effect::new(move |_| {
        if let Some(link) = first_row.get() {
            let _ = link.focus();
        }
    });
    let reload = move || {
        load.dispatch(None);
    };

    // Staff who do not review this exam (the on-site check's alone, say) get one plain refusal, not the
    // queue's filters and table around an error.
    let refused = Memo::new(move |_| failure.with(|f| matches!(f, Some(AppError::Forbidden))));
    view! {
        <p><a href="/review">{tr("← 全部审核考试", "← All exams to review")}</a></p>
        {move || refused.get().then(|| view! {
            <section class="card" data-testid="queue-refused">
                <h1>{tr("您不审核本考试", "You do not review this exam")}</h1>
                <p>{tr(
                    "审核队列只对本考试的审核人员开放；仅负责现场报名台的工作人员请从“材料审核”首页进入现场报名台。",
                    "The review queue is open to this exam's reviewers only; staff named for the on-site check alone reach it from the review start page.",
                )}</p>
            </section>
        })}
        <div class:hidden=move || refused.get()>
        <h1>{move || title.get().map(|(zh, en)| lang.get().pick(zh, en)).unwrap_or_default()}</h1>
        <ul class="state-counts" data-testid="queue-counts">
            {move || counts.get().into_iter().map(|(state, n)| view! { <li data-state=state.as_str()>{tr(state.label_zh(), state.label_en())}": "{n}</li> }).collect_view()}
        </ul>
        <form class="queue-filters" method="post" on:submit=move |ev| { ev.prevent_default(); reload(); }>
            <label>
                {tr("状态", "State")}
                <select name="filter" on:change=move |ev| { filter.set(QueueFilter::from_key(&event_target_value(&ev))); reload(); }>
                    <option value="awaiting">{tr("待审核（首次提交和重新提交）", "Waiting (submitted and resubmitted)")}</option>
                    {[ApplicationState::Submitted, ApplicationState::Resubmitted, ApplicationState::Returned, ApplicationState::Approved, ApplicationState::Rejected].into_iter().map(|s| view! {
                        <option value=s.as_str()>{tr(s.label_zh(), s.label_en())}</option>
                    }).collect_view()}
                    <option value="all">{tr("全部", "All")}</option>
                </select>
            </label>
            <label>
                {tr("机器检查", "Machine checks")}
                <select name="findings" on:change=move |ev| { findings.set(FindingFilter::from_key(&event_target_value(&ev))); reload(); }>
                    <option value="any">{tr("全部", "All")}</option>
                    <option value="nothing">{tr("无发现（全部检查完毕）", "Nothing found (all checked)")}</option>
                    {FindingKind::ALL.into_iter().map(|kind| view! {
                        <option value=kind.key()>{tr(kind.label().0, kind.label().1)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{tr("提交日期从", "Submitted from")}<input type="date" name="from" prop:value=from on:change=move |ev| from.set(event_target_value(&ev))/></label>
            <label>{tr("至", "to")}<input type="date" name="to" prop:value=to on:change=move |ev| to.set(event_target_value(&ev))/></label>
            <button type="submit" class="button secondary">{tr("筛选", "Filter")}</button>
        </form>
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        <table class="queue" data-testid="queue">
            <thead><tr>
                <th>{tr("考生", "Candidate")}</th><th>{tr("证件号码", "ID number")}</th><th>{tr("状态", "State")}</th>
                <th>{tr("提交时间", "Submitted")}</th><th>{tr("审核人员", "Reviewer")}</th><th>{tr("机器检查", "Machine checks")}</th>
            </tr></thead>
            <tbody>
                {move || rows.get().into_iter().enumerate().map(|(i, row)| {
                    let href = format!("/review/applications/{}", row.application_id);
                    let state = row.state;
                    let resubmitted = state == ApplicationState::Resubmitted;
                    let link = if i == 0 {
                        view! { <a href=href node_ref=first_row>{row.candidate_name.clone()}</a> }.into_any()
                    } else {
                        view! { <a href=href>{row.candidate_name.clone()}</a> }.into_any()
                    };
                    view! {
                        <tr class:resubmitted=resubmitted data-state=state.as_str()>
                            <td>{link}</td>
                            <td>{row.id_number_masked.clone()}</td>
                            <td>{tr(state.label_zh(), state.label_en())}{(row.round > 1).then(|| view! { <span class="badge">{format!("#{}", row.round)}</span> })}</td>
                            <td><ChinaTimeText at=row.last_submitted_at.clone()/></td>
                            <td>{row.reviewer.clone().unwrap_or_default()}</td>
                            <td><FindingBadges kinds=row.findings.clone() looked_at=row.looked_at/></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {move || (rows.with(|r| r.is_empty()) && !load.pending().get()).then(|| view! { <p class="muted">{tr("没有符合条件的申请。", "No applications match.")}</p> })}
        {move || next.get().map(|cursor| view! {
            <button type="button" class="button secondary" on:click=move |_| { load.dispatch(Some(cursor.clone())); }>{tr("加载更多", "Load more")}</button>
        })}
        </div>
    }
    .into_any()
}

/// A row's findings, one badge each; "检查中" while some picture has not been looked at yet.
#[component]
fn FindingBadges(kinds: Vec<FindingKind>, looked_at: bool) -> impl IntoView {
    view! {
        <span class="finding-badges" data-testid="finding-badges">
            {kinds.into_iter().map(|kind| view! {
                <span class="badge finding" data-finding=kind.key()>{tr(kind.label().0, kind.label().1)}</span>
            }).collect_view()}
            {(!looked_at).then(|| view! { <span class="badge pending">{tr("检查中", "Checking")}</span> })}
        </span>
    }
}
