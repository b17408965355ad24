//! The crop box of the photo tool: the part of the picture that will be kept, preset around the
//! centre at the category's aspect. It moves by dragging (mouse or finger) or with the arrow keys
//! (Shift for larger steps) and grows or shrinks with + and − (keys or buttons), keeping its aspect,
//! never leaving the picture nor going under the rule's minimum width (`CropBox::moved`, `scaled`).

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, HtmlElement};

use crate::domain::photo_fit::CropBox;
use crate::i18n::tr;

/// Each + or − changes the box's size by this factor.
const RESIZE_STEP: f64 = 1.05;

#[derive(Clone, Copy)]
struct Drag {
    pointer: (i32, i32),
    start: CropBox,
    /// Picture pixels per screen pixel.
    scale: f64,
}

#[component]
pub fn CropStage(file_url: String, picture: (u32, u32), crop: RwSignal<CropBox>, min_width: u32) -> impl IntoView {
    let drag = StoredValue::new(None::<Drag>);
    let percent = move |part: u32, whole: u32| 100.0 * f64::from(part) / f64::from(whole.max(1));
    let style = move || {
        let c = crop.get();
        format!(
            "left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%",
            percent(c.x, picture.0),
            percent(c.y, picture.1),
            percent(c.width, picture.0),
            percent(c.height, picture.1)
        )
    };
    let resize = move |factor: f64| crop.update(|c| *c = c.scaled(factor, picture, min_width));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step = if ev.shift_key() { 10 } else { 2 };
        let (dx, dy) = (i64::from(picture.0) * step / 100, i64::from(picture.1) * step / 100);
        let (mx, my) = match ev.key().as_str() {
            "ArrowLeft" => (-dx, 0),
            "ArrowRight" => (dx, 0),
            "ArrowUp" => (0, -dy),
            "ArrowDown" => (0, dy),
            "+" | "=" => {
                return {
                    ev.prevent_default();
                    resize(RESIZE_STEP)
                }
            }
            "-" | "_" => {
                return {
                    ev.prevent_default();
                    resize(1.0 / RESIZE_STEP)
                }
            }
            _ => return,
        };
        ev.prevent_default();
        crop.update(|c| *c = c.moved(mx, my, picture));
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        let Some(target) = ev.current_target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let stage = target.parent_element().and_then(|stage| stage.dyn_into::<HtmlElement>().ok());
        let stage_width = f64::from(stage.map_or(0, |stage| stage.offset_width()));
        if stage_width <= 0.0 {
            return;
        }
        let _ = target.set_pointer_capture(ev.pointer_id());
        drag.set_value(Some(Drag {
            pointer: (ev.client_x(), ev.client_y()),
            start: crop.get_untracked(),
            scale: f64::from(picture.0) / stage_width,
        }));
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let Some(d) = drag.get_value() else { return };
        let dx = (f64::from(ev.client_x() - d.pointer.0) * d.scale).round() as i64;
        let dy = (f64::from(ev.client_y() - d.pointer.1) * d.scale).round() as i64;
        crop.set(d.start.moved(dx, dy, picture));
    };
    let end_drag = move |_: leptos::ev::PointerEvent| drag.set_value(None);
    view! {
        <div class="crop-tool">
            <div class="crop-stage" style=format!("aspect-ratio:{}/{}", picture.0, picture.1)>
                <img src=file_url alt="" draggable="false"/>
                <button type="button" class="crop-box" style=style
                    aria-label=tr("裁切框：拖动或用方向键移动，+ − 缩放", "Crop box: drag or use the arrow keys to move, + and − to resize")
                    on:keydown=on_key on:pointerdown=on_pointer_down on:pointermove=on_pointer_move
                    on:pointerup=end_drag on:pointercancel=end_drag></button>
            </div>
            <div class="crop-buttons">
                <button type="button" class="button secondary" on:click=move |_| resize(RESIZE_STEP)>{tr("放大裁切框", "Larger box")}</button>
                <button type="button" class="button secondary" on:click=move |_| resize(1.0 / RESIZE_STEP)>{tr("缩小裁切框", "Smaller box")}</button>
            </div>
        </div>
    }
}
