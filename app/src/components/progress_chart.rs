//! Applications per state over time, drawn as one line per state in plain SVG.

use leptos::prelude::*;

use crate::domain::ApplicationState;
use crate::i18n::{tr, use_lang};
use crate::models::admin::ProgressSeries;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const PAD: f64 = 30.0;

fn colour(state: ApplicationState) -> &'static str {
    match state {
        ApplicationState::Draft => "#9e9e9e",
        ApplicationState::Submitted => "#1565c0",
        ApplicationState::Returned => "#ef6c00",
        ApplicationState::Resubmitted => "#6a1b9a",
        ApplicationState::Approved => "#2e7d32",
        ApplicationState::Rejected => "#c62828",
        ApplicationState::NotStarted => "#000000",
    }
}

#[component]
pub fn ProgressChart(progress: ProgressSeries) -> impl IntoView {
    let lang = use_lang();
    let days = progress.days.len();
    let top = progress.series.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(0).max(1) as f64;
    let x = move |i: usize| {
        PAD + if days > 1 { i as f64 * (WIDTH - 2.0 * PAD) / (days - 1) as f64 } else { (WIDTH - 2.0 * PAD) / 2.0 }
    };
    let y = move |n: u64| HEIGHT - PAD - n as f64 * (HEIGHT - 2.0 * PAD) / top;
    let first = progress.days.first().cloned().unwrap_or_default();
    let last = progress.days.last().cloned().unwrap_or_default();
    let latest: Vec<(ApplicationState, u64)> =
        progress.series.iter().map(|(s, v)| (*s, v.last().copied().unwrap_or(0))).collect();
    view! {
        <figure class="progress-chart" data-testid="progress-chart">
            {(days == 0).then(|| view! { <p class="muted">{tr("还没有考生进入。", "No candidate has entered yet.")}</p> })}
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=tr("各状态申请数随时间变化", "Applications per state over time")>
                <line x1=PAD y1=HEIGHT - PAD x2=WIDTH - PAD y2=HEIGHT - PAD stroke="#888"/>
                <line x1=PAD y1=PAD x2=PAD y2=HEIGHT - PAD stroke="#888"/>
                <text x=PAD - 4.0 y=PAD + 4.0 text-anchor="end" font-size="11">{top as u64}</text>
                <text x=PAD y=HEIGHT - 8.0 font-size="11">{first}</text>
                <text x=WIDTH - PAD y=HEIGHT - 8.0 text-anchor="end" font-size="11">{last}</text>
                {progress.series.iter().map(|(state, values)| {
                    let points = values.iter().enumerate().map(|(i, n)| format!("{:.1},{:.1}", x(i), y(*n))).collect::<Vec<_>>().join(" ");
                    view! { <polyline points=points fill="none" stroke=colour(*state) stroke-width="2" data-state=state.as_str()/> }
                }).collect_view()}
            </svg>
            <figcaption>
                <ul class="legend">
                    {latest.into_iter().map(|(state, n)| view! {
                        <li><span class="swatch" style=format!("background:{}", colour(state))></span>{move || lang.get().pick(state.label_zh(), state.label_en())}" "{n}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
    .into_any()
}
