//! The append-only audit log: decisions, unlocks, role changes, failed logins and every money action, each with who
//! did it and when (UTC). There is deliberately no function here that changes or deletes a line.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, QuerySelect, Set};

use crate::error::AppError;
use crate::models::admin::{AuditQuery, AuditRow};
use crate::ssr::{entities::audit_entry, entities::user};

/// What happened, as the log names it.
#[derive(Clone, Copy, Debug)]
pub enum AuditAction {
    Decision,
    Unlock,
    RoleChange,
    FailedLogin,
    IdNumberRevealed,
    PasswordReset,
    PasswordChanged,
    IdNumberReleased,
    AccountCreated,
    DemoDataCreated,
    ExamCreated,
    ExamChanged,
    WindowsChanged,
    EligibilityImported,
    /// An exam's score sheet imported (replacing the scores before it).
    ScoresImported,
    /// When an exam's scores are published, set or moved.
    ScoresReleaseSet,
    ExampleAdded,
    OrderCreated,
    OrderClosed,
    OrderPaid,
    OrderRefunded,
    /// Staff asked the payment gateway for a refund that it took and has not finished (退款中).
    OrderRefundRequested,
    OnSitePaymentRecorded,
    /// A notification kept without paying its order (a repeat, or money flagged for staff).
    PaymentNoticeKept,
    PaymentFlagSettled,
    /// A round of seats given for an exam's admission tickets.
    SeatsAssigned,
    /// An exam's document template saved, or set back to the shipped one.
    TemplateChanged,
    /// An export (results, seats, payments) downloaded: it carries candidates' data out.
    ExportDownloaded,
    /// A new admission-ticket key made (`server ticket rotate-key`).
    TicketKeyRotated,
    /// A staff member's authenticator confirmed (and ten recovery codes issued).
    SecondFactorEnrolled,
    /// A staff member signed in with a recovery code instead of the authenticator's code.
    SecondFactorRecoveryCodeUsed,
    /// An administrator removed a staff member's authenticator; they enrol again at next sign-in.
    SecondFactorReset,
    /// An administrator sent a given-up email or text again (after mending what refused it).
    MessageResent,
    BackupTaken,
    BackupRestored,
    PersonalDataDeleted,
    AccountDeleted,
    /// 资格名单's texts queued (seed 004: the listed candidates told how to apply).
    ListedCandidatesTexted,
    /// More days given to one listed candidate, with the reason.
    OwnDaysExtended,
    /// 原件审核通过 or 不通过 recorded at the branch's on-site check.
    OnSiteCheckRecorded,
    /// An identity at the authority's identity provider joined to an account (a new account made
    /// from its claims, or its owner's, signed in with the password).
    ProviderIdentityLinked,
    /// The registration system vouched for an ID number's holder, and the unverified self-made
    /// account holding the number was set aside for them (issue 64).
    AccountSetAside,
    /// A candidate looked up at the branch's on-site check (by the form's code or an ID number).
    OnSiteLookup,
    /// The originals ticked at the on-site check (seen, and the 留存 items received).
    OnSiteTicks,
    /// A 材料交接单 printed at the on-site check.
    HandoverPrinted,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Decision => "decision",
            AuditAction::Unlock => "unlock",
            AuditAction::RoleChange => "role_change",
            AuditAction::FailedLogin => "failed_login",
            AuditAction::IdNumberRevealed => "id_number_revealed",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::IdNumberReleased => "id_number_released",
            AuditAction::AccountCreated => "account_created",
            AuditAction::DemoDataCreated => "demo_data_created",
            AuditAction::ExamCreated => "exam_created",
            AuditAction::ExamChanged => "exam_changed",
            AuditAction::WindowsChanged => "windows_changed",
            AuditAction::EligibilityImported => "eligibility_imported",
            AuditAction::ScoresImported => "scores_imported",
            AuditAction::ScoresReleaseSet => "scores_release_set",
            AuditAction::ExampleAdded => "example_added",
            AuditAction::OrderCreated => "order_created",
            AuditAction::OrderClosed => "order_closed",
            AuditAction::OrderPaid => "order_paid",
            AuditAction::OrderRefunded => "order_refunded",
            AuditAction::OrderRefundRequested => "order_refund_requested",
            AuditAction::OnSitePaymentRecorded => "on_site_payment_recorded",
            AuditAction::PaymentNoticeKept => "payment_notice_kept",
            AuditAction::PaymentFlagSettled => "payment_flag_settled",
            AuditAction::SeatsAssigned => "seats_assigned",
            AuditAction::TemplateChanged => "template_changed",
            AuditAction::ExportDownloaded => "export_downloaded",
            AuditAction::TicketKeyRotated => "ticket_key_rotated",
            AuditAction::SecondFactorEnrolled => "second_factor_enrolled",
            AuditAction::SecondFactorRecoveryCodeUsed => "second_factor_recovery_code_used",
            AuditAction::SecondFactorReset => "second_factor_reset",
            AuditAction::MessageResent => "message_resent",
            AuditAction::BackupTaken => "backup_taken",
            AuditAction::BackupRestored => "backup_restored",
            AuditAction::PersonalDataDeleted => "personal_data_deleted",
            AuditAction::AccountDeleted => "account_deleted",
            AuditAction::ListedCandidatesTexted => "listed_candidates_texted",
            AuditAction::OwnDaysExtended => "own_days_extended",
            AuditAction::OnSiteCheckRecorded => "on_site_check_recorded",
            AuditAction::ProviderIdentityLinked => "provider_identity_linked",
            AuditAction::AccountSetAside => "account_set_aside",
            AuditAction::OnSiteLookup => "on_site_lookup",
            AuditAction::OnSiteTicks => "on_site_ticks",
            AuditAction::HandoverPrinted => "handover_printed",
        }
    }
}

