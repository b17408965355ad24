//! The pending queue as the page holds it, and every decision about it that needs no browser:
//! what is sent next, what an answer does to the queue, which places waiting uploads will fill,
//! and how the device's records and the page's own items are put together before each send
//! (`components/pending_queue.rs` does the device's I/O and the sending around these).

use std::sync::Arc;

use crate::domain::record_ids::MaterialId;
use crate::error::AppError;
use crate::offline::pending_action::{backoff_secs, Answer, PendingAction, PendingKind};

/// A waiting action as the page holds it: the bytes stay in memory too, so a device that cannot
/// keep them (private browsing) still sends them while the page is open.
#[derive(Clone, Debug, PartialEq)]
pub struct QueuedItem {
    pub action: PendingAction,
    pub bytes: Option<Arc<Vec<u8>>>,
    /// Why the last try did not go through (shown while it waits).
    pub problem: Option<AppError>,
}

/// What the pending queue does after one try's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum NextStep {
    /// The server has it: it leaves the device and the queue, and the next one is sent.
    Forget,
    /// Refused for good: kept, with its reason, until the candidate dismisses it; the next one is
    /// sent.
    KeepRefused(AppError),
    /// Not this time: the round stops, and the queue is tried again after `after_secs`.
    StopFor { after_secs: u64, because: Option<AppError> },
}

/// What `answer` means for the queue, `failures` being the tries that came to nothing before it.
pub fn after_answer(answer: Answer, failures: u32) -> NextStep {
    match answer {
        Answer::Done => NextStep::Forget,
        Answer::Refused(error) => NextStep::KeepRefused(error),
        Answer::TryLater { after_secs, because } => {
            NextStep::StopFor { after_secs: after_secs.max(backoff_secs(failures + 1)), because }
        }
    }
}

/// The action to send next: the first that still waits (refused ones stay shown, unsent).
pub fn next_waiting(items: &[QueuedItem]) -> Option<&QueuedItem> {
    items.iter().find(|i| i.action.waiting())
}

/// The queue position of a new action: after every one the page holds, and never before the
/// clock (`now_millis`), which orders actions across page loads.
pub fn next_order(items: &[QueuedItem], now_millis: u64) -> u64 {
    let after_last = items.iter().map(|i| i.action.order).max().unwrap_or(0) + 1;
    after_last.max(now_millis)
}

/// Places (sequence numbers) that waiting uploads in `category` will fill; a replacement keeps
/// its picture's place, so it fills none.
pub fn queued_places(items: &[QueuedItem], category: &str) -> Vec<u32> {
    items
        .iter()
        .filter(|i| i.action.waiting())
        .filter_map(|i| match &i.action.kind {
            PendingKind::Upload { category: c, seq_no, replaces: None, .. } if c == category => Some(*seq_no),
            _ => None,
        })
        .collect()
}

/// Whether a delete waits for the stored picture `material_id`.
pub fn delete_waits(items: &[QueuedItem], material_id: &MaterialId) -> bool {
    items.iter().any(|i| matches!(&i.action.kind, PendingKind::Delete { material_id: id, .. } if id == material_id))
}

/// The device's records taken as the truth (another tab may have sent or added some), with what
/// the page already knew of each kept (its bytes, the last try's problem). `held` is what the
/// page held when it began reading the device, `now` what it holds as the reading ends: an
/// action chosen in between is still on its way to the device and is kept. Also says whether an
/// action the page held is gone from the device (another tab sent it).
pub fn merge_with_device(held: &[QueuedItem], kept: Vec<QueuedItem>, now: &[QueuedItem]) -> (Vec<QueuedItem>, bool) {
    let known = |key: &str| held.iter().find(|i| i.action.key == key);
    let mut merged: Vec<QueuedItem> = kept
        .into_iter()
        .map(|k| {
            let page = known(&k.action.key);
            QueuedItem {
                bytes: page.and_then(|i| i.bytes.clone()).or(k.bytes),
                problem: page.and_then(|i| i.problem.clone()),
                action: k.action,
            }
        })
        .collect();
    let gone = held.iter().any(|h| !merged.iter().any(|m| m.action.key == h.action.key));
    let added: Vec<QueuedItem> = now
        .iter()
        .filter(|i| known(&i.action.key).is_none() && !merged.iter().any(|m| m.action.key == i.action.key))
        .cloned()
        .collect();
    merged.extend(added);
    (merged, gone)
}

