//! What reaches people: the candidate's timeline, in-app notifications, and the outbox of emails
//! and text messages the worker sends.

pub mod masked_recipient;
pub mod notifications;
pub mod official_account_binding;
pub mod outbox;
pub mod outbox_purge;
pub mod text_template;
pub mod timeline;
