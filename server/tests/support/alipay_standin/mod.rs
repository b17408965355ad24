//! A local stand-in for Alipay's open platform, which these machines cannot reach. It checks what
//! Alipay checks: every request's RSA2 signature against the app's public key, exactly as Alipay
//! builds the content (a wrong one is refused with Alipay's `isv.invalid-signature`), and the
//! app_id. It plays the cashier a browser is sent to (`cashier`), answers the gateway calls in
//! Alipay's JSON shape signed with its own key (`openapi`), posts signed trade notifications and
//! retries them until Zige answers `success` (`notifier`), and serves the day's bill as a zip of
//! GBK CSVs (`bill_file`). Tests pay without a browser, send odd notifications, read the calls
//! Zige made, and make the next answer go wrong, or the bill's address or file.

mod bill_file;
mod cashier;
mod notifier;
mod openapi;
mod request_check;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use serde_json::Value;
use server::gateways::payments::alipay::{AlipayAccount, AlipayGateway};
use server::gateways::payments::rsa_keys::{GatewayKey, MerchantKey};

pub use notifier::Notice;

/// The app Zige is configured with, and the merchant (seller) it belongs to.
pub const APP_ID: &str = "2021000000000001";
pub const SELLER_ID: &str = "2088000000000002";
/// The app's key pair: Zige signs with the private half, the stand-in verifies with the public.
pub const APP_KEY: &str = include_str!("../../fixtures/payments/alipay_java_test_app_key.pem");
pub const APP_PUBLIC_KEY: &str = include_str!("../../fixtures/payments/alipay_java_test_app_public_key.pem");
/// The stand-in's own "Alipay" key pair: it signs with the private half, Zige verifies.
pub const ALIPAY_KEY: &str = include_str!("../../fixtures/payments/standin_alipay_key.pem");
pub const ALIPAY_PUBLIC_KEY: &str = include_str!("../../fixtures/payments/standin_alipay_public_key.pem");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TradeState {
    /// Shown at the cashier, not paid (WAIT_BUYER_PAY; Alipay creates the trade when shown).
    Waiting,
    Paid,
    /// Closed unpaid, or refunded in full (TRADE_CLOSED).
    Closed,
}

/// A trade the cashier was shown.
#[derive(Clone, Debug)]
pub struct Trade {
    pub out_trade_no: String,
    pub amount_fen: u64,
    pub subject: String,
    pub notify_url: String,
    pub return_url: String,
    pub state: TradeState,
    pub trade_no: Option<String>,
    /// The day in China it was paid: the bill it is on.
    pub paid_on: Option<NaiveDate>,
    pub refunds: Vec<Refund>,
}

#[derive(Clone, Debug)]
pub struct Refund {
    pub out_request_no: String,
    pub fen: u64,
    pub on: NaiveDate,
}

/// A gateway call as it arrived, once its signature verified.
#[derive(Clone, Debug)]
pub struct GatewayRequest {
    pub method: String,
    pub biz_content: Value,
}

/// One post of a notification and what Zige answered.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub notify_id: String,
    pub out_trade_no: String,
    pub status: u16,
    pub answer: String,
}

/// What goes wrong with the next gateway call's answer (each used once, in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// Alipay's own trouble, signed: `ACQ.SYSTEM_ERROR`.
    SystemError,
    /// Reads the call and never answers (longer than Zige's time limit).
    NoAnswer,
    /// The right answer, changed after it was signed.
    TamperedAfterSigning,
    /// The right answer, signed with a key that is not Alipay's.
    SignedByAnotherKey,
}

/// What goes wrong with the bill from now on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BillTrouble {
    /// Its address names another host (`localhost` for `127.0.0.1`: the same stand-in).
    OtherHost,
    /// Its address answers with a redirect to the real file.
    Redirected,
    /// The file is the real one, padded past `outbound_http::FILE_MAX_BYTES`.
    Oversized,
}

#[derive(Default)]
struct Ledger {
    trades: HashMap<String, Trade>,
    requests: Vec<GatewayRequest>,
    troubles: VecDeque<Trouble>,
    bill_trouble: Option<BillTrouble>,
    deliveries: Vec<Delivery>,
    issued: u64,
}

struct Shared {
    base_url: String,
    app_public_key: GatewayKey,
    alipay_key: MerchantKey,
    ledger: Mutex<Ledger>,
    client: reqwest::Client,
}

impl Shared {
    fn ledger(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap()
    }

    /// A new number, unique in this stand-in (trade and notification ids).
    fn next_number(&self) -> u64 {
        let mut ledger = self.ledger();
        ledger.issued += 1;
        ledger.issued
    }
}

type StandInState = Arc<Shared>;

pub struct AlipayStandIn {
    /// `http://127.0.0.1:port`
    pub url: String,
    shared: StandInState,
    server: tokio::task::JoinHandle<()>,
    /// Where the app's private key is copied for an installation to read (and narrow).
    keys: tempfile::TempDir,
}

