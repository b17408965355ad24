//! Advice on how a chosen picture looks — blurred, dark, washed out, an ID photo's background, a
//! blank page (`domain::picture_quality`) — measured in the browser once the picture is chosen
//! or fitted. Advice only: the upload stays allowed.

use std::sync::Arc;

use leptos::prelude::*;

use crate::client::picture_pixels;
use crate::components::violation_list::ViolationList;
use crate::domain::picture_quality::{measure, quality_advice, PictureKind, PictureLook, ANALYSIS_SIDE};
use crate::domain::Violation;
use crate::i18n::tr;

/// What the picture's looks suggest (empty: it looks fine); None when it cannot be measured.
async fn look_advice(bytes: &[u8], look: PictureLook) -> Option<Vec<Violation>> {
    let (rgba, width, height) = picture_pixels(bytes, ANALYSIS_SIDE).await.ok()?;
    measure(&rgba, width, height).map(|m| quality_advice(&m, look))
}

/// Tells the server this advice was shown about these very bytes, so the reviewer learns the
/// candidate sent them anyway. Offline, or on any failure, nothing is told and nothing else
/// changes: the review screen then says it has no record.
async fn tell_the_server(bytes: &[u8], codes: Vec<crate::domain::ViolationCode>) {
    if let Some(sha256) = crate::client::sha256_hex(bytes).await {
        let _ = crate::api::advice_shown(sha256, codes).await;
    }
}

#[component]
pub fn LooksAdvice(bytes: Arc<Vec<u8>>, look: PictureLook) -> impl IntoView {
    let advice = RwSignal::new(None::<Vec<Violation>>);
    leptos::task::spawn_local(async move {
        let found = look_advice(&bytes, look).await;
        // The candidate may have chosen another file meanwhile; this one's view is gone then.
        let _ = advice.try_set(found.clone());
        if let Some(found) = found.filter(|found| !found.is_empty()) {
            tell_the_server(&bytes, found.iter().map(|v| v.code).collect()).await;
        }
    });
    let fine = match look.kind {
        PictureKind::Document => tr("清晰度、亮度未见问题", "Sharpness and brightness look fine"),
        PictureKind::Portrait => tr("清晰度、亮度和背景未见问题", "Sharpness, brightness and background look fine"),
    };
    move || match advice.get() {
        Some(found) if found.is_empty() => view! { <p class="looks-fine">{fine}</p> }.into_any(),
        Some(found) => view! {
            <div class="warnings looks">
                <span>{tr("照片提示（仍可上传）：", "About the picture (you may still upload):")}</span>
                <ViolationList violations=found/>
            </div>
        }
        .into_any(),
        None => ().into_any(),
    }
}
