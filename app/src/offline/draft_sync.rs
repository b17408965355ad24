//! The personal form's draft on its way from the device to the server, as decisions without a
//! browser: what to do when the device's draft has been read, what to keep on the device after a
//! change, when a send is due, what a send's answer means, and 暂存 by hand. The component
//! (`components::draft_keeper`) holds the signals and the timers, and does the device's and the
//! network's I/O these decisions ask for.
//!
//! The rules: a change counts only once the device's draft was looked at (the page's own first
//! values never overwrite a draft not read yet), and typing done while it was read counts then
//! when the device had no draft (reading may wait for the device's code to arrive); a draft
//! records the server copy it began from; the device forgets its draft only once the server holds
//! exactly that; a dead network or a busy server leaves the typing on the device, to be sent again
//! (when the network is back, or when the busy server said to); a refusal is kept and shown.

use std::time::Duration;

use crate::domain::personal_form::FormValues;
use crate::error::AppError;
use crate::offline::device_draft::{reconcile, DeviceDraft, Reconciled, ServerCopy};
use crate::offline::draft_whereabouts::Whereabouts;

/// The form and the position as one value: what is typed, kept or sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed {
    pub form: FormValues,
    pub position: Option<String>,
}

impl Typed {
    fn as_server_copy(&self) -> ServerCopy<'_> {
        ServerCopy { form: &self.form, position: self.position.as_deref() }
    }
}

/// What one form's draft knows of the server.
#[derive(Clone, Debug)]
pub struct DraftSync {
    /// The server's copy as last known: what the page loaded, or what a send or 暂存 stored since.
    server: Typed,
    /// Its fingerprint, which a draft kept from now on records as what it began from.
    base: String,
    /// Whether the device's draft has been read (changes before count for nothing).
    ready: bool,
}

/// What to do once the device's draft has been read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// Typing the server never got, to put back in the form.
    pub bring_back: Option<Typed>,
    /// Both sides changed: the candidate chooses between this draft and the server's copy.
    pub choose: Option<DeviceDraft>,
    /// The device's draft is what the server holds already: forget it.
    pub forget_device: bool,
    pub whereabouts: Option<Whereabouts>,
    /// The candidate typed while the device was read, and the device had no draft: what the form
    /// holds now is a change, kept and sent as one.
    pub keep_typing: bool,
}

/// What a send's answer asks for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answered {
    pub whereabouts: Option<Whereabouts>,
    /// The server holds what the form holds now: the device's draft can go.
    pub forget_device: bool,
    /// A busy server named when to send again.
    pub send_again_after: Option<Duration>,
}

impl DraftSync {
    /// The form as the page loaded it from the server.
    pub fn new(server: Typed) -> Self {
        let base = server.as_server_copy().fingerprint();
        Self { server, base, ready: false }
    }

    /// The server's copy as last known (shown beside the device's when the candidate chooses).
    pub fn server_copy(&self) -> &Typed {
        &self.server
    }

    /// The device's draft has been read (`None`: there was none); `now`: what the form holds by
    /// then; `at`: the clock's text now.
    pub fn loaded(&mut self, device: Option<DeviceDraft>, now: &Typed, at: &str) -> Loaded {
        self.ready = true;
        let Some(draft) = device else { return Loaded { keep_typing: *now != self.server, ..Loaded::default() } };
        match reconcile(Some(&draft), &self.server.as_server_copy()) {
            Reconciled::Device => Loaded {
                whereabouts: Some(Whereabouts::OnDevice(draft.changed_at.clone())),
                bring_back: Some(Typed { form: draft.form, position: draft.position }),
                ..Loaded::default()
            },
            Reconciled::Choose => Loaded { choose: Some(draft), ..Loaded::default() },
            // The server holds what the device kept (an earlier send got through after all).
            Reconciled::Server => Loaded {
                forget_device: true,
                whereabouts: Some(Whereabouts::Synced(at.to_string())),
                ..Loaded::default()
            },
        }
    }

    /// Whether a change to the form counts (is kept and sent).
    pub fn counts_changes(&self) -> bool {
        self.ready
    }

