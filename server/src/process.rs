//! What a server process runs: start-up from configuration, and the work it does in the background.

pub mod background_tasks;
pub mod startup;
