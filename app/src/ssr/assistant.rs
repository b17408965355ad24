//! The reviewer's assistant, in one room: it looks at every stored picture when uploads are
//! quiet, reads the holder's ID number on ID cards and on records that print one, and the
//! 证书编号 on records that print a diploma's (compared with the 高等教育学历 rows), finds pictures
//! alike across candidates and keeps the receipts of the photo tool's advice. Its face to the rest
//! of the server is narrow: wake it (a picture was stored; `infra::assistant_port`, which the
//! server state holds), forget pictures (`picture_assistant::forget`), compare the 证书编号s read
//! again once a candidate saved the rows (`diploma_number_check::compare_with_rows`), and its
//! findings, which the reviewer's room, the administrators' report of pairs and a person's copy of
//! their data read through `findings_in_queue`, `findings_on_screen`, `similar_pairs_report` and
//! `own_findings`. It asks the `picture_checks` crate what a picture shows (`picture_analysis`).

pub mod advice_receipts;
pub mod assistant_state;
pub mod card_number_check;
pub mod diploma_number_check;
pub mod diploma_number_retry;
pub mod document_number_retry;
pub mod documents_differ;
pub mod findings_in_queue;
pub mod findings_on_screen;
pub mod id_number_retry;
pub mod kept_page_marks;
pub mod own_findings;
pub mod pass_plan;
pub mod picture_analysis;
pub mod picture_assistant;
pub mod picture_comparison;
pub mod picture_hashes;
pub mod quiet_picture_work;
pub mod reading_retry;
pub mod similar_pairs_report;
