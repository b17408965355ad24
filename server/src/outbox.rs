//! The server's outbox: the worker that sends what decisions wrote there, and where emails leave.

pub mod mailer;
pub mod outbox_worker;
