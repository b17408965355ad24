//! The gateways' local stand-ins as a program, for the browser tests: WeChat Pay's on the address
//! in ZIGE_STANDIN_WECHATPAY, Alipay's on the one in ZIGE_STANDIN_ALIPAY, Alibaba Cloud's SendSms
//! on the one in ZIGE_STANDIN_SMS (its accepted texts on `GET /accepted`), WeChat's 公众号 on the one
//! in ZIGE_STANDIN_OFFICIAL_ACCOUNT (its accepted messages on `GET /accepted`; the site's address
//! its authorisation domain, from ZIGE_PUBLIC_URL), each the same code the
//! server tests use (`tests/support`), built with them. It writes the settings of an installation
//! with both merchant contracts and the SMS gateway, as `ZIGE_…=…` lines, to the file named by
//! ZIGE_STANDIN_SETTINGS (the keys' files beside it), which `scripts/test.sh` reads before
//! starting the site.

// The browser tests use the stand-ins' pages and notifications, not the server tests' hooks.
#[allow(dead_code)]
#[path = "../tests/support/alipay_standin/mod.rs"]
mod alipay_standin;
#[allow(dead_code)]
#[path = "../tests/support/official_account_standin.rs"]
mod official_account_standin;
#[allow(dead_code)]
#[path = "../tests/support/sms_standins.rs"]
mod sms_standins;
#[allow(dead_code)]
#[path = "../tests/support/wechatpay_standin/mod.rs"]
mod wechatpay_standin;

use std::path::PathBuf;

#[tokio::main]
async fn main() {
    let setting = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is required"));
    let address = |name: &str| setting(name).parse().unwrap_or_else(|e| panic!("{name}: {e}"));
    let wechatpay = wechatpay_standin::WechatPayStandin::start(address("ZIGE_STANDIN_WECHATPAY")).await;
    let alipay = alipay_standin::AlipayStandIn::start(address("ZIGE_STANDIN_ALIPAY")).await;
    let sms = sms_standins::StandIn::start_at(sms_standins::Gateway::Aliyun, address("ZIGE_STANDIN_SMS")).await;
    let official_account =
        official_account_standin::OfficialAccountStandIn::start_at(address("ZIGE_STANDIN_OFFICIAL_ACCOUNT")).await;
    let settings = PathBuf::from(setting("ZIGE_STANDIN_SETTINGS"));
    let folder = settings.parent().expect("a file in a folder");
    let mut config = server::config::Config::default();
    wechatpay.configure(&mut config, folder);
    alipay.configure(&mut config);
    sms.configure(&mut config, folder);
    official_account.configure(&mut config, folder, &setting("ZIGE_PUBLIC_URL"));
    // Only the gateways' settings, as the server reads them from its environment.
    let fields = serde_json::to_value(&config).unwrap();
    let lines: Vec<String> = fields
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, _)| {
            ["wechatpay_", "alipay_", "sms_", "official_account_"].iter().any(|prefix| name.starts_with(prefix))
        })
        .filter(|(_, value)| !value.is_null())
        .map(|(name, value)| format!("ZIGE_{}={}", name.to_uppercase(), value.as_str().unwrap()))
        .collect();
    std::fs::write(&settings, lines.join("\n") + "\n").unwrap();
    println!(
        "WeChat Pay stand-in at {}, Alipay stand-in at {}, SMS stand-in at {}, 公众号 stand-in at {}",
        wechatpay.url(),
        alipay.url,
        sms.url,
        official_account.url
    );
    tokio::signal::ctrl_c().await.ok();
}