impl AlipayStandIn {
    /// Listens on `address` (port 0: any free port).
    pub async fn start(address: SocketAddr) -> AlipayStandIn {
        let listener = tokio::net::TcpListener::bind(address).await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let shared = Arc::new(Shared {
            base_url: url.clone(),
            app_public_key: GatewayKey::parse(APP_PUBLIC_KEY).unwrap(),
            alipay_key: MerchantKey::parse(ALIPAY_KEY).unwrap(),
            ledger: Mutex::new(Ledger::default()),
            client: reqwest::Client::builder().timeout(Duration::from_secs(15)).build().unwrap(),
        });
        let router = Router::new()
            .route("/gateway.do", get(cashier::show).post(openapi::answer))
            .route("/cashier/pay", post(cashier::pay))
            .route("/bill/{day}", get(bill_file::serve))
            .route("/bill-moved/{day}", get(bill_file::moved))
            .with_state(shared.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        AlipayStandIn { url, shared, server, keys: tempfile::tempdir().unwrap() }
    }

    /// The configuration an installation with this app writes (its private key copied, as Zige
    /// narrows a private key's file to its owner when it reads it).
    pub fn configure(&self, config: &mut server::config::Config) {
        let fixture = |name: &str| format!("{}/tests/fixtures/payments/{name}", env!("CARGO_MANIFEST_DIR")).into();
        let app_key = self.keys.path().join("app_private_key.pem");
        std::fs::write(&app_key, APP_KEY).unwrap();
        config.alipay_app_id = Some(APP_ID.into());
        config.alipay_app_key_file = Some(app_key);
        config.alipay_public_key_file = Some(fixture("standin_alipay_public_key.pem"));
        config.alipay_seller_id = Some(SELLER_ID.into());
        config.alipay_endpoint = Some(self.gateway_url());
    }

    pub fn gateway_url(&self) -> String {
        format!("{}/gateway.do", self.url)
    }

    /// The account Zige is configured with to use this stand-in.
    pub fn account(&self) -> AlipayAccount {
        let app_key = MerchantKey::parse(APP_KEY).unwrap();
        AlipayAccount::new(APP_ID, SELLER_ID, app_key, GatewayKey::parse(ALIPAY_PUBLIC_KEY).unwrap())
            .at_gateway(self.gateway_url())
    }

    pub fn gateway(&self) -> AlipayGateway {
        AlipayGateway::new(self.account())
    }

    pub fn trade(&self, out_trade_no: &str) -> Option<Trade> {
        self.shared.ledger().trades.get(out_trade_no).cloned()
    }

    /// Pays a trade the cashier was shown, as a payer's button press does: the trade is paid and
    /// its notification posted (and retried) in the background. Its `trade_no`.
    pub async fn pay(&self, out_trade_no: &str) -> String {
        let trade = cashier::take_payment(&self.shared, out_trade_no).expect("the cashier was shown this trade");
        trade.trade_no.unwrap()
    }

    /// Pays a trade the cashier was shown, its notification lost on the way (Zige hears of it only
    /// by asking). Its `trade_no`.
    pub fn pay_unannounced(&self, out_trade_no: &str) -> String {
        let (trade, _) = cashier::mark_paid(&self.shared, out_trade_no).expect("the cashier was shown this trade");
        trade.trade_no.unwrap()
    }

    /// Posts `notice` about a trade the cashier was shown to its notify_url (as often as the
    /// notice says, not retried); Zige's answers.
    pub async fn notify(&self, out_trade_no: &str, notice: Notice) -> Vec<Delivery> {
        let trade = self.trade(out_trade_no).expect("the cashier was shown this trade");
        notifier::post_now(&self.shared, &trade, &notice).await
    }

    /// Posts `notice` about an order the stand-in was never shown.
    pub async fn notify_unseen(
        &self,
        notify_url: &str,
        out_trade_no: &str,
        amount_fen: u64,
        notice: Notice,
    ) -> Vec<Delivery> {
        let trade = Trade {
            out_trade_no: out_trade_no.into(),
            amount_fen,
            subject: "unseen".into(),
            notify_url: notify_url.into(),
            return_url: String::new(),
            state: TradeState::Waiting,
            trade_no: None,
            paid_on: None,
            refunds: Vec::new(),
        };
        notifier::post_now(&self.shared, &trade, &notice).await
    }

    /// Every gateway call Zige made whose signature verified, in order.
    pub fn requests(&self) -> Vec<GatewayRequest> {
        self.shared.ledger().requests.clone()
    }

    /// Whether Zige called `method` (`alipay.trade.close`…) for the order.
    pub fn was_called(&self, method: &str, out_trade_no: &str) -> bool {
        self.requests().iter().any(|r| r.method == method && r.biz_content["out_trade_no"] == out_trade_no)
    }

    pub fn next_answer(&self, trouble: Trouble) {
        self.shared.ledger().troubles.push_back(trouble);
    }

    /// The bill goes wrong this way from now on.
    pub fn bill_trouble(&self, trouble: BillTrouble) {
        self.shared.ledger().bill_trouble = Some(trouble);
    }

    /// Every notification post so far, the retries' included.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.shared.ledger().deliveries.clone()
    }

    /// Waits (up to `within`) until Zige answered `success` to a notification about the order; the
    /// stand-in retries for about 16 s, as Alipay retries for a day.
    pub async fn acknowledged(&self, out_trade_no: &str, within: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let done = self.deliveries().iter().any(|d| d.out_trade_no == out_trade_no && d.answer == "success");
            if done || tokio::time::Instant::now() >= deadline {
                return done;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for AlipayStandIn {
    fn drop(&mut self) {
        self.server.abort();
    }
}