    /// The draft to keep on the device for what is typed now.
    pub fn draft_of(&self, typed: Typed, at: &str) -> DeviceDraft {
        DeviceDraft { form: typed.form, position: typed.position, base: self.base.clone(), changed_at: at.to_string() }
    }

    /// What the page says once the device kept (or refused) `draft`.
    pub fn kept(draft: &DeviceDraft, kept: bool) -> Whereabouts {
        if kept {
            Whereabouts::OnDevice(draft.changed_at.clone())
        } else {
            Whereabouts::DeviceRefused
        }
    }

    /// Whether typing waits on the device for a send (when the network is back, when a busy
    /// server's wait is over, when the page opens again).
    pub fn waits_to_be_sent(whereabouts: &Whereabouts) -> bool {
        matches!(whereabouts, Whereabouts::OnDevice(_))
    }

    /// The server stored `sent`: a draft kept from now on began from it.
    pub fn stored(&mut self, sent: Typed) {
        self.base = sent.as_server_copy().fingerprint();
        self.server = sent;
    }

    /// What the server's answer to the send of `sent` means; `now`: what the form holds by then.
    /// (Said whether or not this form is still on the page: the whereabouts are the page's.)
    pub fn answered(sent: &Typed, answer: Result<(), AppError>, now: &Typed, at: &str) -> Answered {
        match answer {
            // Typing that came after this send stays on the device for the next one.
            Ok(()) if now != sent => Answered::default(),
            Ok(()) => Answered {
                whereabouts: Some(Whereabouts::Synced(at.to_string())),
                forget_device: true,
                ..Answered::default()
            },
            Err(AppError::Transport(_)) => {
                Answered { whereabouts: Some(Whereabouts::OnDevice(at.to_string())), ..Answered::default() }
            }
            Err(AppError::Busy { retry_after_secs }) => Answered {
                whereabouts: Some(Whereabouts::OnDevice(at.to_string())),
                send_again_after: Some(Duration::from_secs(retry_after_secs)),
                ..Answered::default()
            },
            Err(refused) => Answered { whereabouts: Some(Whereabouts::ServerRefused(refused)), ..Answered::default() },
        }
    }

