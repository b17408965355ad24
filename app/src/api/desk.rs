//! Server functions of the branch's desk (现场报名, seed 004): the exam's staff only.

pub mod desk_decide;
pub mod desk_find;
pub mod desk_progress;
pub mod desk_record_fee;
pub mod desk_tick;

pub use desk_decide::desk_decide;
pub use desk_find::desk_find;
pub use desk_progress::admin_desk_progress;
pub use desk_record_fee::desk_record_fee;
pub use desk_tick::desk_tick;
