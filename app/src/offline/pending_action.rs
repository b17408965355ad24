//! Uploads, deletes and reorders that wait on the device until the server has them (issue 11).
//! A candidate's action is first written to the device with a key made for it, then sent; it
//! leaves the device only when the server's answer settles it. The server applies a key once and
//! answers a repeat with its first answer, so a try whose answer was lost on the way back is safe
//! to send again. What an answer means for the waiting action is decided here, for every sender.
//!
//! Learned from Uppy's Golden Retriever: the action and its bytes are written together, in one
//! transaction, and the bytes are the judged picture, never a `File` handle (phones lose those).

use serde::{Deserialize, Serialize};

use crate::domain::record_ids::{ExamCode, MaterialId};
use crate::domain::settled_answer::settles;
use crate::error::AppError;

/// What the candidate did, as the server will be asked to do it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PendingKind {
    /// A judged picture for a category (its bytes are kept beside this, under the same key).
    Upload { category: String, seq_no: u32, file_name: String, replaces: Option<MaterialId>, byte_len: u64 },
    /// Delete a stored picture (its sequence number, to name it while it waits).
    Delete { category: String, material_id: MaterialId, seq_no: u32 },
    /// Put a category's stored pictures in this order.
    Reorder { category: String, ordered_ids: Vec<MaterialId> },
}

/// One action waiting on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingAction {
    /// The `Idempotency-Key` every try of this action carries.
    pub key: String,
    /// Whose and which exam's queue it is ("account:exam", as the draft's key).
    pub owner: String,
    pub exam_code: ExamCode,
    /// Position in the queue: actions are sent in the order they were made.
    pub order: u64,
    pub kind: PendingKind,
    /// The server refused it for good (window closed, file refused…): kept so the candidate sees
    /// why, until they dismiss it.
    pub refusal: Option<AppError>,
}

impl PendingAction {
    pub fn category(&self) -> &str {
        match &self.kind {
            PendingKind::Upload { category, .. }
            | PendingKind::Delete { category, .. }
            | PendingKind::Reorder { category, .. } => category,
        }
    }

    /// Still to be sent (not refused).
    pub fn waiting(&self) -> bool {
        self.refusal.is_none()
    }
}

/// What one try's answer means for the action.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The server has it (or had it already: a replayed first answer): it leaves the queue.
    Done,
    /// The server will never do it; the reason stays shown.
    Refused(AppError),
    /// Not done this time (no network, the server busy or restarting, the same key still running,
    /// the session expired): the action stays and is sent again after `after_secs` at the least.
    TryLater { after_secs: u64, because: Option<AppError> },
}

/// Reads a try's outcome: `None` when no answer came back at all (the network failed). An error's
/// body is postcard, which the pending queue asks for (`Accept`), as the server functions' client does.
pub fn read_answer(answer: Option<(u16, &[u8])>) -> Answer {
    let Some((status, body)) = answer else { return Answer::TryLater { after_secs: 0, because: None } };
    if (200..300).contains(&status) {
        return Answer::Done;
    }
    let error = AppError::from_postcard(body).unwrap_or(AppError::Internal);
    match error {
        // The action did not run: the same key is still running, the server is at its limit, or
        // the candidate must log in again (then the queue goes on, under the same account).
        AppError::ActionInProgress
        | AppError::TooManyRequests { .. }
        | AppError::Busy { .. }
        | AppError::StorageFull
        | AppError::NotSignedIn => {
            Answer::TryLater { after_secs: error.retry_after_secs().unwrap_or(0), because: Some(error) }
        }
        _ if !settles(status) => Answer::TryLater { after_secs: 0, because: Some(error) },
        _ => Answer::Refused(error),
    }
}

/// How long to wait before the next try after `failures` tries in a row came to nothing: 2 s,
/// 4 s, 8 s… up to a minute, so a phone on a dead network does not spend its battery.
pub fn backoff_secs(failures: u32) -> u64 {
    2u64.saturating_pow(failures.clamp(1, 6)).min(60)
}

