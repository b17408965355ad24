//! Hands the review screen the keys pressed anywhere on the page, through the key table. Keys are left
//! alone while a dialog is open, while typing in a field, and with Ctrl, ⌘ or Alt, which belong
//! to the browser. While a confirmed decision is on its way, only N is taken, and kept until the
//! decision is stored.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, KeyboardEvent};

use super::screen_action::ReviewAction;
use super::screen_keys::action_for;
use super::screen_state::ReviewScreen;

/// Listens for as long as the calling component lives.
pub fn listen_for_screen_keys(screen: ReviewScreen) {
    let listener = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let action = action_for(&ev.key(), ev.shift_key());
        if screen.verdict.sending() {
            if action == Some(ReviewAction::NextApplication) {
                screen.verdict.next_asked.set(true);
                ev.prevent_default();
            }
            return;
        }
        if screen.dialog_open() || typing_in_a_field(&ev) {
            return;
        }
        if action.is_some_and(|action| screen.perform(action)) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        if screen.verdict.next_asked.get() && screen.verdict.decided.with(Option::is_some) {
            screen.perform(ReviewAction::NextApplication);
        }
    });
}

fn typing_in_a_field(ev: &KeyboardEvent) -> bool {
    ev.target()
        .and_then(|target| target.dyn_ref::<Element>().map(Element::tag_name))
        .is_some_and(|tag| matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
