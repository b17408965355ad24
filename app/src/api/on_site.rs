//! Server functions of the branch's on-site check (现场报名, seed 004): the exam's staff only.

pub mod on_site_decide;
pub mod on_site_find;
pub mod on_site_progress;
pub mod on_site_record_fee;
pub mod on_site_tick;

pub use on_site_decide::on_site_decide;
pub use on_site_find::on_site_find;
pub use on_site_progress::admin_on_site_progress;
pub use on_site_record_fee::on_site_record_fee;
pub use on_site_tick::on_site_tick;
