//! What the administrator's pages receive: exams with their counts, reviewers, the audit log and
//! the progress chart (the 资格名单's in `listed_candidates`).

use serde::{Deserialize, Serialize};

use super::exam::ExamSummary;
use crate::domain::china_time::ChinaTime;
use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::{ApplicationState, ExamPhase};

/// An exam on the administrator's list, with how many candidates are in each state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminExamRow {
    pub exam: ExamSummary,
    pub phase: ExamPhase,
    pub opens_at: ChinaTime,
    pub closes_at: ChinaTime,
    /// Applications per state; candidates who never entered are not counted.
    pub counts: Vec<(ApplicationState, u64)>,
    pub eligibility: crate::domain::Eligibility,
    pub on_list: u64,
}

/// A preset an exam can be created from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PresetInfo {
    pub code: String,
    pub file: String,
    pub title_zh: String,
    pub title_en: String,
}

/// One exam on its administration page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminExamPage {
    pub row: AdminExamRow,
    /// The exam file as the administrator wrote it.
    pub source: String,
    /// The four windows as `<input type="datetime-local">` values, in the exam's offset.
    pub windows_local: [String; 4],
    /// That offset, e.g. "+08:00".
    pub offset: String,
    /// The exam's fee, when it charges one (staff record on-site payments and refunds).
    #[serde(default)]
    pub fee: Option<crate::domain::exam_fee::ExamFee>,
    /// Today in the exam's offset ("2026-11-23"): the reconciliation's default day.
    #[serde(default)]
    pub today: String,
    /// Whether the exam prints admission tickets (its file has a [ticket]): rooms and seats.
    #[serde(default)]
    pub tickets: bool,
    /// The documents the exam prints, each laid out from a template the administrator may change.
    #[serde(default)]
    pub documents: Vec<crate::domain::document_kind::DocumentKind>,
}

/// A reviewer account on the administrator's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewerRow {
    pub id: UserId,
    pub name: String,
    pub id_number_masked: String,
    pub email: Option<String>,
    /// The exams named for, by code, and what for.
    pub assignments: Vec<(ExamCode, crate::domain::staff_duty::StaffDuty)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// The line's place in the log: pages are read by it (newest first).
    pub id: i32,
    pub at: ChinaTime,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// Applications per state at the end of each day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressSeries {
    pub exam: ExamSummary,
    /// YYYY-MM-DD in the exam's offset.
    pub days: Vec<String>,
    pub series: Vec<(ApplicationState, Vec<u64>)>,
}

/// Which lines of the audit log to read: one kind of action, or all but failed logins (so a flood
/// of them hides nothing else); text the actor or target contains; lines older than `before_id`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub hide_failed_logins: bool,
    #[serde(default)]
    pub before_id: Option<i32>,
}

