//! The review screen: the candidate's form and every picture by category in sequence order, one
//! large picture at a time, worked with the keyboard alone (the keys are in
//! `components::review::screen_keys`). While the reviewer looks, the next picture and the next
//! application's pictures are fetched, so working through a queue never waits for a picture.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::review::open_application;
use crate::components::error_note::ErrorNote;
use crate::components::review::form_pane::FormPane;
use crate::components::review::material_pane::MaterialPane;
use crate::components::review::screen_decision::{DecidedNote, DecisionButtons, ReviewDialogs};
use crate::components::review::screen_header::ReviewHeader;
use crate::components::review::screen_keyboard::listen_for_screen_keys;
use crate::components::review::screen_prefetch::prefetch_ahead;
use crate::components::review::screen_state::ReviewScreen;
use crate::domain::record_ids::ApplicationId;
use crate::i18n::tr;
use crate::models::review::ReviewSheet;

#[component]
pub fn ReviewScreenPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || ApplicationId(params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let take_over = RwSignal::new(false);
    // Opening takes the application, so it happens only in the browser, as a POST: a GET of this
    // page (a prefetch, a link preview, a crawler) renders the frame and takes nothing.
    let sheet = LocalResource::new(move || {
        let (id, take_over) = (id(), take_over.get());
        async move { open_application(id, take_over).await }
    });
    view! {
        <Transition fallback=move || view! { <p>{tr("加载中…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match sheet.await {
                    Ok(sheet) => view! { <OneApplication sheet take_over/> }.into_any(),
                    Err(error) => view! { <h1>{tr("审核", "Review")}</h1><ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn OneApplication(sheet: ReviewSheet, take_over: RwSignal<bool>) -> impl IntoView {
    let navigate = use_navigate();
    let screen = ReviewScreen::new(&sheet, Callback::new(move |path: String| navigate(&path, Default::default())));
    listen_for_screen_keys(screen);
    prefetch_ahead(screen, sheet.next.clone());
    view! {
        <ReviewHeader sheet=sheet.clone() screen take_over/>
        {move || screen.verdict.failure.get().map(|error| view! { <ErrorNote error/> })}
        {move || screen.verdict.decided.get().map(|decided| view! { <DecidedNote decided/> })}
        <div class="review-layout">
            <MaterialPane screen/>
            <FormPane sheet screen/>
        </div>
        {screen.can_decide.then(|| view! { <DecisionButtons screen/> })}
        <ReviewDialogs screen/>
    }
    .into_any()
}