/// Said before the deadline while anything still waits: how many, and that it must reach the
/// server before the window closes (which the server's clock decides).
pub fn waiting_warning(waiting: usize) -> Option<(String, String)> {
    (waiting > 0).then(|| {
        (
            format!("还有 {waiting} 项操作保存在本机、尚未发送到服务器，请在截止前连网，它们会自动发送；截止后服务器将不再接收。"),
            format!(
                "{waiting} action(s) are kept on this device and not yet sent; get online before the deadline and they go up by themselves. After the deadline the server takes nothing."
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::china_time::ChinaTime;

    fn body(error: &AppError) -> Vec<u8> {
        error.to_postcard()
    }

    #[test]
    fn a_created_upload_or_a_replayed_first_answer_leaves_the_queue() {
        assert_eq!(read_answer(Some((201, b"{}"))), Answer::Done);
        assert_eq!(read_answer(Some((200, b""))), Answer::Done);
    }

    #[test]
    fn no_answer_at_all_is_tried_again_at_once_when_the_network_allows() {
        assert_eq!(read_answer(None), Answer::TryLater { after_secs: 0, because: None });
    }

    #[test]
    fn a_closed_window_is_a_refusal_kept_with_its_reason() {
        let closed = AppError::UploadClosed {
            closed_at: ChinaTime::of(&chrono::DateTime::parse_from_rfc3339("2026-12-01T17:00:00+08:00").unwrap()),
        };
        assert_eq!(read_answer(Some((403, &body(&closed)))), Answer::Refused(closed));
    }

    #[test]
    fn a_taken_place_or_a_refused_file_is_refused() {
        let taken = AppError::SequenceTaken { seq_no: 2 };
        assert_eq!(read_answer(Some((409, &body(&taken)))), Answer::Refused(taken));
        let reused = AppError::ActionKeyReused;
        assert_eq!(read_answer(Some((422, &body(&reused)))), Answer::Refused(reused));
    }

    #[test]
    fn a_busy_server_a_running_key_or_an_expired_session_keeps_the_action_waiting() {
        let busy = AppError::Busy { retry_after_secs: 5 };
        assert_eq!(read_answer(Some((503, &body(&busy)))), Answer::TryLater { after_secs: 5, because: Some(busy) });
        let running = AppError::ActionInProgress;
        assert_eq!(
            read_answer(Some((409, &body(&running)))),
            Answer::TryLater { after_secs: 1, because: Some(running) }
        );
        let expired = AppError::NotSignedIn;
        assert_eq!(
            read_answer(Some((401, &body(&expired)))),
            Answer::TryLater { after_secs: 0, because: Some(expired) }
        );
    }

    #[test]
    fn a_proxy_page_instead_of_json_on_a_gateway_error_is_tried_again() {
        assert_eq!(
            read_answer(Some((502, b"<html>Bad Gateway</html>"))),
            Answer::TryLater { after_secs: 0, because: Some(AppError::Internal) }
        );
    }

    #[test]
    fn backoff_doubles_from_two_seconds_up_to_a_minute() {
        assert_eq!([0, 1, 2, 3, 5, 6, 40].map(backoff_secs), [2, 2, 4, 8, 32, 60, 60]);
    }

    #[test]
    fn the_warning_counts_what_waits_and_is_silent_when_nothing_does() {
        assert_eq!(waiting_warning(0), None);
        let (zh, en) = waiting_warning(3).unwrap();
        assert!(zh.contains("还有 3 项"), "{zh}");
        assert!(en.starts_with("3 action(s)"), "{en}");
    }

    #[test]
    fn an_action_names_its_category_whatever_its_kind() {
        let action = |kind| PendingAction {
            key: "k-12345678".into(),
            owner: "7:x".into(),
            exam_code: "x".into(),
            order: 1,
            kind,
            refusal: None,
        };
        assert_eq!(
            action(PendingKind::Delete { category: "id_card".into(), material_id: "m".into(), seq_no: 1 }).category(),
            "id_card"
        );
        assert_eq!(
            action(PendingKind::Reorder { category: "degree".into(), ordered_ids: vec![] }).category(),
            "degree"
        );
    }
}