    /// 暂存 or 提交审核 stored `typed` by hand: the server has it all, the device's draft can go.
    pub fn saved_by_hand(&mut self, typed: Typed, at: &str) -> Whereabouts {
        self.stored(typed);
        Whereabouts::Synced(at.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(school: &str) -> Typed {
        Typed { form: [("school".to_string(), school.to_string())].into_iter().collect(), position: None }
    }

    #[test]
    fn changes_count_only_once_the_device_was_read() {
        let mut sync = DraftSync::new(typed("示例"));
        assert!(!sync.counts_changes());
        assert_eq!(sync.loaded(None, &typed("示例"), "09:00"), Loaded::default());
        assert!(sync.counts_changes());
    }

    #[test]
    fn typing_done_while_the_device_was_read_counts_once_it_was() {
        let mut sync = DraftSync::new(typed("示例"));
        let loaded = sync.loaded(None, &typed("示例财经大学"), "09:00");
        assert!(loaded.keep_typing);
        assert_eq!((loaded.bring_back, loaded.choose, loaded.whereabouts), (None, None, None));
    }

    #[test]
    fn typing_the_server_never_got_comes_back_and_waits_to_be_sent() {
        let mut sync = DraftSync::new(typed("示例"));
        let draft = sync.draft_of(typed("示例财经大学"), "08:59");
        let loaded = sync.loaded(Some(draft), &typed("示例"), "09:00");
        assert_eq!(loaded.bring_back, Some(typed("示例财经大学")));
        assert_eq!(loaded.whereabouts, Some(Whereabouts::OnDevice("08:59".into())));
        assert!(DraftSync::waits_to_be_sent(&loaded.whereabouts.unwrap()));
        assert!(!loaded.forget_device);
    }

    #[test]
    fn a_draft_the_server_already_holds_is_forgotten_and_shown_synced() {
        let mut sync = DraftSync::new(typed("示例财经大学"));
        let draft = DraftSync::new(typed("示例")).draft_of(typed("示例财经大学"), "08:59");
        let loaded = sync.loaded(Some(draft), &typed("示例财经大学"), "09:00");
        assert!(loaded.forget_device);
        assert_eq!(loaded.whereabouts, Some(Whereabouts::Synced("09:00".into())));
        assert_eq!(loaded.bring_back, None);
    }

    #[test]
    fn when_both_sides_changed_the_candidate_chooses() {
        let draft = DraftSync::new(typed("示例")).draft_of(typed("手机上写的"), "08:59");
        let mut sync = DraftSync::new(typed("电脑上写的"));
        let loaded = sync.loaded(Some(draft.clone()), &typed("电脑上写的"), "09:00");
        assert_eq!(loaded.choose, Some(draft));
        assert_eq!((loaded.bring_back, loaded.whereabouts, loaded.forget_device), (None, None, false));
    }

    #[test]
    fn a_draft_records_the_server_copy_it_began_from_and_a_stored_send_moves_that_on() {
        let mut sync = DraftSync::new(typed("示例"));
        sync.loaded(None, &typed("示例"), "09:00");
        let first = sync.draft_of(typed("示例财"), "09:01");
        assert_eq!(first.base, typed("示例").as_server_copy().fingerprint());
        sync.stored(typed("示例财"));
        assert_eq!(sync.draft_of(typed("示例财经"), "09:03").base, typed("示例财").as_server_copy().fingerprint());
        assert_eq!(sync.server_copy(), &typed("示例财"));
    }

    #[test]
    fn a_stored_send_forgets_the_device_only_when_nothing_was_typed_since() {
        let answered = DraftSync::answered(&typed("示例"), Ok(()), &typed("示例"), "09:02");
        assert_eq!(answered.whereabouts, Some(Whereabouts::Synced("09:02".into())));
        assert!(answered.forget_device);
        let answered = DraftSync::answered(&typed("示例财"), Ok(()), &typed("示例财经"), "09:03");
        assert_eq!(answered, Answered::default(), "the later typing stays on the device for the next send");
    }

    #[test]
    fn a_dead_network_leaves_the_typing_on_the_device() {
        let answered =
            DraftSync::answered(&typed("示例"), Err(AppError::Transport("offline".into())), &typed("示例"), "09:04");
        assert_eq!(answered.whereabouts, Some(Whereabouts::OnDevice("09:04".into())));
        assert!(!answered.forget_device);
        assert_eq!(answered.send_again_after, None);
    }

    #[test]
    fn a_busy_server_is_sent_again_when_it_said() {
        let answered =
            DraftSync::answered(&typed("示例"), Err(AppError::Busy { retry_after_secs: 3 }), &typed("示例"), "09:05");
        assert_eq!(answered.send_again_after, Some(Duration::from_secs(3)));
        assert!(DraftSync::waits_to_be_sent(&answered.whereabouts.unwrap()));
    }

    #[test]
    fn a_refusal_is_shown_and_not_sent_again_by_itself() {
        let answered = DraftSync::answered(&typed("示例"), Err(AppError::Forbidden), &typed("示例"), "09:06");
        assert_eq!(answered.whereabouts, Some(Whereabouts::ServerRefused(AppError::Forbidden)));
        assert!(!DraftSync::waits_to_be_sent(&answered.whereabouts.unwrap()));
        assert!(!answered.forget_device && answered.send_again_after.is_none());
    }

    #[test]
    fn saved_by_hand_the_server_has_it_all() {
        let mut sync = DraftSync::new(typed(""));
        assert_eq!(sync.saved_by_hand(typed("示例"), "09:07"), Whereabouts::Synced("09:07".into()));
        assert_eq!(sync.server_copy(), &typed("示例"));
        assert_eq!(sync.draft_of(typed("示例财"), "09:08").base, typed("示例").as_server_copy().fingerprint());
    }

    #[test]
    fn a_refused_device_is_said_so() {
        let draft = DraftSync::new(typed("")).draft_of(typed("示例"), "09:09");
        assert_eq!(DraftSync::kept(&draft, true), Whereabouts::OnDevice("09:09".into()));
        assert_eq!(DraftSync::kept(&draft, false), Whereabouts::DeviceRefused);
    }
}
