//! A local stand-in for WeChat Pay's API v3, which these machines cannot reach. It checks what
//! WeChat Pay checks of each request (the `Authorization` signature recomputed from the request as
//! it arrived, with the merchant's public key; the merchant number and certificate serial; a fresh
//! timestamp; the order's app, merchant and amount), refuses as WeChat Pay does
//! (`401 SIGN_ERROR`), and answers signed with its own platform key. Its cashier page takes a
//! payment (H5; a Native code is paid through `pay`), after which it posts a signed notification
//! with the resource sealed under the API v3 key, as WeChat Pay does, until it is answered 200/204.
//! Tests also make it send forged, altered, repeated and refund notifications, and read its log.
//! It holds two platform keys, as WeChat Pay does for a merchant moving from platform certificates
//! to the platform public key: by default it signs everything with the public key (a merchant that
//! has moved); `moving()` makes it sign answers with the certificate unless a request names the
//! public key in `Wechatpay-Serial`, as WeChat Pay does during the move.

mod api;
mod cashier;
pub mod notifier;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use server::gateways::payments::rsa_keys::{GatewayKey, MerchantKey};
use server::gateways::payments::wechatpay::encrypted_resource::ApiV3Key;

pub const MERCHANT_ID: &str = "1230000109";
pub const APP_ID: &str = "wxd678efh567hg6787";
pub const CERTIFICATE_SERIAL: &str = "3775B6A45ACD588826D15E583A95F5DD2C9A3A4B";
pub const API_V3_KEY: &str = "ZigeStandInApiV3Key0123456789abc";
pub const PLATFORM_KEY_ID: &str = "PUB_KEY_ID_0112300001092025STANDIN";
/// The platform certificate's serial (the key of wechatpay-go's test certificate).
pub const CERTIFICATE_KEY_SERIAL: &str = "D7CE59D1F522D701";

/// Where the fixtures are, from the server crate's folder.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/payments");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TradeState {
    NotPay,
    Success,
    Closed,
    Refund,
}

