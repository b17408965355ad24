//! An ID photo with where its face was found marked on it: the head as the advice measured it (hair
//! to chin) and the eyes' line, so a candidate told "头部过小" or "双眼偏高" sees what was measured.

use std::sync::Arc;

use leptos::prelude::*;

use crate::client::{preview_url, revoke_preview};
use crate::domain::face_geometry::{FaceBox, Head};
use crate::i18n::tr;

/// A share of `whole` as a CSS percentage.
fn share(part: f64, whole: u32) -> String {
    format!("{:.1}%", part / f64::from(whole.max(1)) * 100.0)
}

/// `face` in the pixels of the picture drawn at `size`.
#[component]
pub fn FaceMarks(bytes: Arc<Vec<u8>>, face: FaceBox, size: (u32, u32)) -> impl IntoView {
    let url = preview_url(&bytes);
    if let Some(url) = url.clone() {
        on_cleanup(move || revoke_preview(&url));
    }
    let head = Head::of(&face);
    let (width, height) = size;
    // The head's width is not measured: drawn a little wider than the face's box, for the hair.
    let head_left = face.x - face.width * 0.15;
    let head_style = format!(
        "left:{};top:{};width:{};height:{}",
        share(head_left, width),
        share(head.top.max(0.0), height),
        share(face.width * 1.3, width),
        share(head.chin.min(f64::from(height)) - head.top.max(0.0), height)
    );
    let eyes_style = format!("top:{}", share(head.eye_line, height));
    view! {
        <figure class="face-marks" data-testid="face-marks">
            <div class="face-marks-picture">
                <img src=url alt=""/>
                <span class="head-mark" style=head_style></span>
                <span class="eye-mark" style=eyes_style></span>
            </div>
            <figcaption>{tr("方框：头部（头顶至下巴）；横线：双眼", "Box: the head, hair to chin; line: the eyes")}</figcaption>
        </figure>
    }
}
