//! What Zige needs of a payment gateway: start a payment, believe only its signed notifications,
//! ask it about an order, close an order, refund one, and read its daily bill. The adapters (WeChat
//! Pay, Alipay: `server/src/gateways/payments/`; the sandbox: `ssr::payments::sandbox_gateway`) implement
//! it and are added to `Gateways` at start-up. The port lives here, with the server's state that
//! holds the installation's gateways; the orders, notices and reconciliation that use it are
//! `ssr::payments`.

use std::net::IpAddr;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a verified notification reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeEvent {
    /// The order was paid (`txn` is the payment).
    #[default]
    Paid,
    /// The order's payment was refunded (`txn` is the refund), by Zige or at the gateway's console;
    /// `amount_fen` is how much of the payment is back with the payer.
    Refunded,
    /// A refund did not go through (`txn` is the refund): abnormal at the payer's bank, or closed.
    RefundFailed,
    /// Found by asking the gateway, not notified: the order was paid in `txn` and then refunded,
    /// by an amount the gateway does not say.
    PaidThenRefunded,
}

/// A notification, once its signature is verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayNotice {
    /// The gateway's id for this notification; the same payment may be reported under several.
    pub notice_id: String,
    pub order_no: String,
    /// The gateway's transaction: one payment (or refund), however often it is reported.
    pub txn: String,
    pub amount_fen: u64,
    #[serde(default)]
    pub event: NoticeEvent,
    /// A refund's number at the merchant (WeChat Pay's `out_refund_no`, Alipay's `out_biz_no`):
    /// Zige's own refund number, or the gateway console's for a refund made there.
    #[serde(default)]
    pub refund_no: Option<String>,
}

/// Why a notification was not believed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeRefused {
    /// No signature, or one that the gateway's key did not make, or one too old to be fresh.
    BadSignature,
    /// Signed, but not a notification this gateway sends, or for another merchant or app.
    Malformed(String),
    /// Signed and well formed, but about nothing Zige acts on (a payment still waiting, say):
    /// acknowledged so the gateway stops sending it, and not kept.
    NothingToApply(String),
}

/// Where the candidate pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    /// A phone's browser: the gateway's mobile cashier (WeChat Pay H5, Alipay 手机网站支付).
    Phone,
    /// A computer's browser: a code to scan (WeChat Pay Native) or the web cashier (Alipay 电脑网站支付).
    Desktop,
}

/// An order, as a gateway is asked to take its payment.
#[derive(Clone, Debug)]
pub struct OrderToPay {
    pub order_no: String,
    pub amount_fen: u64,
    /// What the payer's app shows as the purchase: the exam's fee.
    pub subject: String,
    /// The absolute address the gateway sends the candidate back to.
    pub return_url: String,
    /// The absolute address the gateway posts its notifications to.
    pub notify_url: String,
    pub payer_ip: Option<IpAddr>,
    pub device: Device,
    /// After this the gateway takes no payment for the order.
    pub pay_before: DateTime<Utc>,
}

/// How the candidate's browser goes on to pay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checkout {
    /// To the gateway's cashier page.
    Redirect(String),
    /// A code the candidate scans with the gateway's app (WeChat Pay Native's `code_url`).
    ScanCode(String),
}

/// What the gateway says of an order when asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GatewayOrder {
    /// Paid, in this transaction, this amount.
    Paid { txn: String, amount_fen: u64 },
    /// Paid, then refunded.
    Refunded { txn: String, amount_fen: u64 },
    /// Not paid (and still payable, or never started at the gateway).
    Unpaid,
    /// Closed at the gateway: it takes no payment for it any more.
    Closed,
    /// The gateway keeps no record Zige can ask for (the sandbox).
    NotTracked,
}

/// A refund, as the gateway is asked for it.
#[derive(Clone, Debug)]
pub struct RefundRequest {
    pub order_no: String,
    /// Zige's number for the refund; asking twice with it refunds once.
    pub refund_no: String,
    pub refund_fen: u64,
    pub total_fen: u64,
    pub reason: String,
}

/// What the gateway said to a refund it took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefundTaken {
    /// The money is on its way back to the payer (Alipay's refunds; the sandbox's).
    Refunded,
    /// Accepted and under way (WeChat Pay's `PROCESSING`): its result comes in a notification.
    UnderWay,
}

/// One line of a gateway's daily bill, in the terms Zige compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BillLine {
    pub order_no: String,
    pub txn: String,
    pub event: NoticeEvent,
    pub amount_fen: u64,
}

/// Why a call to the gateway did not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GatewayFailure {
    /// The gateway answered no, in its words (a code and a message).
    Refused(String),
    /// No trustworthy answer: unreachable, timed out, or an answer whose signature failed.
    Unreachable(String),
}

impl GatewayFailure {
    pub fn reason(&self) -> &str {
        match self {
            GatewayFailure::Refused(reason) | GatewayFailure::Unreachable(reason) => reason,
        }
    }
}

#[async_trait::async_trait]
pub trait PaymentGateway: Send + Sync {
    /// The code in URLs and the database ("sandbox", "wechatpay", "alipay").
    fn code(&self) -> &'static str;
    fn name_zh(&self) -> &'static str;
    fn name_en(&self) -> &'static str;
    /// Starts (or restarts) the payment of an order and says where the browser goes.
    async fn start(&self, order: &OrderToPay) -> Result<Checkout, GatewayFailure>;
    /// Verifies and reads a notification exactly as it arrived.
    fn verify(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<GatewayNotice, NoticeRefused>;
    /// What the gateway knows of the order.
    async fn query(&self, order_no: &str) -> Result<GatewayOrder, GatewayFailure>;
    /// Closes the order at the gateway, so no payment can arrive for it any more.
    async fn close(&self, order_no: &str) -> Result<(), GatewayFailure>;
    /// Refunds a paid order through the gateway; Ok once the gateway has taken the refund, saying
    /// whether it is done or still under way.
    async fn refund(&self, refund: &RefundRequest) -> Result<RefundTaken, GatewayFailure>;
    /// The gateway's bill of a day (in China's time); None where the gateway keeps none.
    async fn bill(&self, day: NaiveDate) -> Result<Option<Vec<BillLine>>, GatewayFailure>;
}

/// The gateways this installation offers candidates, by code.
#[derive(Clone, Default)]
pub struct Gateways(Vec<Arc<dyn PaymentGateway>>);

impl Gateways {
    pub fn new(gateways: Vec<Arc<dyn PaymentGateway>>) -> Gateways {
        Gateways(gateways)
    }

    pub fn find(&self, code: &str) -> Option<&Arc<dyn PaymentGateway>> {
        self.0.iter().find(|g| g.code() == code)
    }

    pub fn all(&self) -> &[Arc<dyn PaymentGateway>] {
        &self.0
    }
}

/// Where a candidate's browser goes to pay an open order: Zige's own address, which starts the
/// payment with the order's gateway when it is opened (`server/src/http/routes/pay_order.rs`).
pub fn pay_address(order_no: &str) -> String {
    format!("/pay/{order_no}")
}
