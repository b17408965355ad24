//! The server's integration tests, one test binary: each file here was once a binary of its own,
//! which linked the whole server and compiled the harness (`support`) again, about 6 s each and
//! most of the test build's time on a clean clone. Tests that read the process's log are in
//! `log_reading`, and `my_data_at_scale.rs` counts the process's heap: both stay apart, so no
//! other test's lines or allocations land in what they measure.
#[path = "../support/mod.rs"]
mod support;

mod account_administration;
mod accounts;
mod admin_audit;
mod admin_records;
mod admission_ticket;
mod alipay;
mod alipay_adapter;
mod assistant_order;
mod backup_restore;
mod blob_lifecycle;
mod candidate_results;
mod check_files_cli;
mod crash_safety;
mod database_faults;
mod decode_pressure;
mod diploma_rows;
mod documents;
mod erasure_traces;
mod exam_cli;
mod exam_scores;
mod idempotent_actions;
mod introduction_letter;
mod journey;
mod listed_days;
mod material_thumbnails;
mod my_data;
mod notice_then_pledge;
mod official_account_messages;
mod on_site;
mod outbox;
mod ownership;
mod page_like_uploaders;
mod payment_records;
mod payments;
mod personal_data_retention;
mod photo_confirmation;
mod positions_table;
mod presets;
mod private_files;
mod public_server;
mod queue_benchmark;
mod record_readings;
mod required_when;
mod review_access;
mod review_guards;
mod review_loop;
mod reviewer_assistant;
mod seating;
mod second_factor;
mod several_servers;
mod sign_up_seed_002;
mod storage_fault_benchmark;
mod storage_faults;
mod storage_trouble;
mod stored_metadata;
mod stored_words;
mod uploads;
mod wechatpay;
mod windows;
mod write_races;
