//! 资格名单 as the administrator's exam page receives it (seed 004): what an import kept and every
//! bad row, who is listed, whether their text went, their own last day and where they stand, and
//! what 发送通知短信 queued.

use serde::{Deserialize, Serialize};

use crate::domain::china_time::ChinaTime;

/// What an eligibility import did: how many rows were kept, and every bad row by line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EligibilityReport {
    pub accepted: u64,
    pub total_on_list: u64,
    pub problems: Vec<(u64, String, String)>,
}

/// 资格名单 on an exam's page (seed 004): who is listed, whether their text went, their own last
/// day and where they stand, with counts over the whole list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListedCandidates {
    /// The exam's own days from the text (`upload_days_after_notice`); None: the window alone.
    pub days: Option<u32>,
    pub counts: ListedCounts,
    /// The first rows by ID number (at most `ListedCandidates::SHOWN`; the export holds all).
    pub rows: Vec<ListedCandidateRow>,
}

impl ListedCandidates {
    pub const SHOWN: usize = 500;
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListedCounts {
    pub total: u64,
    /// The list gave no mobile number: no text can go.
    pub no_mobile: u64,
    /// Never texted, or the text was given up (未送达): "not yet told".
    pub not_told: u64,
    /// Texted, the SMS gateway has not accepted it yet.
    pub waiting: u64,
    /// The SMS gateway accepted the text: their days run.
    pub told: u64,
    pub submitted: u64,
    /// 逾期放弃.
    pub lapsed: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListedCandidateRow {
    /// The key the page's actions send back (the administrator imported it).
    pub id_number: String,
    pub id_number_masked: String,
    pub name: String,
    pub mobile_masked: Option<String>,
    /// 未发送 / 待发送 / 未送达 / 已送达 (with when), in both languages.
    pub notice_zh: String,
    pub notice_en: String,
    /// The close of their own last day, once their text was accepted.
    pub last_day: Option<ChinaTime>,
    pub extra_days: i32,
    /// Where the application stands (逾期放弃 where lapsed).
    pub standing_zh: String,
    pub standing_en: String,
    pub lapsed: bool,
}

/// What 发送通知短信 queued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticesQueued {
    pub queued: u64,
    /// Listed without a mobile number: not texted.
    pub without_mobile: u64,
}
