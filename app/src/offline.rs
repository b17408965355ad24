//! The exam page's offline logic without a browser: what the candidate chose and has not sent
//! yet. Pure Rust, unit-tested here; the components keep only the signals and the device's I/O
//! around it. (The outbox's and the draft keeper's decisions are to move here next, issue 31.)

pub mod chosen_files;
