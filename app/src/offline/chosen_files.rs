//! The pictures a candidate chose and has not sent yet, one per upload form ("slot": a category's
//! new picture, or the replacement of one picture). They belong to the page, not to the form that
//! shows them: a form is drawn again whenever the page's data comes back (an upload answered, the
//! countdown reaching zero), and a choice held inside it would vanish with it.
//!
//! Reading and judging a chosen file takes a moment, and the candidate may choose again before it
//! ends: every choice is numbered, and a judgement arriving for an older choice is dropped.

use std::collections::HashMap;

/// The number a choice gets when it begins; its judgement is kept only while it is the latest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChoiceTicket(u64);

#[derive(Clone, Debug)]
pub struct ChosenFiles<T> {
    slots: HashMap<String, Slot<T>>,
    issued: u64,
}

#[derive(Clone, Debug)]
struct Slot<T> {
    latest: ChoiceTicket,
    chosen: Option<T>,
}

impl<T> Default for ChosenFiles<T> {
    fn default() -> Self {
        ChosenFiles { slots: HashMap::new(), issued: 0 }
    }
}

impl<T: Clone> ChosenFiles<T> {
    /// A new file was picked in `slot`: what was there is let go, and only this choice's
    /// judgement will be kept.
    pub fn begin(&mut self, slot: &str) -> ChoiceTicket {
        self.issued += 1;
        let ticket = ChoiceTicket(self.issued);
        self.slots.insert(slot.to_string(), Slot { latest: ticket, chosen: None });
        ticket
    }

    /// The judged file of the choice `ticket`; false (and nothing kept) when a later choice, an
    /// upload or a clearing came since.
    pub fn judged(&mut self, slot: &str, ticket: ChoiceTicket, file: T) -> bool {
        match self.slots.get_mut(slot) {
            Some(held) if held.latest == ticket => {
                held.chosen = Some(file);
                true
            }
            _ => false,
        }
    }

    /// The file in `slot` replaced by what the photo tool made of it, or by the files of the
    /// choice left once those that passed were sent (the same choice).
    pub fn replace(&mut self, slot: &str, file: T) {
        if let Some(held) = self.slots.get_mut(slot) {
            held.chosen = Some(file);
        }
    }

    pub fn get(&self, slot: &str) -> Option<T> {
        self.slots.get(slot).and_then(|held| held.chosen.clone())
    }

    /// The file leaves the slot (it went to the pending queue): a judgement still on its way is dropped.
    pub fn take(&mut self, slot: &str) -> Option<T> {
        self.slots.remove(slot).and_then(|held| held.chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_kept_until_it_is_sent_whatever_draws_the_form_again() {
        let mut chosen = ChosenFiles::default();
        let ticket = chosen.begin("file-education");
        assert!(chosen.judged("file-education", ticket, "diploma.jpg"));
        // A form drawn again reads the page's choices: the file is still there, as often as asked.
        assert_eq!(chosen.get("file-education"), Some("diploma.jpg"));
        assert_eq!(chosen.get("file-education"), Some("diploma.jpg"));
        assert_eq!(chosen.take("file-education"), Some("diploma.jpg"));
        assert_eq!(chosen.get("file-education"), None);
    }

    #[test]
    fn a_judgement_that_ends_after_the_candidate_chose_again_is_dropped() {
        let mut chosen = ChosenFiles::default();
        let first = chosen.begin("file-id_card");
        let second = chosen.begin("file-id_card");
        assert!(chosen.judged("file-id_card", second, "back.jpg"));
        assert!(!chosen.judged("file-id_card", first, "front.jpg"));
        assert_eq!(chosen.get("file-id_card"), Some("back.jpg"));
    }

    #[test]
    fn a_judgement_that_ends_after_the_file_was_sent_is_dropped() {
        let mut chosen = ChosenFiles::default();
        let ticket = chosen.begin("file-id_card");
        assert_eq!(chosen.take("file-id_card"), None);
        assert!(!chosen.judged("file-id_card", ticket, "front.jpg"));
        assert_eq!(chosen.get("file-id_card"), None);
    }

    #[test]
    fn each_form_keeps_its_own_choice() {
        let mut chosen = ChosenFiles::default();
        let id_card = chosen.begin("file-id_card");
        let diploma = chosen.begin("file-education");
        assert!(chosen.judged("file-education", diploma, "diploma.jpg"));
        assert!(chosen.judged("file-id_card", id_card, "front.jpg"));
        assert_eq!(chosen.take("file-id_card"), Some("front.jpg"));
        assert_eq!(chosen.get("file-education"), Some("diploma.jpg"));
    }

    #[test]
    fn the_photo_tool_s_result_takes_the_chosen_file_s_place() {
        let mut chosen = ChosenFiles::default();
        let ticket = chosen.begin("replace-m1");
        chosen.judged("replace-m1", ticket, "photo.heic");
        chosen.replace("replace-m1", "photo.jpg");
        assert_eq!(chosen.get("replace-m1"), Some("photo.jpg"));
        // Nothing chosen there: nothing to replace.
        chosen.replace("file-other", "stray.jpg");
        assert_eq!(chosen.get("file-other"), None);
    }
}
