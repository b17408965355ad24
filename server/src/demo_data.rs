//! The demo exam and demo accounts a fresh installation starts with, so a newcomer can log in
//! and upload at once. Created only when missing; printed to the console.

use sea_orm::DatabaseConnection;

use app::domain::sign_up_form::{SignUpFields, SignUpForm};
use app::error::AppError;
use app::models::Role;
use app::ssr::{accounts, exams};

pub const DEMO_EXAM_TOML: &str = include_str!("../../exams/000-qualification-review.toml");

pub struct DemoAccount {
    pub role: Role,
    pub id_number: &'static str,
    pub name: &'static str,
    pub password: &'static str,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount { role: Role::Candidate, id_number: "44030519900101123X", name: "李明", password: "zige-demo-2026" },
    DemoAccount { role: Role::Reviewer, id_number: "110101198008087897", name: "王审核", password: "zige-review-2026" },
    DemoAccount { role: Role::Admin, id_number: "44030519850315456X", name: "赵管理", password: "zige-admin-2026" },
];

pub async fn ensure_demo_data(db: &DatabaseConnection) -> Result<(), AppError> {
    let exam = exams::parse_exam_toml(DEMO_EXAM_TOML).map_err(|mistakes| app::ssr::internal("demo exam", mistakes.join("; ")))?;
    if exams::insert_if_missing(db, &exam).await? {
        tracing::info!(code = exam.code, "demo exam created");
    }
    for account in &DEMO_ACCOUNTS {
        let fields = SignUpFields {
            id_type: "resident_id".into(),
            id_number: account.id_number.into(),
            name: account.name.into(),
            mobile: "13800138000".into(),
            password: account.password.into(),
        };
        let form = SignUpForm::parse(&fields).map_err(|e| app::ssr::internal("demo account", format!("{e:?}")))?;
        match accounts::create_account(db, form, account.role).await {
            Ok(_) | Err(AppError::DuplicateIdNumber) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(())
}

pub fn print_demo_accounts(listen: &str) {
    println!("\nZige is running at http://{listen}");
    println!("Demo exam: 000 资格初审材料上传. Demo accounts (ID number / password):");
    for account in &DEMO_ACCOUNTS {
        println!("  {:<9} {}  {}  ({})", account.role.as_str(), account.id_number, account.password, account.name);
    }
    println!();
}
