//! Advice on how a chosen picture looks — blurred, dark, washed out, an ID photo's background, a
//! blank page (`domain::picture_quality`) — and, on an ID photo, where the face is against the
//! exam's frame (`domain::face_geometry`, the picture marked), measured in the browser once the
//! picture is chosen or fitted. Advice only: the upload stays allowed.

use std::sync::Arc;

use leptos::prelude::*;

use crate::client::picture_pixels;
use crate::components::face_marks::FaceMarks;
use crate::components::violation_list::ViolationList;
use crate::domain::face_geometry::FaceBox;
use crate::domain::picture_quality::{measure, quality_advice, PictureKind, PictureLook, ANALYSIS_SIDE};
use crate::domain::Violation;
use crate::i18n::tr;

/// What was found: the advice (empty: it looks fine), and on an ID photo with one face, that face
/// in the pixels of a picture of `size`.
#[derive(Clone)]
struct Found {
    advice: Vec<Violation>,
    face: Option<(FaceBox, (u32, u32))>,
}

/// What the picture's looks suggest; None when it cannot be measured.
async fn look_advice(bytes: &[u8], look: PictureLook) -> Option<Found> {
    let (rgba, width, height) = picture_pixels(bytes, ANALYSIS_SIDE).await.ok()?;
    let mut found = Found { advice: measure(&rgba, width, height).map(|m| quality_advice(&m, look))?, face: None };
    if look.kind == PictureKind::Portrait {
        look_for_the_face(bytes, look, &mut found).await;
    }
    Some(found)
}

/// The face's advice, where the detector's model can be had (offline before it ever was: none).
#[cfg(feature = "hydrate")]
async fn look_for_the_face(bytes: &[u8], look: PictureLook, found: &mut Found) {
    use crate::domain::face_finder::FACE_SIDE;
    use crate::domain::face_geometry::face_advice;
    let Some(finder) = crate::client::face_finder().await else { return };
    let Ok((rgba, width, height)) = picture_pixels(bytes, FACE_SIDE).await else { return };
    let faces = finder.find(&rgba, width, height);
    found.advice.extend(face_advice(&faces, width, height, &look.face));
    if let [face] = faces.as_slice() {
        found.face = Some((*face, (width, height)));
    }
}

#[cfg(not(feature = "hydrate"))]
async fn look_for_the_face(_bytes: &[u8], _look: PictureLook, _found: &mut Found) {}

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
    let found = RwSignal::new(None::<Found>);
    let marked = bytes.clone();
    leptos::task::spawn_local(async move {
        let seen = look_advice(&bytes, look).await;
        // The candidate may have chosen another file meanwhile; this one's view is gone then.
        let _ = found.try_set(seen.clone());
        if let Some(seen) = seen.filter(|seen| !seen.advice.is_empty()) {
            tell_the_server(&bytes, seen.advice.iter().map(|v| v.code).collect()).await;
        }
    });
    let fine = match look.kind {
        PictureKind::Document => tr("清晰度、亮度未见问题", "Sharpness and brightness look fine"),
        PictureKind::Portrait => tr(
            "清晰度、亮度、背景和人脸位置未见问题",
            "Sharpness, brightness, background and the face's place look fine",
        ),
    };
    move || {
        let Some(Found { advice, face }) = found.get() else { return ().into_any() };
        let marks = face.map(|(face, size)| view! { <FaceMarks bytes=marked.clone() face size/> });
        if advice.is_empty() {
            view! { <p class="looks-fine">{fine}</p>{marks} }.into_any()
        } else {
            view! {
                <div class="warnings looks">
                    <span>{tr("照片提示（仍可上传）：", "About the picture (you may still upload):")}</span>
                    <ViolationList violations=advice/>
                    {marks}
                </div>
            }
            .into_any()
        }
    }
}
