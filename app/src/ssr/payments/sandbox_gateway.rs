//! The sandbox gateway: a stand-in for a real gateway, since none is reachable from here (the
//! README says so). It behaves like one where Zige can tell: its cashier page takes the payment
//! (`server/src/http/routes/sandbox_cashier.rs`), and its notifications are signed with its own Ed25519
//! key, sent late and more than once. Zige verifies them with the public half, as it would a real
//! gateway's certificate; anything else is forged.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use chrono::{DateTime, NaiveDate, Utc};

use crate::ssr::infra::payment_gateway::{
    BillLine, Checkout, GatewayFailure, GatewayNotice, GatewayOrder, NoticeRefused, OrderToPay, PaymentGateway,
    RefundRequest, RefundTaken,
};

pub const SANDBOX_CODE: &str = "sandbox";
pub const SIGNATURE_HEADER: &str = "sandbox-signature";

pub struct SandboxGateway {
    /// The gateway's half: only the sandbox's notifier signs with it.
    signing: SigningKey,
    /// Zige's half: what a real gateway publishes.
    verifying: VerifyingKey,
}

impl SandboxGateway {
    /// The sandbox with the key made from `seed` (every server of an installation derives the same
    /// seed, so a notification signed for one is believed by all).
    pub fn from_seed(seed: [u8; 32]) -> SandboxGateway {
        let signing = SigningKey::from_bytes(&seed);
        SandboxGateway { verifying: signing.verifying_key(), signing }
    }

    /// The gateway's side: a notification's body and its signature header.
    pub fn sign(&self, notice: &GatewayNotice) -> (Vec<u8>, String) {
        let body = serde_json::to_vec(notice).unwrap_or_default();
        let signature = BASE64.encode(self.signing.sign(&body).to_bytes());
        (body, signature)
    }
}

#[async_trait::async_trait]
impl PaymentGateway for SandboxGateway {
    fn code(&self) -> &'static str {
        SANDBOX_CODE
    }

    fn name_zh(&self) -> &'static str {
        "模拟支付（沙箱）"
    }

    fn name_en(&self) -> &'static str {
        "Simulated payment (sandbox)"
    }

    async fn start(&self, order: &OrderToPay) -> Result<Checkout, GatewayFailure> {
        Ok(Checkout::Redirect(format!("/sandbox/cashier/{}", order.order_no)))
    }

    fn verify(&self, headers: &http::HeaderMap, body: &[u8], _: DateTime<Utc>) -> Result<GatewayNotice, NoticeRefused> {
        let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
        let bytes = signature.and_then(|s| BASE64.decode(s.trim()).ok()).ok_or(NoticeRefused::BadSignature)?;
        let signature = Signature::from_slice(&bytes).map_err(|_| NoticeRefused::BadSignature)?;
        self.verifying.verify(body, &signature).map_err(|_| NoticeRefused::BadSignature)?;
        serde_json::from_slice(body).map_err(|e| NoticeRefused::Malformed(e.to_string()))
    }

    /// The sandbox remembers nothing but the notifications it sent, which Zige already has.
    async fn query(&self, _: &str) -> Result<GatewayOrder, GatewayFailure> {
        Ok(GatewayOrder::NotTracked)
    }

    async fn close(&self, _: &str) -> Result<(), GatewayFailure> {
        Ok(())
    }

    /// No money moved in, so none moves back.
    async fn refund(&self, _: &RefundRequest) -> Result<RefundTaken, GatewayFailure> {
        Ok(RefundTaken::Refunded)
    }

    async fn bill(&self, _: NaiveDate) -> Result<Option<Vec<BillLine>>, GatewayFailure> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::infra::payment_gateway::NoticeEvent;

    fn notice() -> GatewayNotice {
        GatewayNotice {
            notice_id: "N1".into(),
            order_no: "ZG1".into(),
            txn: "T1".into(),
            amount_fen: 10000,
            event: NoticeEvent::Paid,
            refund_no: None,
        }
    }

    fn signed(signature: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(SIGNATURE_HEADER, signature.parse().unwrap());
        headers
    }

    #[test]
    fn a_signed_notice_is_believed_and_one_changed_byte_is_not() {
        let gateway = SandboxGateway::from_seed([7; 32]);
        let (body, signature) = gateway.sign(&notice());
        let now = Utc::now();
        assert_eq!(gateway.verify(&signed(&signature), &body, now), Ok(notice()));
        let mut changed = body.clone();
        let at = changed.iter().position(|&b| b == b'1').unwrap();
        changed[at] = b'9';
        assert_eq!(gateway.verify(&signed(&signature), &changed, now), Err(NoticeRefused::BadSignature));
        assert_eq!(gateway.verify(&http::HeaderMap::new(), &body, now), Err(NoticeRefused::BadSignature));
        // Another installation's sandbox key signs nothing this one believes.
        let (_, foreign) = SandboxGateway::from_seed([8; 32]).sign(&notice());
        assert_eq!(gateway.verify(&signed(&foreign), &body, now), Err(NoticeRefused::BadSignature));
    }
}
