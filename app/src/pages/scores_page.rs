//! 考试成绩 (seeds 001/003's menu): the candidate's own published scores, every exam. Plain,
//! server-rendered HTML: nothing hydrates.

use leptos::prelude::*;

use crate::api::my_scores;
use crate::api::server_resource::server_resource;
use crate::components::candidate_menu::CandidateMenu;
use crate::components::error_note::ErrorNote;
use crate::components::score_cards::ScoreCards;
use crate::components::sign_in_first::SignInFirst;
use crate::error::AppError;
use crate::i18n::tr;

#[component]
pub fn ScoresPage() -> impl IntoView {
    let cards = server_resource(|| (), |_| my_scores(None));
    view! {
        <CandidateMenu current="/scores"/>
        <h1>{tr("考试成绩", "Scores")}</h1>
        <Suspense fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match cards.await {
                    Ok(cards) if cards.is_empty() => view! {
                        <p data-testid="no-scores">{tr("暂无已公布的成绩。成绩在考试机构设定的公布时间之后显示。", "No scores published yet. They show from the time the authority publishes them.")}</p>
                    }.into_any(),
                    Ok(cards) => view! { <ScoreCards cards/> }.into_any(),
                    Err(AppError::NotSignedIn) => view! { <SignInFirst/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Below the exam page's island: the candidate's scores in this exam, once published (nothing
/// before, nor for anyone signed out).
#[component]
pub fn ExamScores() -> impl IntoView {
    let code = crate::domain::record_ids::ExamCode::from(
        leptos_router::hooks::use_params_map().read_untracked().get("code").unwrap_or_default(),
    );
    let cards = server_resource(move || code.clone(), |code| my_scores(Some(code)));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { cards.await.ok().map(|cards| view! { <ScoreCards cards/> }) })}
        </Suspense>
    }
}
