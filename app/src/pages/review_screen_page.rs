//! The review screen: the candidate's form and every picture by category in sequence order, one
//! large picture at a time, worked with the keyboard alone (the keys are in
//! `components::review::screen_keys`). While the reviewer looks, the next picture, the next
//! application's pictures and its sheet are fetched, so working through a queue never waits for a
//! picture, and "next" draws the next application at once while taking it behind.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::review::open_application;
use crate::client::after_next_paint;
use crate::components::error_note::ErrorNote;
use crate::components::review::form_pane::FormPane;
use crate::components::review::material_pane::MaterialPane;
use crate::components::review::screen_decision::{DecidedNote, DecisionButtons, ReviewDialogs};
use crate::components::review::screen_header::ReviewHeader;
use crate::components::review::screen_keyboard::listen_for_screen_keys;
use crate::components::review::screen_prefetch::{foresee_next, prefetch_ahead};
use crate::components::review::screen_state::{ReviewScreen, Taking};
use crate::domain::record_ids::ApplicationId;
use crate::error::AppError;
use crate::i18n::tr;
use crate::models::review::ReviewSheet;

#[component]
pub fn ReviewScreenPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || ApplicationId(params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let take_over = RwSignal::new(false);
    let foreseen = RwSignal::new(None::<ReviewSheet>);
    // Opening takes the application, so it happens only in the browser, as a POST: a GET of this
    // page (a prefetch, a link preview, a crawler) renders the frame and takes nothing.
    let taking: Taking = LocalResource::new(move || {
        let (id, take_over) = (id(), take_over.get());
        let drawn_ahead = foreseen.with_untracked(|sheet| sheet.as_ref().is_some_and(|s| s.application_id == id));
        async move {
            // Drawn from the sheet read ahead, the screen is painted first: the take's answer,
            // which nobody looks at unless it differs, does not hold up that frame.
            if drawn_ahead {
                after_next_paint().await;
            }
            let answer = open_application(id, take_over).await;
            // What was read ahead for this application has served: should it be opened again
            // later, it would be old.
            foreseen.maybe_update(|sheet| {
                let served = sheet.as_ref().is_some_and(|s| s.application_id == id);
                if served {
                    *sheet = None;
                }
                served
            });
            (id, answer)
        }
    });
    // What the screen shows: the take's answer for this application; until it comes, the sheet the
    // screen before read ahead for it (the same, unless something changed in between: then the
    // screen is drawn again); until either, the screen before.
    let shown = Memo::new(move |before: Option<&Option<Result<ReviewSheet, AppError>>>| {
        let id = id();
        match taking.get() {
            Some((taken, answer)) if taken == id => Some(answer),
            _ => {
                foreseen.get().filter(|sheet| sheet.application_id == id).map(Ok).or_else(|| before.cloned().flatten())
            }
        }
    });
    view! {
        {move || match shown.get() {
            None => view! { <p>{tr("加载中…", "Loading…")}</p> }.into_any(),
            Some(Ok(sheet)) => view! { <OneApplication sheet take_over taking foreseen/> }.into_any(),
            Some(Err(error)) => view! { <h1>{tr("审核", "Review")}</h1><ErrorNote error/> }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn OneApplication(
    sheet: ReviewSheet,
    take_over: RwSignal<bool>,
    taking: Taking,
    foreseen: RwSignal<Option<ReviewSheet>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let screen =
        ReviewScreen::new(&sheet, taking, Callback::new(move |path: String| navigate(&path, Default::default())));
    listen_for_screen_keys(screen);
    prefetch_ahead(screen, sheet.next.clone());
    if screen.can_decide {
        foresee_next(sheet.application_id, sheet.next.as_ref().map(|next| next.application_id), foreseen);
    }
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
