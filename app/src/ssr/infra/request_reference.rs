//! The reference of the request being answered: the start of its id (`x-request-id`, which every
//! log line of the request carries in its span), short enough for a person to read out to
//! support. Set by the server's outermost layer for the whole of a request's handling.

use std::future::Future;

tokio::task_local! {
    static REFERENCE: String;
}

/// How much of the id a person is shown: eight hex digits find the line among a day's requests.
const SHOWN: usize = 8;

/// Runs `work` as the handling of the request with this id.
pub fn within<F: Future>(request_id: &str, work: F) -> impl Future<Output = F::Output> {
    REFERENCE.scope(request_id.chars().take(SHOWN).collect(), work)
}

/// The reference of the request being answered; None outside one (a background task).
pub fn current() -> Option<String> {
    REFERENCE.try_with(Clone::clone).ok().filter(|reference| !reference.is_empty())
}
