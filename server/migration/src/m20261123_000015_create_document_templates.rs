//! Document templates an administrator changed for one exam (issue 13): the Typst source that
//! lays out that exam's 上传回执, 报名登记表 or 准考证. No row means the template shipped in
//! `exams/templates/`; going back to it deletes the row.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261121_000001_create_users::Users;
use super::m20261121_000002_create_exams::Exams;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DocumentTemplates::Table)
                    .if_not_exists()
                    // The exam whose documents this lays out.
                    .col(string(DocumentTemplates::ExamCode))
                    // Which document: "upload_receipt", "registration_form" or "admission_ticket"
                    // (`domain::document_kind`).
                    .col(string(DocumentTemplates::Document))
                    // The Typst source as the administrator saved it; it laid out sample data
                    // without an error when it was saved.
                    .col(text(DocumentTemplates::Source))
                    // When it was saved (UTC), shown beside it on the administration page.
                    .col(timestamp_with_time_zone(DocumentTemplates::SavedAt))
                    // Who saved it (the audit log has the same, with the change's detail).
                    .col(integer(DocumentTemplates::SavedBy))
                    // One template per exam and document.
                    .primary_key(Index::create().col(DocumentTemplates::ExamCode).col(DocumentTemplates::Document))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_document_templates_exam")
                            .from(DocumentTemplates::Table, DocumentTemplates::ExamCode)
                            .to(Exams::Table, Exams::Code)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_document_templates_saved_by")
                            .from(DocumentTemplates::Table, DocumentTemplates::SavedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(DocumentTemplates::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum DocumentTemplates {
    Table,
    ExamCode,
    Document,
    Source,
    SavedAt,
    SavedBy,
}
