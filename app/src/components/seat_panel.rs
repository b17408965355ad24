//! Rooms and seats on an exam's administration page (准考证): how many seats the exam file's rooms
//! hold, how many candidates have one and how many wait, the rule seats are given by, a button
//! that gives them, and the list to download.

use leptos::prelude::*;

use crate::api::admin::{admin_assign_seats, admin_seating};
use crate::api::server_resource::server_resource;
use crate::components::error_note::ErrorNote;
use crate::domain::record_ids::ExamCode;
use crate::i18n::{tr, use_lang};
use crate::models::seating::SeatingView;

#[component]
pub fn SeatPanel(code: ExamCode) -> impl IntoView {
    let lang = use_lang();
    let assign = Action::new({
        let code = code.clone();
        move |_: &()| admin_assign_seats(code.clone())
    });
    let seating = server_resource(move || assign.version().get(), {
        let code = code.clone();
        move |_| admin_seating(code.clone())
    });
    let (xlsx_url, csv_url) =
        (format!("/api/admin/exams/{code}/seats.xlsx"), format!("/api/admin/exams/{code}/seats.csv"));
    view! {
        <section class="card seat-panel" aria-labelledby="seat-panel-title">
            <h2 id="seat-panel-title">{tr("考场与座位", "Rooms and seats")}</h2>
            <p class="muted">{tr(
                "分配规则：审核通过（收费考试须已缴费）的考生按审核通过的先后（同时通过的按报名号）排序，依考试配置中考场的顺序从 1 号座位起依次安排；已分配的座位不再变动，新通过的考生排在后面。",
                "The rule: approved candidates (who have paid, where the exam charges a fee) in the order they were approved (then by application number), room after room in the exam file's order from seat 1; a seat once given never moves, and later approvals come after.",
            )}</p>
            <Transition fallback=|| ()>
                {move || seating.get().map(|loaded| match loaded {
                    Ok(view) => view! { <SeatingCounts view/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Transition>
            <button type="button" class="button" disabled=move || assign.pending().get() on:click=move |_| { assign.dispatch(()); }>{tr("按规则分配座位", "Give seats by the rule")}</button>
            {move || assign.value().get().map(|outcome| match outcome {
                Ok(done) => {
                    let given = done.seated_now.unwrap_or(0);
                    view! { <p class="ok" role="status">{move || lang.get().pick(format!("本次分配 {given} 个座位"), format!("{given} seats given"))}</p> }.into_any()
                }
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
            <p class="exports">
                {tr("下载座位表：", "Download the seating list: ")}
                <a href=xlsx_url download="">"Excel (.xlsx)"</a>" · "
                <a href=csv_url download="">"CSV"</a>
            </p>
        </section>
    }
}

#[component]
fn SeatingCounts(view: SeatingView) -> impl IntoView {
    let lang = use_lang();
    let SeatingView { capacity, seated, waiting, .. } = view;
    view! {
        <p data-testid="seating">{move || lang.get().pick(
            format!("座位 {capacity} 个，已分配 {seated} 个，待分配考生 {waiting} 人"),
            format!("{capacity} seats, {seated} given, {waiting} candidates waiting"),
        )}</p>
        {(waiting > capacity.saturating_sub(seated)).then(|| view! {
            <p class="notice warn" role="status">{tr("座位不足：请在考试配置中增加考场后再分配。", "Not enough seats: add a room in the exam file, then give seats again.")}</p>
        })}
    }
}
