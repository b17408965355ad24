//! Every picture of the application as a 64 px thumbnail with its caption on one line beneath, and
//! what the reviewer has said about it (✓ OK, ✗ needs replacement, ↻ replaced since the last
//! return). Each is a button: Tab reaches it, Enter shows it large. The thumbnails are the
//! pictures' small copies (`/api/materials/{id}/thumb`): the whole scans, seven decoded on every
//! new screen, took the cores from its first frame.

use leptos::prelude::*;

use super::review_marks::Mark;
use super::screen_state::ReviewScreen;
use crate::i18n::{tr, use_lang};

#[component]
pub fn MaterialStrip(screen: ReviewScreen) -> impl IntoView {
    let lang = use_lang();
    let items = screen.materials.with_value(|all| {
            all.iter()
                .enumerate()
                .map(|(i, placed)| {
                    let id = placed.reviewed.material.id.clone();
                    let mark = move || match screen.marks.with(|m| m.0.get(id.as_str()).cloned()) {
                        Some(Mark::Ok) => "ok",
                        Some(Mark::Replace { .. }) => "replace",
                        None => "unmarked",
                    };
                    let symbol = {
                        let mark = mark.clone();
                        move || match mark() {
                        "ok" => " ✓",
                        "replace" => " ✗",
                        _ => "",
                        }
                    };
                    let replaced = placed.reviewed.previous.is_some().then_some(" ↻");
                    let (zh, en) = (placed.caption_zh.clone(), placed.caption_en.clone());
                    let current = move || screen.shown.get() == i;
                    view! {
                        <li class="thumb" class:current=current data-mark=mark>
                            <button type="button" class="strip-button" aria-current=move || current().then_some("true")
                                on:click=move |_| screen.shown.set(i)>
                                <img class="strip-picture" src=placed.reviewed.material.thumb_url() alt="" width="64" height="64" loading="lazy" decoding="async"/>
                                <span class="strip-caption">{move || lang.get().pick(zh.clone(), en.clone())}{symbol}{replaced}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()
    });
    view! { <ol class="thumbs" aria-label=tr("全部图片", "All pictures")>{items}</ol> }.into_any()
}
