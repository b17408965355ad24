//! One rule the server and the device share about an action sent with an `Idempotency-Key`: which
//! answers settle it. The server keeps such an answer to give again to a repeat of the key
//! (`server/src/http/middleware/idempotency.rs`); the device's pending queue forgets the action, or keeps it
//! shown as refused (`offline::pending_action`).

/// Whether an answer with this status settles the action (done, or refused for good); 408, 429
/// and every 5xx say "not done, try again", so the server forgets the key and the phone keeps
/// the action.
pub fn settles(status: u16) -> bool {
    status < 500 && status != 408 && status != 429
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_answers_that_settle_the_action_are_given_again() {
        for done in [200, 201, 403, 404, 409, 413, 422] {
            assert!(settles(done), "{done}");
        }
        for retry in [408, 429, 500, 503, 507] {
            assert!(!settles(retry), "{retry}");
        }
    }
}
