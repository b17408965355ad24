//! Typed configuration: defaults that run on one machine, overridden by environment variables
//! (`ZIGE_LISTEN`, `ZIGE_DATA_DIR`, `ZIGE_DATABASE_URL` or `DATABASE_URL`, `ZIGE_SESSION_SECRET`,
//! `ZIGE_PUBLIC_URL`, `ZIGE_SECURE_COOKIES`, `ZIGE_BEHIND_PROXY`, `ZIGE_RATE_LIMITS`, `ZIGE_MAX_UPLOAD_BYTES`, `ZIGE_DECODE_BUDGET_MB`, `ZIGE_DECODE_WAIT_MS`, `ZIGE_ADMISSION_IN_FLIGHT`, `ZIGE_SEED_DEMO`, `ZIGE_SMTP_URL`,
//! `ZIGE_MAIL_FROM`, `ZIGE_OUTBOX_POLL_MS`, `ZIGE_BLOB_URL`, `ZIGE_SERVERS`, `ZIGE_MIGRATE_ON_START`, `ZIGE_PAYMENT_SANDBOX`,
//! `ZIGE_TEST_INSTALLATION`, `ZIGE_STAFF_IDLE_MINUTES`, `ZIGE_STAFF_SECOND_FACTOR`, `ZIGE_SMS_GATEWAY`, …: every field below, upper-cased).

pub mod secret_file;
pub mod session_key;
pub mod site_options;

use std::net::SocketAddr;
use std::path::PathBuf;

use figment::providers::{Env, Serialized};
use figment::Figment;
use serde::{Deserialize, Serialize};

mod defaults;
mod ids_as_text;
mod public_reach;

