//! 距离上传截止还有…: counts down from the seconds the server measured, so a browser with a wrong
//! date still shows the true time left. When it reaches zero the page asks the server again.

use leptos::prelude::*;

use crate::domain::china_time::ChinaTime;
use crate::domain::exam_windows::format_time_left;
use crate::i18n::use_lang;

#[component]
pub fn Countdown(seconds_left: i64, closes_at: ChinaTime, on_elapsed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let left = RwSignal::new(seconds_left);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let started = js_sys::Date::now();
            if let Ok(handle) = set_interval_with_handle(
                move || {
                    let elapsed = ((js_sys::Date::now() - started) / 1000.0) as i64;
                    let now_left = seconds_left - elapsed;
                    left.set(now_left);
                    if now_left <= 0 {
                        on_elapsed.run(());
                    }
                },
                std::time::Duration::from_secs(1),
            ) {
                on_cleanup(move || handle.clear());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = on_elapsed;
    });
    view! {
        <p class="countdown" role="timer" data-testid="countdown">
            {move || {
                let (zh, en) = format_time_left(left.get());
                lang.get().pick(format!("距离上传截止（{}）还有 {zh}", closes_at.zh()), format!("Time left until upload closes ({}): {en}", closes_at.en()))
            }}
        </p>
    }
    .into_any()
}
