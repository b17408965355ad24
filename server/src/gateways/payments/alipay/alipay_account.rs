//! An authority's Alipay contract as Zige needs it: the app (`app_id`) and its private key that
//! signs requests, Alipay's public key that verifies answers and notifications, the gateway to
//! call (the production one unless a test points to a stand-in), and the merchant's PID, which
//! every notification must name (an app may be shared by several merchants, and a notification
//! for another seller's trade is no payment to this one). Its Debug names the app, seller and
//! gateway, never a key.

use crate::gateways::payments::rsa_keys::{GatewayKey, MerchantKey};

pub const PRODUCTION_GATEWAY: &str = "https://openapi.alipay.com/gateway.do";

pub struct AlipayAccount {
    pub gateway_url: String,
    pub app_id: String,
    app_key: MerchantKey,
    alipay_key: GatewayKey,
    /// The merchant's PID (`2088…`), which a notification's `seller_id` must be.
    pub seller_id: String,
}

impl AlipayAccount {
    /// The account on the production gateway.
    pub fn new(
        app_id: impl Into<String>,
        seller_id: impl Into<String>,
        app_key: MerchantKey,
        alipay_key: GatewayKey,
    ) -> AlipayAccount {
        AlipayAccount {
            gateway_url: PRODUCTION_GATEWAY.into(),
            app_id: app_id.into(),
            app_key,
            alipay_key,
            seller_id: seller_id.into(),
        }
    }

    /// The same account on another gateway (the sandbox, or a test's stand-in).
    pub fn at_gateway(self, gateway_url: impl Into<String>) -> AlipayAccount {
        AlipayAccount { gateway_url: gateway_url.into(), ..self }
    }

    pub(super) fn app_key(&self) -> &MerchantKey {
        &self.app_key
    }

    /// Whether Alipay's key made `sign` over `content`.
    pub(super) fn alipay_signed(&self, content: &str, sign: &str) -> bool {
        self.alipay_key.verifies(content.as_bytes(), sign)
    }
}

impl std::fmt::Debug for AlipayAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AlipayAccount")
            .field("gateway_url", &self.gateway_url)
            .field("app_id", &self.app_id)
            .field("seller_id", &self.seller_id)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn its_debug_names_the_app_and_no_key() {
        let key = MerchantKey::parse(include_str!("../../../../tests/fixtures/payments/alipay_java_test_app_key.pem"));
        let alipay =
            GatewayKey::parse(include_str!("../../../../tests/fixtures/payments/standin_alipay_public_key.pem"));
        let account = AlipayAccount::new("2021000000000001", "2088000000000002", key.unwrap(), alipay.unwrap());
        let shown = format!("{account:?}");
        assert!(shown.contains("2021000000000001") && shown.contains(PRODUCTION_GATEWAY));
        assert!(!shown.contains("MII") && !shown.contains("Key("), "{shown}");
    }
}
