//! What Zige needs of a payment provider. A real one (支付宝, 微信支付, a bank's) plugs in by
//! implementing this trait and being added to `Gateways` at start-up; see the README, "Fees".
//! The port lives here, with the server's state that holds the installation's gateways; the
//! orders, notices and the sandbox that use it are `ssr::payments`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A payment notification, once its signature is verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayNotice {
    /// The gateway's id for this notification; the same payment may be reported under several.
    pub notice_id: String,
    pub order_no: String,
    /// The gateway's transaction: one payment, however often it is reported.
    pub txn: String,
    pub amount_fen: u64,
}

/// Why a notification was not believed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeRefused {
    /// No signature, or one that the gateway's key did not make.
    BadSignature,
    /// Signed, but not a notification this gateway sends.
    Malformed(String),
}

pub trait PaymentGateway: Send + Sync {
    /// The code in URLs and the database ("sandbox").
    fn code(&self) -> &'static str;
    fn name_zh(&self) -> &'static str;
    fn name_en(&self) -> &'static str;
    /// Where the candidate's browser goes to pay this order.
    fn cashier_url(&self, order_no: &str) -> String;
    /// The request header that carries a notification's signature.
    fn signature_header(&self) -> &'static str;
    /// Verifies and reads a notification exactly as it arrived.
    fn verify(&self, body: &[u8], signature: Option<&str>) -> Result<GatewayNotice, NoticeRefused>;
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