/// The page already holds this action's picture: the device's copy need not be read again.
pub fn holds_bytes(held: &[QueuedItem], key: &str) -> bool {
    held.iter().any(|i| i.action.key == key && i.bytes.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(key: &str, category: &str, seq_no: u32, order: u64) -> QueuedItem {
        let kind = PendingKind::Upload {
            category: category.into(),
            seq_no,
            file_name: format!("{key}.jpg"),
            replaces: None,
            byte_len: 3,
        };
        item(key, kind, order)
    }

    fn item(key: &str, kind: PendingKind, order: u64) -> QueuedItem {
        let action = PendingAction {
            key: key.into(),
            owner: "7:000".into(),
            exam_code: "000".into(),
            order,
            kind,
            refusal: None,
        };
        QueuedItem { action, bytes: None, problem: None }
    }

    fn refused(mut queued: QueuedItem) -> QueuedItem {
        queued.action.refusal = Some(AppError::Locked);
        queued
    }

    fn keys(items: &[QueuedItem]) -> Vec<&str> {
        items.iter().map(|i| i.action.key.as_str()).collect()
    }

    #[test]
    fn the_next_to_send_is_the_first_still_waiting_and_refused_ones_are_passed_over() {
        let queue = [refused(upload("a", "id_card", 1, 1)), upload("b", "id_card", 2, 2), upload("c", "other", 1, 3)];
        assert_eq!(next_waiting(&queue).map(|i| i.action.key.as_str()), Some("b"));
        assert_eq!(next_waiting(&[refused(upload("a", "id_card", 1, 1))]), None);
    }

    #[test]
    fn an_answer_forgets_keeps_or_stops_and_a_stop_waits_longer_each_time() {
        assert_eq!(after_answer(Answer::Done, 3), NextStep::Forget);
        assert_eq!(after_answer(Answer::Refused(AppError::Locked), 0), NextStep::KeepRefused(AppError::Locked));
        // No network: 2 s after the first failure, doubling to a minute.
        let lost = |failures| after_answer(Answer::TryLater { after_secs: 0, because: None }, failures);
        assert_eq!(lost(0), NextStep::StopFor { after_secs: 2, because: None });
        assert_eq!(lost(1), NextStep::StopFor { after_secs: 4, because: None });
        assert_eq!(lost(9), NextStep::StopFor { after_secs: 60, because: None });
        // The server's Retry-After is honoured when it asks for longer.
        let busy = after_answer(Answer::TryLater { after_secs: 30, because: Some(AppError::Internal) }, 0);
        assert_eq!(busy, NextStep::StopFor { after_secs: 30, because: Some(AppError::Internal) });
    }

    #[test]
    fn a_new_action_goes_after_every_held_one_and_never_before_the_clock() {
        let queue = [upload("a", "id_card", 1, 1_700_000_000_000), upload("b", "id_card", 2, 1_700_000_000_001)];
        // Two actions in the same millisecond still keep their order.
        assert_eq!(next_order(&queue, 1_700_000_000_001), 1_700_000_000_002);
        assert_eq!(next_order(&queue, 1_800_000_000_000), 1_800_000_000_000);
        assert_eq!(next_order(&[], 5), 5);
    }

    #[test]
    fn waiting_uploads_take_their_places_and_replacements_and_refused_ones_take_none() {
        let mut replacement = upload("r", "id_card", 1, 4);
        if let PendingKind::Upload { replaces, .. } = &mut replacement.action.kind {
            *replaces = Some("m1".into());
        }
        let queue = [
            upload("a", "id_card", 2, 1),
            refused(upload("b", "id_card", 3, 2)),
            upload("c", "education", 1, 3),
            replacement,
        ];
        assert_eq!(queued_places(&queue, "id_card"), vec![2]);
        assert_eq!(queued_places(&queue, "education"), vec![1]);
    }

    #[test]
    fn a_delete_waits_for_its_material_only() {
        let delete =
            item("d", PendingKind::Delete { category: "other".into(), material_id: "m9".into(), seq_no: 1 }, 1);
        assert!(delete_waits(std::slice::from_ref(&delete), &"m9".into()));
        assert!(!delete_waits(&[delete], &"m8".into()));
    }

    #[test]
    fn the_device_is_the_truth_but_the_page_keeps_its_pictures_problems_and_newest_choices() {
        let mut a = upload("a", "id_card", 1, 1);
        a.bytes = Some(Arc::new(vec![1, 2, 3]));
        a.problem = Some(AppError::Busy { retry_after_secs: 2 });
        let b = upload("b", "id_card", 2, 2);
        let held = vec![a.clone(), b.clone()];
        // Another tab sent b; a third tab queued x; this page queued n while the device was read.
        let from_device = vec![upload("a", "id_card", 1, 1), upload("x", "other", 1, 3)];
        let n = upload("n", "education", 1, 4);
        let now = vec![a.clone(), b, n];
        let (merged, gone) = merge_with_device(&held, from_device, &now);
        assert_eq!(keys(&merged), vec!["a", "x", "n"]);
        assert!(gone, "b left the device: another tab sent it");
        assert_eq!(merged[0].bytes, a.bytes);
        assert_eq!(merged[0].problem, a.problem);
        assert!(holds_bytes(&held, "a"));
        assert!(!holds_bytes(&held, "b"));
    }

    #[test]
    fn nothing_is_gone_when_the_device_holds_what_the_page_held() {
        let held = vec![upload("a", "id_card", 1, 1)];
        let (merged, gone) = merge_with_device(&held, held.clone(), &held);
        assert_eq!(keys(&merged), vec!["a"]);
        assert!(!gone);
    }
}
