//! The demo exams and demo accounts an installation starts with when the operator asks for demo
//! data (`ZIGE_SEED_DEMO=true`, as `scripts/run.sh` does), so a newcomer can log in and walk
//! through at once (and, in 002, past the review: `after_approval`); printed to the console.
//! Created once: an audit line marks it done, so a restart never re-adds an account, a list entry
//! or an assignment an administrator removed.

mod after_approval;

use app::domain::eligibility_csv::parse_eligibility_csv;
use app::domain::record_ids::ExamCode;
use app::domain::sign_up_form::{SignUpFields, SignUpForm};
use app::domain::staff_duty::StaffDuty;
use app::domain::Role;
use app::error::AppError;
use app::ssr::access::caller::Caller;
use app::ssr::access::gate::{Admin, Candidate};
use app::ssr::infra::audit::AuditAction;
use app::ssr::ServerState;
use app::ssr::{
    accounts::account_store, accounts::second_factor, admin::reviewers, exams::eligibility, exams::exam_source,
    exams::exam_store, exams::presets, infra::audit,
};

/// 000 (everyone may enter) and 004 (a list, with the demo candidate on it).
const DEMO_PRESETS: [&str; 2] = ["000", "004"];

pub struct DemoAccount {
    pub role: Role,
    pub id_number: &'static str,
    pub name: &'static str,
    pub password: &'static str,
    pub email: &'static str,
    /// Staff: the authenticator's secret (base32), published like the password, so a newcomer
    /// (and the browser tests) can make the second factor's codes: any authenticator app takes
    /// it, or `oathtool --totp -b <secret>`.
    pub totp_secret: Option<&'static str>,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount {
        role: Role::Candidate,
        id_number: "44030519900101123X",
        name: "李明",
        password: "zige-demo-2026",
        email: "li.ming@example.cn",
        totp_secret: None,
    },
    DemoAccount {
        role: Role::Reviewer,
        id_number: "110101198008087897",
        name: "王审核",
        password: "zige-review-2026",
        email: "wang.shenhe@example.cn",
        totp_secret: Some("ZIGEDEMOREVIEWERZIGEDEMOREVIEWER"),
    },
    DemoAccount {
        role: Role::Admin,
        id_number: "44030519850315456X",
        name: "赵管理",
        password: "zige-admin-2026",
        email: "",
        totp_secret: Some("ZIGEDEMOADMINZIGEDEMOADMINZIGEDE"),
    },
];

pub async fn ensure_demo_data(state: &ServerState) -> Result<(), AppError> {
    let (db, blobs, now) = (&state.db, state.blobs.as_ref(), state.clock.now());
    if audit::has_action(db, AuditAction::DemoDataCreated).await? {
        return Ok(());
    }
    for code in DEMO_PRESETS {
        let preset = presets::find(code)
            .ok_or_else(|| app::ssr::internal("demo exam", format!("preset {code} missing or invalid")))?;
        // The shipped dates are examples; the demo opens yesterday and closes in 30 days, so
        // uploading works whenever a newcomer tries it.
        let source = exam_source::with_windows(preset.source, after_approval::windows(now, [-1, 30, 45, 60]))?;
        let exam = exam_store::parse_exam_toml(&source)
            .map_err(|mistakes| app::ssr::internal("demo exam", mistakes.join("; ")))?;
        if exam_store::insert_if_missing(db, blobs, &exam, &source, &presets::example).await? {
            tracing::info!(code = %exam.code, "demo exam created");
        }
    }
    for account in &DEMO_ACCOUNTS {
        let fields = SignUpFields {
            id_type: "resident_id".into(),
            id_number: account.id_number.into(),
            name: account.name.into(),
            mobile: "13800138000".into(),
            password: account.password.into(),
            email: account.email.into(),
            mobile_code: String::new(),
            id_valid_until: String::new(),
            typed_again: None,
        };
        let form = SignUpForm::parse(&fields).map_err(|e| app::ssr::internal("demo account", format!("{e:?}")))?;
        match account_store::create_account(db, form, account.role, chrono::Utc::now()).await {
            Ok(_) | Err(AppError::DuplicateIdNumber) => {}
            Err(other) => return Err(other),
        }
        if let (Some(secret), Some(created)) =
            (account.totp_secret, account_store::find_by_id_number(db, account.id_number).await?)
        {
            second_factor::enrol_published_secret(db, created.id, secret, now).await?;
        }
    }
    let candidate = &DEMO_ACCOUNTS[0];
    let listed = parse_eligibility_csv(&format!("{},{}\n", candidate.id_number, candidate.name));
    eligibility::import(db, &ExamCode::from("004"), listed, now).await?;
    // The demo reviewer reviews both demo exams, assigned by the demo administrator.
    let reviewer = account_store::find_by_id_number(db, DEMO_ACCOUNTS[1].id_number).await?;
    let admin = account_store::find_by_id_number(db, DEMO_ACCOUNTS[2].id_number).await?;
    let admin = admin.map(Caller::<Admin>::admit).transpose()?;
    if let (Some(reviewer), Some(admin)) = (reviewer, &admin) {
        for code in DEMO_PRESETS {
            reviewers::set_assignment(db, admin, reviewer.id, &ExamCode::from(code), Some(StaffDuty::Review), now)
                .await?;
        }
    }
    let demo_candidate = account_store::find_by_id_number(db, candidate.id_number).await?;
    let demo_candidate = demo_candidate.map(Caller::<Candidate>::admit).transpose()?;
    if let (Some(candidate), Some(admin)) = (demo_candidate, admin) {
        after_approval::approved_application(state, &candidate, &admin).await?;
    }
    audit::record(
        db,
        None,
        AuditAction::DemoDataCreated,
        "demo exams 000, 002 and 004, demo accounts",
        "ZIGE_SEED_DEMO=true; the demo passwords are published in the README",
        now,
    )
    .await
}

pub fn print_demo_accounts(listen: &str) {
    println!("\nZige is running at http://{listen}");
    println!("Demo exams: 000 资格初审材料上传, 004 在职干部研究生报名 (both open for uploads), 002 公开招聘 (results out: the");
    println!("demo candidate was approved and can pay, print the registration form and, once seated, the ticket).");
    println!("Demo accounts (ID number / password):");
    for account in &DEMO_ACCOUNTS {
        println!("  {:<9} {}  {}  ({})", account.role.as_str(), account.id_number, account.password, account.name);
    }
    println!(
        "Staff also type a code from an authenticator app holding the account's key (or `oathtool --totp -b KEY`):"
    );
    for account in &DEMO_ACCOUNTS {
        if let Some(secret) = account.totp_secret {
            println!("  {:<9} {}  key {}", account.role.as_str(), account.id_number, secret);
        }
    }
    println!();
}

/// The demo accounts that still open with the password the README publishes: a public server
/// refuses to start while any does (`startup`), whether or not demo data is still asked for.
pub async fn still_open_with_published_passwords(
    db: &sea_orm::DatabaseConnection,
) -> Result<Vec<&'static str>, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut open = Vec::new();
    for demo in &DEMO_ACCOUNTS {
        let found = app::ssr::entities::user::Entity::find()
            .filter(app::ssr::entities::user::Column::IdNumber.eq(demo.id_number))
            .one(db)
            .await
            .map_err(|e| app::ssr::internal("demo accounts check", e))?;
        let Some(account) = found else { continue };
        if app::ssr::accounts::password::verify_password(demo.password.to_string(), account.password_hash).await? {
            open.push(demo.id_number);
        }
    }
    Ok(open)
}
