//! 现场报名 at the branch's on-site check (seed 004, 七 and 八): staff find an approved candidate by the
//! code on their printed 报名登记表 or by ID number, tick each original seen and each 留存 item
//! received, and record 原件审核通过 or 不通过 (once: two staff members at once, one wins); the candidate
//! reads the outcome on their timeline; the on-site fee waits for 通过 (`payments`); the 材料交接单
//! lists what the branch kept; administrators follow the day's progress.

pub mod check_versions;
pub mod issued_facts;
pub mod on_site_candidate;
pub mod on_site_check;
pub mod on_site_fee;
pub mod on_site_lookup;
pub mod on_site_progress;
