//! What a server the public reaches (an https `ZIGE_PUBLIC_URL`, not a declared test
//! installation) refuses to start with (issue 50): the demo data, staff signing in without their
//! second factor, no rate limits, and demo accounts that still open with the passwords the
//! README publishes.

use std::os::unix::fs::PermissionsExt;

use sea_orm::{ConnectionTrait, Database};
use server::config::Config;

fn options() -> leptos::prelude::LeptosOptions {
    leptos::prelude::LeptosOptions::builder().output_name("zige").build()
}

/// A public server that would otherwise start: texts through a real gateway (its secret in a
/// file only the server reads), on SQLite in `data_dir`.
fn public(data_dir: &std::path::Path) -> Config {
    let secret = data_dir.join("sms-secret");
    std::fs::write(&secret, "a-gateway-secret").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    Config {
        data_dir: data_dir.to_path_buf(),
        public_url: Some("https://zige.example.cn".to_string()),
        sms_gateway: "tencent".to_string(),
        sms_access_key_id: Some("AKIDtest".to_string()),
        sms_access_key_secret_file: Some(secret),
        sms_app_id: Some("1400000000".to_string()),
        sms_sign_name: Some("资格".to_string()),
        sms_template_recovery_code: Some("1".into()),
        sms_template_review_returned: Some("2".into()),
        sms_template_result_published: Some("3".into()),
        ..Config::default()
    }
}

/// A setting turned on or off in a configuration.
type Switch = fn(&mut Config);

#[tokio::test]
async fn a_public_server_refuses_demo_data_one_factor_staff_and_no_rate_limits_unless_it_is_a_test_installation() {
    let data_dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Switch); 3] = [
        ("ZIGE_SEED_DEMO=true", |c| c.seed_demo = true),
        ("ZIGE_STAFF_SECOND_FACTOR=false", |c| c.staff_second_factor = false),
        ("ZIGE_RATE_LIMITS=false", |c| c.rate_limits = false),
    ];
    for (setting, switch) in cases {
        let mut config = public(data_dir.path());
        switch(&mut config);
        let refused = server::process::startup::prepare(&config, options()).await.err().expect("refused");
        assert!(refused.to_string().contains(setting), "{setting}: {refused}");
        config.test_installation = true;
        assert!(
            server::process::startup::prepare(&config, options()).await.is_ok(),
            "{setting} in a test installation"
        );
    }
}

#[tokio::test]
async fn a_public_server_refuses_to_start_while_a_demo_account_opens_with_its_published_password() {
    let data_dir = tempfile::tempdir().unwrap();
    // Once a test installation with the demo data…
    let mut demo = public(data_dir.path());
    demo.seed_demo = true;
    demo.test_installation = true;
    drop(server::process::startup::prepare(&demo, options()).await.expect("the demo starts"));
    // … then made public with the flag removed: the published passwords still open the accounts.
    let refused = server::process::startup::prepare(&public(data_dir.path()), options()).await.err().expect("refused");
    assert!(refused.to_string().contains("44030519850315456X"), "{refused}");

    // With the demo accounts' passwords no longer the published ones, it starts.
    let db = Database::connect(public(data_dir.path()).database_url()).await.unwrap();
    db.execute_unprepared(
        "UPDATE users SET password_hash = '!' WHERE id_number IN ('44030519900101123X', '110101198008087897', '44030519850315456X')",
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    assert!(server::process::startup::prepare(&public(data_dir.path()), options()).await.is_ok());
}

#[tokio::test]
async fn the_sandbox_is_refused_beside_a_real_payment_gateway_unless_it_is_a_test_installation() {
    let data_dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        data_dir: data_dir.path().to_path_buf(),
        payment_sandbox: true,
        alipay_app_id: Some("2021000000000001".to_string()),
        ..Config::default()
    };
    assert!(config.refusal().is_some_and(|r| r.contains("ZIGE_PAYMENT_SANDBOX=true beside")), "{:?}", config.refusal());
    config.test_installation = true;
    assert_eq!(config.refusal(), None);
}

#[tokio::test]
async fn texts_payments_or_the_registration_system_need_the_site_s_https_address_outside_a_test_installation() {
    let data_dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Switch); 3] = [
        ("ZIGE_SMS_GATEWAY", |_| {}),
        ("WeChat Pay or Alipay", |c| {
            c.sms_gateway = "log".into();
            c.alipay_app_id = Some("2021000000000001".into());
        }),
        ("ZIGE_OIDC_ISSUER", |c| {
            c.sms_gateway = "log".into();
            c.oidc_issuer = Some("https://wangbao.example.cn".into());
        }),
    ];
    for (setting, switch) in cases {
        for address in [None, Some("http://10.0.0.8:3000")] {
            let mut config = public(data_dir.path());
            config.public_url = address.map(str::to_string);
            switch(&mut config);
            let refused = config.refusal().unwrap_or_default();
            assert!(
                refused.contains(setting) && refused.contains("ZIGE_PUBLIC_URL"),
                "{setting} at {address:?}: {refused}"
            );
            config.test_installation = true;
            assert_eq!(config.refusal(), None, "{setting} in a test installation");
        }
    }
    assert_eq!(public(data_dir.path()).refusal(), None, "texts with the https address");
}
