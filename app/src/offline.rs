//! The exam page's offline logic without a browser, unit-tested here: the files chosen and not
//! sent yet (`chosen_files`), the actions that wait on the device and what an answer means for
//! them (`pending_action`), the pending queue and its decisions (`pending_queue`), the draft kept
//! on the device and how it meets the server's copy (`device_draft`), and its way to the server
//! (`draft_sync`: what a change, a send's answer or 暂存 by hand means), and the format both are kept
//! in (`device_record`). The components around it (`pending_queue`, `draft_keeper`, `upload_form`) hold
//! the signals and do the device's and the network's I/O. It imports the domain and the one
//! `AppError` (a refusal is kept and shown); the domain imports nothing of it.

pub mod chosen_files;
pub mod device_draft;
pub mod device_record;
pub mod draft_sync;
pub mod draft_whereabouts;
pub mod pending_action;
pub mod pending_queue;
