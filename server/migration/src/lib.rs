//! Schema migrations, applied at start-up. Append-only: a released migration is never edited;
//! a change is a new file.

pub use sea_orm_migration::prelude::*;

mod m20261121_000001_create_users;
mod m20261121_000002_create_exams;
mod m20261121_000003_create_materials;
mod m20261121_000004_create_sessions;
mod m20261121_000005_candidate_journey;
mod m20261121_000006_review;
mod m20261122_000007_add_session_generation;
mod m20261122_000008_create_recovery_codes;
mod m20261122_000009_notifications_held_for_results;
mod m20261122_000010_outbox_held_for_results;
mod m20261123_000011_create_idempotency_keys;
mod m20261123_000012_create_payment_orders;
mod m20261123_000013_create_payment_notices;
mod m20261123_000014_create_seat_assignments;
mod m20261123_000015_create_document_templates;
mod m20261125_000016_recovery_code_requester;
mod m20261125_000017_create_ticket_keys;
mod m20261125_000018_create_second_factors;
mod m20261125_000019_create_second_factor_recovery_codes;
mod m20261126_000020_outbox_text_templates;
mod m20261126_000021_create_picture_findings;
mod m20261126_000022_create_similar_pictures;
mod m20261126_000023_picture_findings_document_number;
mod m20261126_000024_create_advice_receipts;
mod m20261127_000025_picture_findings_compared_at;
mod m20261127_000026_picture_findings_id_number_retry_at;
mod m20261127_000027_second_factors_wrong_codes;
mod m20261127_000028_eligible_candidates_notice;
mod m20261127_000029_create_on_site_checks;
mod m20261128_000030_reviewer_assignments_duty;
mod m20261128_000031_create_provider_identities;
mod m20261128_000032_eligible_candidates_registration;
mod m20261128_000033_picture_findings_document_number_retry_at;
mod m20261128_000034_materials_blob_key_and_time_indexes;
mod m20261128_000035_picture_findings_work_indexes;
mod m20261128_000036_create_installation_secrets;
mod m20261128_000037_create_told_numbers;
mod m20261128_000038_create_set_aside_accounts;
mod m20261128_000039_payment_orders_paid_once;
mod m20261128_000040_create_mobile_codes;
mod m20261128_000041_users_mobile_verified_at;
mod m20261129_000042_on_site_checks_version;
mod m20261129_000043_eligible_candidates_from_registration_system;
mod m20261129_000044_on_site_word;
mod m20261129_000045_gateway_word;
mod m20261129_000046_picture_findings_on_records;
mod m20261130_000047_create_exam_scores;
mod m20261130_000048_create_score_releases;
mod m20261130_000049_create_notice_acceptances;
mod m20261130_000050_create_official_account_bindings;
mod m20261130_000051_outbox_links;
mod m20261130_000052_id_validity;
mod m20261130_000053_create_material_thumbnails;
mod m20261130_000054_face_place;
mod m20261202_000055_idempotency_run;
mod m20261203_000056_page_marks;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_create_users::Migration),
            Box::new(m20261121_000002_create_exams::Migration),
            Box::new(m20261121_000003_create_materials::Migration),
            Box::new(m20261121_000004_create_sessions::Migration),
            Box::new(m20261121_000005_candidate_journey::Migration),
            Box::new(m20261121_000006_review::Migration),
            Box::new(m20261122_000007_add_session_generation::Migration),
            Box::new(m20261122_000008_create_recovery_codes::Migration),
            Box::new(m20261122_000009_notifications_held_for_results::Migration),
            Box::new(m20261122_000010_outbox_held_for_results::Migration),
            Box::new(m20261123_000011_create_idempotency_keys::Migration),
            Box::new(m20261123_000012_create_payment_orders::Migration),
            Box::new(m20261123_000013_create_payment_notices::Migration),
            Box::new(m20261123_000014_create_seat_assignments::Migration),
            Box::new(m20261123_000015_create_document_templates::Migration),
            Box::new(m20261125_000016_recovery_code_requester::Migration),
            Box::new(m20261125_000017_create_ticket_keys::Migration),
            Box::new(m20261125_000018_create_second_factors::Migration),
            Box::new(m20261125_000019_create_second_factor_recovery_codes::Migration),
            Box::new(m20261126_000020_outbox_text_templates::Migration),
            Box::new(m20261126_000021_create_picture_findings::Migration),
            Box::new(m20261126_000022_create_similar_pictures::Migration),
            Box::new(m20261126_000023_picture_findings_document_number::Migration),
            Box::new(m20261126_000024_create_advice_receipts::Migration),
            Box::new(m20261127_000025_picture_findings_compared_at::Migration),
            Box::new(m20261127_000026_picture_findings_id_number_retry_at::Migration),
            Box::new(m20261127_000027_second_factors_wrong_codes::Migration),
            Box::new(m20261127_000028_eligible_candidates_notice::Migration),
            Box::new(m20261127_000029_create_on_site_checks::Migration),
            Box::new(m20261128_000030_reviewer_assignments_duty::Migration),
            Box::new(m20261128_000031_create_provider_identities::Migration),
            Box::new(m20261128_000032_eligible_candidates_registration::Migration),
            Box::new(m20261128_000033_picture_findings_document_number_retry_at::Migration),
            Box::new(m20261128_000034_materials_blob_key_and_time_indexes::Migration),
            Box::new(m20261128_000035_picture_findings_work_indexes::Migration),
            Box::new(m20261128_000036_create_installation_secrets::Migration),
            Box::new(m20261128_000037_create_told_numbers::Migration),
            Box::new(m20261128_000038_create_set_aside_accounts::Migration),
            Box::new(m20261128_000039_payment_orders_paid_once::Migration),
            Box::new(m20261128_000040_create_mobile_codes::Migration),
            Box::new(m20261128_000041_users_mobile_verified_at::Migration),
            Box::new(m20261129_000042_on_site_checks_version::Migration),
            Box::new(m20261129_000043_eligible_candidates_from_registration_system::Migration),
            Box::new(m20261129_000044_on_site_word::Migration),
            Box::new(m20261129_000045_gateway_word::Migration),
            Box::new(m20261129_000046_picture_findings_on_records::Migration),
            Box::new(m20261130_000047_create_exam_scores::Migration),
            Box::new(m20261130_000048_create_score_releases::Migration),
            Box::new(m20261130_000049_create_notice_acceptances::Migration),
            Box::new(m20261130_000050_create_official_account_bindings::Migration),
            Box::new(m20261130_000051_outbox_links::Migration),
            Box::new(m20261130_000052_id_validity::Migration),
            Box::new(m20261130_000053_create_material_thumbnails::Migration),
            Box::new(m20261130_000054_face_place::Migration),
            Box::new(m20261202_000055_idempotency_run::Migration),
            Box::new(m20261203_000056_page_marks::Migration),
        ]
    }
}