impl TradeState {
    pub fn as_str(self) -> &'static str {
        match self {
            TradeState::NotPay => "NOTPAY",
            TradeState::Success => "SUCCESS",
            TradeState::Closed => "CLOSED",
            TradeState::Refund => "REFUND",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Trade {
    pub out_trade_no: String,
    pub total: u64,
    pub notify_url: String,
    pub state: TradeState,
    pub transaction_id: String,
    pub refund_id: Option<String>,
    /// The refund's number at the merchant (Zige's, or the console's), and its amount.
    pub refund_no: Option<String>,
    pub refund_fen: u64,
    /// When it was paid, as Unix seconds (its bill's day).
    pub paid_at: Option<i64>,
}

/// Which platform key signs what the stand-in sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signing {
    /// A merchant on the platform public key: everything is signed with it.
    PublicKey,
    /// A merchant moving to it: answers are signed with the certificate unless the request names
    /// the public key (`Wechatpay-Serial`).
    Moving,
}

pub(crate) struct Books {
    pub trades: HashMap<String, Trade>,
    /// Every request that passed the signature check: method and path.
    pub calls: Vec<String>,
    /// Answers 500 to this many coming requests.
    pub failing: u32,
    /// Payments the bill shows although no order was made here, and orders it leaves out.
    pub bill_extra: Vec<(String, String, u64)>,
    pub bill_leaves_out: Vec<String>,
    pub signing: Signing,
    /// The `Wechatpay-Serial` each signed request named ("" for none).
    pub serials_named: Vec<String>,
    /// Answers this many coming requests with an unsigned 404 ORDER_NOT_EXIST, as someone between
    /// Zige and WeChat Pay could.
    pub unsigned_not_exist: u32,
    /// Refund results are not notified (a test sends them itself).
    pub refund_results_held: bool,
}

pub(crate) struct Keys {
    pub merchant: GatewayKey,
    pub platform: MerchantKey,
    /// The key of the platform certificate with serial `CERTIFICATE_KEY_SERIAL`.
    pub certificate: MerchantKey,
    pub api_v3: ApiV3Key,
}

#[derive(Clone)]
pub struct WechatPayStandin {
    pub address: SocketAddr,
    pub(crate) books: Arc<Mutex<Books>>,
    pub(crate) keys: Arc<Keys>,
    pub(crate) client: reqwest::Client,
}

impl WechatPayStandin {
    /// Listens on `at` (port 0 for any).
    pub async fn start(at: SocketAddr) -> WechatPayStandin {
        let read = |name: &str| std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap();
        let keys = Keys {
            merchant: GatewayKey::parse(&read("wechatpay_go_test_public_key.pem")).unwrap(),
            platform: MerchantKey::parse(&read("standin_wechatpay_platform_key.pem")).unwrap(),
            certificate: MerchantKey::parse(&read("wechatpay_go_test_key.pem")).unwrap(),
            api_v3: ApiV3Key::parse(API_V3_KEY).unwrap(),
        };
        let listener = tokio::net::TcpListener::bind(at).await.unwrap();
        let standin = WechatPayStandin {
            address: listener.local_addr().unwrap(),
            books: Arc::new(Mutex::new(Books {
                trades: HashMap::new(),
                calls: Vec::new(),
                failing: 0,
                bill_extra: Vec::new(),
                bill_leaves_out: Vec::new(),
                signing: Signing::PublicKey,
                serials_named: Vec::new(),
                unsigned_not_exist: 0,
                refund_results_held: false,
            })),
            keys: Arc::new(keys),
            client: reqwest::Client::new(),
        };
        let router = api::routes().merge(cashier::routes()).with_state(standin.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        standin
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The configuration an installation with this merchant contract writes: the platform public
    /// key alone, and the private keys copied into `folder` (Zige narrows a private key's file to
    /// its owner when it reads it, and the fixtures are the repository's).
    pub fn configure(&self, config: &mut server::config::Config, folder: &std::path::Path) {
        let v3 = folder.join("wechatpay_api_v3_key");
        std::fs::write(&v3, API_V3_KEY).unwrap();
        let merchant_key = folder.join("apiclient_key.pem");
        std::fs::copy(format!("{FIXTURES}/wechatpay_go_test_key.pem"), &merchant_key).unwrap();
        config.wechatpay_merchant_id = Some(MERCHANT_ID.into());
        config.wechatpay_app_id = Some(APP_ID.into());
        config.wechatpay_merchant_key_file = Some(merchant_key);
        config.wechatpay_certificate_serial = Some(CERTIFICATE_SERIAL.into());
        config.wechatpay_api_v3_key_file = Some(v3);
        config.wechatpay_platform_key_file =
            Some(format!("{FIXTURES}/standin_wechatpay_platform_public_key.pem").into());
        config.wechatpay_platform_key_id = Some(PLATFORM_KEY_ID.into());
        config.wechatpay_endpoint = Some(self.url());
    }

    /// As `configure`, with the platform certificate beside the public key (comma-separated, in
    /// the settings' order), as a merchant moving from one to the other holds both.
    pub fn configure_both_keys(&self, config: &mut server::config::Config, folder: &std::path::Path) {
        self.configure(config, folder);
        config.wechatpay_platform_key_file = Some(
            format!(
                "{FIXTURES}/standin_wechatpay_platform_public_key.pem, {FIXTURES}/wechatpay_go_test_certificate.pem"
            )
            .into(),
        );
        config.wechatpay_platform_key_id = Some(format!("{PLATFORM_KEY_ID},{CERTIFICATE_KEY_SERIAL}"));
    }

    /// Signs as WeChat Pay does for a merchant moving to the platform public key.
    pub fn moving(&self) {
        self.books.lock().unwrap().signing = Signing::Moving;
    }

    /// The `Wechatpay-Serial` each signed request named, in order ("" for none).
    pub fn serials_named(&self) -> Vec<String> {
        self.books.lock().unwrap().serials_named.clone()
    }

    /// The next `count` requests are answered with an unsigned 404 ORDER_NOT_EXIST.
    pub fn answer_unsigned_not_exist(&self, count: u32) {
        self.books.lock().unwrap().unsigned_not_exist = count;
    }

    /// Refund results are not notified from now on: the test posts them itself.
    pub fn hold_refund_results(&self) {
        self.books.lock().unwrap().refund_results_held = true;
    }

    pub fn trade(&self, out_trade_no: &str) -> Option<Trade> {
        self.books.lock().unwrap().trades.get(out_trade_no).cloned()
    }

    /// The signed requests Zige made, as "METHOD /path".
    pub fn calls(&self) -> Vec<String> {
        self.books.lock().unwrap().calls.clone()
    }

    /// The next `count` requests are answered 500 SYSTEM_ERROR.
    pub fn fail_next(&self, count: u32) {
        self.books.lock().unwrap().failing = count;
    }

    /// The bill shows a payment of an order no request made here, or leaves one out.
    pub fn bill_adds(&self, out_trade_no: &str, transaction_id: &str, total: u64) {
        self.books.lock().unwrap().bill_extra.push((out_trade_no.into(), transaction_id.into(), total));
    }

    pub fn bill_leaves_out(&self, out_trade_no: &str) {
        self.books.lock().unwrap().bill_leaves_out.push(out_trade_no.into());
    }
}