/// Every kind of line the audit log holds (as `ssr::audit::AuditAction` names them), with the
/// words the filter shows.
pub const AUDIT_ACTIONS: [(&str, &str, &str); 46] = [
    ("decision", "审核决定", "Decision"),
    ("unlock", "退回解锁", "Unlock"),
    ("role_change", "角色变更", "Role change"),
    ("failed_login", "登录失败", "Failed login"),
    ("id_number_revealed", "查看完整证件号", "ID number revealed"),
    ("password_reset", "重置密码", "Password reset"),
    ("password_changed", "修改密码", "Password changed"),
    ("id_number_released", "释放证件号", "ID number released"),
    ("account_created", "创建账号", "Account created"),
    ("demo_data_created", "创建演示数据", "Demo data created"),
    ("exam_created", "创建考试", "Exam created"),
    ("exam_changed", "修改考试配置", "Exam file changed"),
    ("windows_changed", "修改时间窗口", "Windows changed"),
    ("eligibility_imported", "导入考生名单", "Eligibility list imported"),
    ("scores_imported", "导入考试成绩", "Scores imported"),
    ("scores_release_set", "设置成绩公布时间", "Score publication time set"),
    ("example_added", "上传示例图片", "Example picture added"),
    ("order_created", "生成订单", "Order created"),
    ("order_closed", "关闭订单", "Order closed"),
    ("order_paid", "订单支付成功", "Order paid"),
    ("order_refunded", "退款", "Order refunded"),
    ("order_refund_requested", "申请退款（处理中）", "Refund requested (under way)"),
    ("on_site_payment_recorded", "登记现场缴费", "On-site payment recorded"),
    ("payment_notice_kept", "支付通知（重复或待处理）", "Payment notice kept (repeat or for staff)"),
    // Written until forged notices went to the server's log instead; older logs still hold them.
    ("payment_notice_refused", "支付通知验签失败", "Payment notice refused (bad signature)"),
    ("payment_flag_settled", "处理异常付款", "Flagged payment settled"),
    ("seats_assigned", "分配考场座位", "Seats assigned"),
    ("template_changed", "修改文档模板", "Document template changed"),
    ("export_downloaded", "下载导出文件", "Export downloaded"),
    ("ticket_key_rotated", "更换准考证签名密钥", "Ticket key rotated"),
    ("second_factor_enrolled", "启用两步验证", "Two-step sign-in enrolled"),
    ("second_factor_recovery_code_used", "使用两步验证恢复码登录", "Signed in with a recovery code"),
    ("second_factor_reset", "重置两步验证", "Two-step sign-in reset"),
    ("message_resent", "重新发送短信或邮件", "Message sent again"),
    ("backup_taken", "备份", "Backup taken"),
    ("backup_restored", "从备份恢复", "Restored from a backup"),
    ("personal_data_deleted", "删除到期的个人信息", "Personal data deleted after its time"),
    ("account_deleted", "考生注销账户", "Account deleted by its owner"),
    ("listed_candidates_texted", "向名单内考生发送报名短信", "Listed candidates texted"),
    ("own_days_extended", "延长考生上传期限", "A candidate's own days extended"),
    ("on_site_check_recorded", "记录现场原件审核结果", "On-site originals check recorded"),
    ("provider_identity_linked", "绑定报名系统账号", "Registration system account linked"),
    ("account_set_aside", "搁置冒用证件号的账号", "Account holding another's ID number set aside"),
    ("on_site_lookup", "现场报名台查找考生", "Candidate looked up at the on-site check"),
    ("on_site_ticks", "现场报名台勾选原件", "Originals ticked at the on-site check"),
    ("handover_printed", "打印材料交接单", "Handover slip printed"),
];

/// A self-made account set aside for the person the registration system vouched for (issue 64),
/// as administrators see the case: both sides' facts, side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetAsideAccount {
    /// When the vouched person claimed the number.
    pub at: ChinaTime,
    pub id_number_masked: String,
    /// The self-made account that held the number: the name and mobile typed at sign-up.
    pub held_by_name: String,
    pub held_by_mobile_masked: String,
    /// Whether that mobile was proved by a texted code at sign-up.
    pub held_by_mobile_verified: bool,
    /// When that account was made.
    pub held_since: ChinaTime,
    /// Its applications, held: "004 · 审核通过" and in English.
    pub held_applications_zh: Vec<String>,
    pub held_applications_en: Vec<String>,
    /// The vouched person, as the registration system signed them.
    pub vouched_name: String,
    pub vouched_mobile_masked: String,
    /// The identity provider that vouched (its issuer).
    pub vouched_by: String,
}

/// An email or text message the outbox gave up on (the gateway refused it for good, or it may
/// already have gone), as administrators see it: to whom (masked), what, why, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UndeliveredMessage {
    pub id: i32,
    /// "email" or "sms".
    pub channel: String,
    pub recipient_masked: String,
    /// The email's subject, or what the text says (its template), in both languages.
    pub what_zh: String,
    pub what_en: String,
    /// The gateway's or mail server's words.
    pub reason: String,
    pub given_up_at: ChinaTime,
    /// False for a recovery code: it has expired, and the person asks for a new one.
    pub can_resend: bool,
}
