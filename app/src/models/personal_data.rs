//! An exam's personal data as the retention panel shows it: until when it is kept, and what the
//! deletion would take (the dry run), or took.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalDataHeld {
    /// `personal_data_until` from the exam file, as written ("2027-06-30"); None: not set.
    pub until: Option<String>,
    /// The day has passed: the deletion may run (and the server runs it on its own).
    pub due: bool,
    /// Candidates whose pictures or forms are still held.
    pub candidates: u32,
    pub pictures: u32,
    pub forms: u32,
    /// Backups taken before now (from the audit log), which still hold the data.
    pub backups: Vec<(ChinaTime, String)>,
}