use ids_as_text::digits_as_text;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Config {
    /// Where to listen; None means cargo-leptos's `LEPTOS_SITE_ADDR` (127.0.0.1:3000).
    pub listen: Option<SocketAddr>,
    /// Holds the SQLite file, the blob folder and the generated session secret.
    pub data_dir: PathBuf,
    /// None means the SQLite file `zige.db` in `data_dir`. Any SeaORM URL works
    /// (postgres://… for the scale path).
    pub database_url: Option<String>,
    /// At least 64 bytes; signs the session cookie. None: generated once and kept in `data_dir`.
    pub session_secret: Option<String>,
    /// Where the public reaches the app, e.g. `https://zige.example.cn`. An https address turns on
    /// `Secure` cookies and HSTS, and state-changing requests must come from exactly this origin.
    /// None: plain HTTP on loopback, and the request's Host names the origin.
    pub public_url: Option<String>,
    /// Send the session cookie only over HTTPS (implied by an https `public_url`). Off by default
    /// because the embedded default serves plain HTTP on loopback.
    pub secure_cookies: bool,
    /// Behind the operator's reverse proxy: the client's address is the last entry of
    /// `X-Forwarded-For` (which the proxy appends). Off: the header is ignored.
    pub behind_proxy: bool,
    /// Per-address and per-account attempt limits (login, sign-up, recovery, uploads). Only the
    /// test harness turns them off, to sign up dozens of candidates from one address.
    pub rate_limits: bool,
    /// The largest request body an upload may have, whatever a category allows.
    pub max_upload_bytes: u64,
    /// Memory (MiB) all full picture decodes in flight may take together; an upload waits for its
    /// share, at most `decode_wait_ms`, then is told to retry (503).
    pub decode_budget_mb: u32,
    pub decode_wait_ms: u64,
    /// Admission control: how many requests one server answers at a time. Past it a request waits
    /// at most `admission_wait_ms` for a turn, then is answered 503 with `Retry-After` at once,
    /// and the page sends it again then. 0: no limit.
    pub admission_in_flight: u32,
    pub admission_wait_ms: u64,
    /// 下载我的资料: the most files and MiB one candidate's archive may hold (past them they are
    /// told both numbers and to ask the authority), and how many archives this server writes at
    /// once (each reads every picture of an account; the rest are told to come back, 503).
    pub archive_max_files: u32,
    pub archive_max_mb: u64,
    pub archive_builds_at_once: u32,
    /// Create the demo exams and the demo accounts (whose passwords are published in the README)
    /// on first start. Off unless asked for: a real installation has no known password.
    pub seed_demo: bool,
    /// The mail server emails go through, e.g. smtp://127.0.0.1:2525. None: emails are logged.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// How often the outbox worker looks for emails and texts to send.
    pub outbox_poll_ms: u64,
    /// Days a sent (or given-up) email or text is kept, with its address and body, before the
    /// hourly sweep deletes it.
    pub outbox_keep_days: u32,
    /// Where picture bytes live. None: the folder `blobs` in `data_dir`. `s3://bucket` or
    /// `s3://bucket/prefix`: an S3-compatible bucket, reached through the standard `AWS_*`
    /// variables (`AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).
    pub blob_url: Option<String>,
    /// The S3-compatible server's address where it is not `AWS_ENDPOINT`'s.
    pub blob_endpoint: Option<String>,
    /// How long a request waits on storage before it is answered 503 with `Retry-After` (nothing
    /// saved, try again): each operation of the blob store, and the wait for a database
    /// connection. Long enough for a large picture on a loaded store (uploads' p99 is under 1 s).
    pub storage_deadline_ms: u64,
    /// How many servers share the database behind one load balancer. More than one needs
    /// `session_secret` (every server must sign alike), and each server keeps 1/N of every rate
    /// limit, so the installation as a whole never allows more than the limit.
    pub servers: u32,
    /// Apply pending migrations at start (under a lock on PostgreSQL, so servers starting together
    /// migrate once). Off: the operator runs `server migrate`, and a server refuses to start on a
    /// database that is behind.
    pub migrate_on_start: bool,
    /// Offer the sandbox gateway (a simulated gateway: no real money) for online fees. Off unless
    /// asked for (the demo and the tests ask): on a real installation a candidate could otherwise
    /// "pay" without money and print an admission ticket.
    pub payment_sandbox: bool,
    /// Says that this installation is for testing, not for candidates: the only setting that lets
    /// the sandbox gateway run behind an https public address.
    pub test_installation: bool,
    /// How long after a sandbox payment its first notification arrives, as a gateway's does.
    pub sandbox_notice_delay_ms: u64,
    /// How many times the sandbox sends each notification (gateways repeat until answered, and
    /// often once more).
    pub sandbox_notice_repeats: u32,
    /// The fonts documents (PDF) are set in: a folder of .ttc/.otf/.ttf files with CJK coverage.
    pub font_dir: PathBuf,
    /// A document layout (a candidate's, or an administrator's template being checked) still
    /// running after this is stopped, and the template refused.
    pub document_deadline_ms: u64,
    /// The memory one render worker may hold (its fonts, about 100 MB, included).
    pub document_memory_mb: u64,
    /// The `server` binary whose `render-worker` command lays documents out. None: this very
    /// binary (the tests, which run the server inside a test binary, name the real one).
    pub render_worker: Option<PathBuf>,
    /// The tesseract program the reviewer's assistant reads ID numbers with: a name looked up on
    /// PATH, or a path. Empty: no number is read (the review screen says nothing about it).
    pub tesseract: String,
    /// An administrator's or reviewer's session ends after this many minutes without a request
    /// (candidates' sessions last eight hours without one).
    pub staff_idle_minutes: u32,
    /// Administrators and reviewers sign in with a password and a code from an authenticator app
    /// (TOTP), 等保 2.0 level 3's two factors. Only the server tests turn it off, as they do the
    /// rate limits.
    pub staff_second_factor: bool,
    /// Who sends text messages: `aliyun` (Alibaba Cloud SMS), `tencent` (Tencent Cloud SMS), or
    /// `log`, the demo's adapter, which sends nothing (refused with an https `public_url`).
    pub sms_gateway: String,
    /// The SMS gateway's API address. None: its public one (dysmsapi.aliyuncs.com,
    /// sms.tencentcloudapi.com); the tests name a local stand-in.
    pub sms_endpoint: Option<String>,
    /// The AccessKey ID (Alibaba Cloud) or SecretId (Tencent Cloud).
    #[serde(default, deserialize_with = "digits_as_text")]
    pub sms_access_key_id: Option<String>,
    /// A file holding the AccessKey secret or SecretKey, read once at start, never logged.
    pub sms_access_key_secret_file: Option<PathBuf>,
    /// The approved signature (签名) every text carries, e.g. 某省人事考试院.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub sms_sign_name: Option<String>,
    /// Tencent Cloud only: the SMS application (SmsSdkAppId) and its region.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub sms_app_id: Option<String>,
    pub sms_region: String,
    /// The approved template of each text (README, "Running it for real"): the code of 忘记密码,
    /// an application sent back for changes, a result that can be seen.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub sms_template_recovery_code: Option<String>,
    #[serde(default, deserialize_with = "digits_as_text")]
    pub sms_template_review_returned: Option<String>,
    #[serde(default, deserialize_with = "digits_as_text")]
    pub sms_template_result_published: Option<String>,
    /// Seed 004's text to a listed candidate (the exam, the address, their last day). Optional:
    /// an authority that texts no list registers none, and such a text is listed as undelivered.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub sms_template_listed_notice: Option<String>,
    /// 注册's code (issue 64): where it is set, beside a real SMS gateway, a sign-up needs the code
    /// texted to the mobile typed, so every account's mobile is its holder's. Optional: without
    /// it sign-up takes the mobile as typed.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub sms_template_sign_up_code: Option<String>,
    /// Seeds 001/003's "公众号信息反馈": the authority's WeChat official account (公众号) as a
    /// third channel beside email and texts, through its template messages, to candidates who bound
    /// their WeChat through the account's web authorisation. None: no 公众号. Needs `public_url`
    /// (the authorisation sends people back to `<public_url>/auth/official-account/callback`, a
    /// domain the 公众号 registered) and both templates below.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub official_account_app_id: Option<String>,
    /// A file holding the 公众号's AppSecret, read once at start, never logged.
    pub official_account_secret_file: Option<PathBuf>,
    /// WeChat's API address. None: https://api.weixin.qq.com; the tests name a local stand-in.
    pub official_account_api: Option<String>,
    /// The web authorisation's page. None: https://open.weixin.qq.com/connect/oauth2/authorize.
    pub official_account_authorize_url: Option<String>,
    /// The template (its id in the 公众号's library) of an application sent back for changes, and of
    /// a result that can be seen.
    pub official_account_template_review_returned: Option<String>,
    pub official_account_template_result_published: Option<String>,
    /// Which of the templates' keys carries the exam, what happened and when, as
    /// `exam=thing1,event=thing2,time=time3` (those are the default).
    pub official_account_template_keys: String,
    /// Signing in through the authority's identity provider (OpenID Connect; seed 003's
    /// 用报名系统账号登录): its issuer address, exactly as its discovery document names it. None:
    /// only Zige's own accounts. Needs `public_url` (the provider sends people back to
    /// `<public_url>/auth/oidc/callback`, registered with it).
    pub oidc_issuer: Option<String>,
    /// The client id the provider registered for Zige.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub oidc_client_id: Option<String>,
    /// A file holding the client secret, read once at start, never logged.
    pub oidc_client_secret_file: Option<PathBuf>,
    /// The scopes asked for besides `openid`, separated by spaces.
    pub oidc_scopes: String,
    /// The claims carrying the ID number, the name and the mobile number (the ID token's, or
    /// userinfo's where the ID token leaves them out).
    pub oidc_claim_id_number: String,
    pub oidc_claim_name: String,
    pub oidc_claim_mobile: String,
    /// The claim listing what the person registered for at the registration system (seed 003):
    /// `[{"exam": "001", "category": "临床执业医师", "area": "…"}]`.
    pub oidc_claim_registrations: String,
    /// WeChat Pay (API v3), offered where an exam takes its fee online once the merchant number is
    /// set, with every setting below it; `ZIGE_PUBLIC_URL` is where its notifications come.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub wechatpay_merchant_id: Option<String>,
    /// The appid the merchant number is bound to.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub wechatpay_app_id: Option<String>,
    /// `apiclient_key.pem`, the merchant's API private key.
    pub wechatpay_merchant_key_file: Option<PathBuf>,
    /// The serial of the merchant's API certificate (商户API证书序列号).
    #[serde(default, deserialize_with = "digits_as_text")]
    pub wechatpay_certificate_serial: Option<String>,
    /// A file holding the 32-character API v3 key.
    pub wechatpay_api_v3_key_file: Option<PathBuf>,
    /// 微信支付公钥 (a `PUBLIC KEY` PEM) or a platform certificate, and its id (`PUB_KEY_ID_…` or
    /// the certificate's serial); several, comma-separated and paired in order with the ids,
    /// while a merchant moves from platform certificates to the public key or renews a
    /// certificate (a path holding a comma cannot be named).
    pub wechatpay_platform_key_file: Option<PathBuf>,
    #[serde(default, deserialize_with = "digits_as_text")]
    pub wechatpay_platform_key_id: Option<String>,
    /// None: api.mch.weixin.qq.com; the tests name a local stand-in. https only, unless
    /// `test_installation` (the tests' stand-ins speak http).
    pub wechatpay_endpoint: Option<String>,
    /// Alipay (电脑网站支付 and 手机网站支付), offered once the app id is set, with the settings below.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub alipay_app_id: Option<String>,
    /// The app's private key (应用私钥, PEM or the bare base64 Alipay's key tool writes).
    pub alipay_app_key_file: Option<PathBuf>,
    /// Alipay's public key (支付宝公钥), PEM or bare base64.
    pub alipay_public_key_file: Option<PathBuf>,
    /// The merchant's PID (2088…), required with Alipay: a notification for another seller, or
    /// naming none, is refused.
    #[serde(default, deserialize_with = "digits_as_text")]
    pub alipay_seller_id: Option<String>,
    /// None: openapi.alipay.com/gateway.do; the tests name a local stand-in. https only, unless
    /// `test_installation` (the tests' stand-ins speak http).
    pub alipay_endpoint: Option<String>,
    /// The age public key (`age1…`) `server backup` encrypts every backup to.
    pub backup_recipient: Option<String>,
    /// The file holding the matching age identity (`AGE-SECRET-KEY-1…`), for `server restore`
    /// only: keep it away from the servers.
    pub backup_identity_file: Option<PathBuf>,
    /// `/metrics` on the main address answers only `Authorization: Bearer <this>`; None: it is
    /// not served there.
    pub metrics_token: Option<String>,
    /// A second address serving `/metrics` alone, to anyone who reaches it (a private network,
    /// e.g. 10.0.0.5:9464); None: no second address.
    pub metrics_listen: Option<SocketAddr>,
}

impl Config {
    pub fn load() -> Result<Config, Box<figment::Error>> {
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Env::raw().only(&["DATABASE_URL"]).map(|_| "database_url".into()))
            .merge(Env::prefixed("ZIGE_"))
            .extract()
            .map_err(Box::new)
    }

    pub fn storage_deadline(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.storage_deadline_ms.max(1))
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", self.data_dir.join("zige.db").display()))
    }

    pub fn blob_dir(&self) -> PathBuf {
        self.data_dir.join("blobs")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_of_digits_is_read_as_its_text() {
        let config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(("alipay_app_id", 2021000000000001_u64))
            .merge(("wechatpay_merchant_id", "1230000109"))
            .merge(("sms_template_recovery_code", 1234567_u64))
            .extract()
            .unwrap();
        assert_eq!(config.alipay_app_id.as_deref(), Some("2021000000000001"));
        assert_eq!(config.wechatpay_merchant_id.as_deref(), Some("1230000109"));
        assert_eq!(config.sms_template_recovery_code.as_deref(), Some("1234567"));
        assert_eq!(config.alipay_seller_id, None);
    }
}
