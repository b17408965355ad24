//! Hands the desk the keys pressed anywhere on the page, through the key table. Keys are left
//! alone while a dialog is open, while typing in a field, and with Ctrl, ⌘ or Alt, which belong
//! to the browser. While a confirmed decision is on its way, only N is taken, and kept until the
//! decision is stored.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, KeyboardEvent};

use super::desk_action::DeskAction;
use super::desk_keys::action_for;
use super::desk_state::Desk;

/// Listens for as long as the calling component lives.
pub fn listen_for_desk_keys(desk: Desk) {
    let listener = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let action = action_for(&ev.key(), ev.shift_key());
        if desk.verdict.sending() {
            if action == Some(DeskAction::NextApplication) {
                desk.verdict.next_asked.set(true);
                ev.prevent_default();
            }
            return;
        }
        if desk.dialog_open() || typing_in_a_field(&ev) {
            return;
        }
        if action.is_some_and(|action| desk.perform(action)) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        if desk.verdict.next_asked.get() && desk.verdict.decided.with(Option::is_some) {
            desk.perform(DeskAction::NextApplication);
        }
    });
}

fn typing_in_a_field(ev: &KeyboardEvent) -> bool {
    ev.target()
        .and_then(|target| target.dyn_ref::<Element>().map(Element::tag_name))
        .is_some_and(|tag| matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
