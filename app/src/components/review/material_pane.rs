//! The review screen's pictures: the strip of all of them, then the one shown large with its place in the
//! application and what the last return said about it.

use leptos::prelude::*;

use super::material_strip::MaterialStrip;
use super::material_viewer::MaterialViewer;
use super::picture_facts::PictureFacts;
use super::screen_state::ReviewScreen;
use crate::i18n::{tr, use_lang};

#[component]
pub fn MaterialPane(screen: ReviewScreen) -> impl IntoView {
    let lang = use_lang();
    let count = screen.count();
    let position = move || {
        let n = screen.shown.get() + 1;
        lang.get().pick(format!("第 {n} / {count} 张"), format!("{n} of {count}"))
    };
    let shown = move || {
        screen.current().map(|placed| {
            let flag = placed.reviewed.last_flag.clone();
            let findings = placed.reviewed.findings.clone();
            view! {
                <p class="muted" data-testid="picture-position">{position}</p>
                {flag.map(|f| view! {
                    <p class="flag-note">{move || lang.get().pick(format!("上次退回：{}", f.text_zh()), format!("Last returned: {}", f.text_en()))}</p>
                })}
                <PictureFacts findings/>
                <MaterialViewer reviewed=placed.reviewed caption_zh=placed.caption_zh caption_en=placed.caption_en zoom=screen.zoom turns=screen.turns/>
            }
        })
    };
    view! {
        <section class="card review-pictures" aria-label=tr("材料图片", "Pictures")>
            <MaterialStrip screen/>
            {shown}
            {(count == 0).then(|| view! { <p>{tr("没有上传图片。", "No pictures uploaded.")}</p> })}
        </section>
    }
    .into_any()
}
