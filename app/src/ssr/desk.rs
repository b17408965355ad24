//! 现场报名 at the branch's desk (seed 004, 七 and 八): staff find an approved candidate by the
//! code on their printed 报名登记表 or by ID number, tick each original seen and each 留存 item
//! received, and record 原件审核通过 or 不通过 (once: two desks at once, one wins); the candidate
//! reads the outcome on their timeline; the on-site fee waits for 通过 (`payments`); the 材料交接单
//! lists what the branch kept; administrators follow the day's progress.

pub mod check_versions;
pub mod desk_check;
pub mod desk_fee;
pub mod desk_lookup;
pub mod desk_progress;