/// How a person appears in the log: name and masked ID number, as they were at the time.
pub fn actor_label(account: &user::Model) -> String {
    format!("{} ({})", account.name, account.masked_id_number())
}

/// An ID number someone typed, masked like a stored one (never written to the log in full).
pub fn masked_id_number(typed: &str) -> String {
    use crate::domain::{IdNumber, IdType};
    let typed = typed.trim().to_ascii_uppercase();
    IdNumber::parse(IdType::ResidentId, &typed)
        .or_else(|_| IdNumber::parse(IdType::Passport, &typed))
        .map(|n| n.masked())
        .unwrap_or_else(|_| "***".to_string())
}

/// Appends a line; inside the caller's transaction when it is part of a decision.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<&user::Model>,
    action: AuditAction,
    target: &str,
    detail: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    audit_entry::ActiveModel {
        at: Set(at),
        actor_id: Set(actor.map(|a| a.id)),
        actor: Set(actor.map(actor_label).unwrap_or_else(|| "anonymous".to_string())),
        action: Set(action.as_str().to_string()),
        target: Set(target.to_string()),
        detail: Set(detail.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Whether the log holds any line of this kind (one-time steps mark themselves done this way).
pub async fn has_action(db: &DatabaseConnection, action: AuditAction) -> Result<bool, AppError> {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let count = audit_entry::Entity::find().filter(audit_entry::Column::Action.eq(action.as_str())).count(db).await?;
    Ok(count > 0)
}

/// A page of the lines the query selects, newest first, read by id (keyset), so page 100 costs
/// what page 1 does.
pub async fn page(db: &DatabaseConnection, query: &AuditQuery, limit: u64) -> Result<Vec<AuditRow>, AppError> {
    use sea_orm::{ColumnTrait, Condition, QueryFilter};
    let mut select = audit_entry::Entity::find();
    if let Some(action) = query.action.as_deref().filter(|a| !a.is_empty()) {
        select = select.filter(audit_entry::Column::Action.eq(action));
    }
    if query.hide_failed_logins {
        select = select.filter(audit_entry::Column::Action.ne(AuditAction::FailedLogin.as_str()));
    }
    if let Some(text) = query.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        select = select.filter(
            Condition::any()
                .add(audit_entry::Column::Actor.contains(text))
                .add(audit_entry::Column::Target.contains(text))
                .add(audit_entry::Column::Detail.contains(text)),
        );
    }
    if let Some(before) = query.before_id {
        select = select.filter(audit_entry::Column::Id.lt(before));
    }
    let rows = select.order_by_desc(audit_entry::Column::Id).limit(limit).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditRow {
            id: r.id,
            at: crate::domain::china_time::china_time(r.at),
            actor: r.actor,
            action: r.action,
            target: r.target,
            detail: r.detail,
        })
        .collect())
}
