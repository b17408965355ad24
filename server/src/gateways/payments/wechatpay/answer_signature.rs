//! How WeChat Pay signs what it sends (its answers and its notifications): `TIMESTAMP\nNONCE\nBODY\n`
//! over the body's exact bytes, SHA256withRSA with one of the platform's keys, in the
//! `Wechatpay-*` headers. A signature is believed only from the key whose id (`Wechatpay-Serial`:
//! a `PUB_KEY_ID_…` or a platform certificate's serial) the installation was given, within five
//! minutes of its timestamp; WeChat Pay's signature probes (`WECHATPAY/SIGNTEST/…`) never pass.
//! An installation may hold several keys at once: a merchant moving from platform certificates to
//! the platform public key receives both kinds of signature for a while, and a certificate being
//! renewed signs beside its successor.

use chrono::{DateTime, Utc};

use crate::gateways::payments::rsa_keys::GatewayKey;

pub const TIMESTAMP: &str = "wechatpay-timestamp";
pub const NONCE: &str = "wechatpay-nonce";
pub const SIGNATURE: &str = "wechatpay-signature";
pub const SERIAL: &str = "wechatpay-serial";

/// How far a signed timestamp may be from the clock (the SDKs' five minutes).
const FRESH_FOR_SECS: i64 = 300;

/// The platform's key, and the id WeChat Pay names it by.
#[derive(Clone, Debug)]
pub struct PlatformKey {
    pub id: String,
    pub key: GatewayKey,
}

/// Every platform key the installation was given, found by the id a signature names.
#[derive(Clone, Debug)]
pub struct PlatformKeys(Vec<PlatformKey>);

impl PlatformKeys {
    /// The keys, at least one; ids are unique (a serial naming two keys would be ambiguous).
    pub fn new(keys: Vec<PlatformKey>) -> Result<PlatformKeys, String> {
        if keys.is_empty() {
            return Err("no platform key".into());
        }
        for (at, key) in keys.iter().enumerate() {
            if keys[..at].iter().any(|earlier| earlier.id.eq_ignore_ascii_case(&key.id)) {
                return Err(format!("the id {} is given twice", key.id));
            }
        }
        Ok(PlatformKeys(keys))
    }

    pub fn find(&self, id: &str) -> Option<&PlatformKey> {
        self.0.iter().find(|key| key.id.eq_ignore_ascii_case(id))
    }

    /// The platform public key's id (`PUB_KEY_ID_…`), when one is configured: requests name it in
    /// `Wechatpay-Serial`, which asks WeChat Pay to sign its answers with that key (during the
    /// move from certificates it would otherwise sign with a certificate).
    pub fn public_key_id(&self) -> Option<&str> {
        self.0.iter().map(|key| key.id.as_str()).find(|id| id.starts_with("PUB_KEY_ID_"))
    }
}

/// What is signed: `TIMESTAMP\nNONCE\nBODY\n`.
pub fn message(timestamp: &str, nonce: &str, body: &[u8]) -> Vec<u8> {
    let mut message = format!("{timestamp}\n{nonce}\n").into_bytes();
    message.extend_from_slice(body);
    message.push(b'\n');
    message
}

/// Whether the headers carry a signature at all (an answer may come without one).
pub fn carries_signature(headers: &axum::http::HeaderMap) -> bool {
    headers.contains_key(SIGNATURE) || headers.contains_key(SERIAL)
}

/// Whether these headers sign this body with the platform key they name, freshly.
pub fn is_signed(platform: &PlatformKeys, headers: &axum::http::HeaderMap, body: &[u8], now: DateTime<Utc>) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let (Some(timestamp), Some(nonce), Some(signature), Some(serial)) =
        (header(TIMESTAMP), header(NONCE), header(SIGNATURE), header(SERIAL))
    else {
        return false;
    };
    let fresh = timestamp.parse::<i64>().is_ok_and(|t| (now.timestamp() - t).abs() < FRESH_FOR_SECS);
    let Some(key) = platform.find(serial) else { return false };
    fresh
        && !signature.starts_with("WECHATPAY/SIGNTEST/")
        && key.key.verifies(&message(timestamp, nonce, body), signature)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// wechatpay-go's core/notify/notify_test.go: a notification signed by the key of the
    /// certificate with serial D7CE59D1F522D701.
    const BODY: &str = r#"{"id":"3119dfba-e649-5eec-ab1e-3412bc4d2e17","create_time":"2021-06-24T16:37:26+08:00","resource_type":"encrypt-resource","event_type":"PAYSCORE.USER_OPEN_SERVICE","summary":"签约成功","resource":{"original_type":"payscore","algorithm":"AEAD_AES_256_GCM","ciphertext":"YDS3lKPaC4Y52Gf3uhft5qUBlIa8b428AWTtTauHQfQrRw+X1WpiuHIDy0vo1Vd6VEq67aVyqPdDYMkRVSDaZL3iZttevRMOoPKMifozg6XPWjIZumks/GpT48lI4NizyeaqLBokNebthah3o1H76qSlO9NkDjp9bzmKLEYYH9TEklFUpsvPqOTOcgSLgh21YJXYR7dEBXFgRLiNIKRgO5JdXh1hccRUAlyVWxE54PXpnQ==","associated_data":"payscore","nonce":"Kj7QIyUiYx1q"}}"#;
    const SIGNATURE_OF_BODY: &str = "tJHIiIS9eB2hAYstmAmbbD3ZE5LiIm/Ug5tuL4fC0YOFRWIHV39UFIZXC0e9Wl6lBu6sKvkqDkzpqzBsVHyXFlbYZTOQrVdG4b6LfTnK4mikv9++ixJMd3vTf2yCqvBkh98zs3Ds5zsYQakzbcwhmw4fMJs4nPLws28H0UW9FjDR//rxELLwXvV1VEA1IBLX70xptjL8hrfUjEE8kkry6yNJTHZRU8CAc7qHli2Ng1V1qb9ARbK8A3ThmFmPQvRGrapI/jS2laKKgYUmfdEdkNO6B2Cke5e8VTxY406ArAmQ90GAihDwIcb16TQMnzCMBoutnwZKNiKRACrFmtxw2Q==";

    fn certificate() -> PlatformKey {
        let certificate = include_str!("../../../../tests/fixtures/payments/wechatpay_go_test_certificate.pem");
        PlatformKey { id: "D7CE59D1F522D701".into(), key: GatewayKey::parse(certificate).unwrap() }
    }

    /// Another key, as a merchant moving to the platform public key holds beside its certificate.
    fn public_key() -> PlatformKey {
        let key = include_str!("../../../../tests/fixtures/payments/standin_wechatpay_platform_public_key.pem");
        PlatformKey { id: "PUB_KEY_ID_0001".into(), key: GatewayKey::parse(key).unwrap() }
    }

    fn platform() -> PlatformKeys {
        PlatformKeys::new(vec![certificate()]).unwrap()
    }

    fn headers(signature: &str, serial: &str) -> axum::http::HeaderMap {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(TIMESTAMP, "1624523846".parse().unwrap());
        headers.insert(NONCE, "EcZ9Cmy4Xyx1i6RlJQzLcCyEqDa26NBz".parse().unwrap());
        headers.insert(SIGNATURE, signature.parse().unwrap());
        headers.insert(SERIAL, serial.parse().unwrap());
        headers
    }

    #[test]
    fn the_sdk_s_notification_is_believed_fresh_and_from_the_named_key_only() {
        let at = DateTime::from_timestamp(1624523846 + 60, 0).unwrap();
        let signed = headers(SIGNATURE_OF_BODY, "D7CE59D1F522D701");
        assert!(is_signed(&platform(), &signed, BODY.as_bytes(), at));
        // One byte changed, too late, another key's id, a probe, no signature.
        assert!(!is_signed(&platform(), &signed, BODY.replace("签约", "解约").as_bytes(), at));
        assert!(!is_signed(&platform(), &signed, BODY.as_bytes(), at + chrono::Duration::minutes(5)));
        assert!(!is_signed(&platform(), &headers(SIGNATURE_OF_BODY, "PUB_KEY_ID_0001"), BODY.as_bytes(), at));
        let probe = format!("WECHATPAY/SIGNTEST/{SIGNATURE_OF_BODY}");
        assert!(!is_signed(&platform(), &headers(&probe, "D7CE59D1F522D701"), BODY.as_bytes(), at));
        assert!(!is_signed(&platform(), &axum::http::HeaderMap::new(), BODY.as_bytes(), at));
    }

    #[test]
    fn with_several_keys_each_signature_is_checked_with_the_key_its_serial_names() {
        let at = DateTime::from_timestamp(1624523846 + 60, 0).unwrap();
        let both = PlatformKeys::new(vec![public_key(), certificate()]).unwrap();
        // The certificate's signature is still believed once the public key is configured too.
        assert!(is_signed(&both, &headers(SIGNATURE_OF_BODY, "d7ce59d1f522d701"), BODY.as_bytes(), at));
        // The certificate's signature under the public key's id is not.
        assert!(!is_signed(&both, &headers(SIGNATURE_OF_BODY, "PUB_KEY_ID_0001"), BODY.as_bytes(), at));
        // And the public key's own signature is, under its id only.
        let signer = crate::gateways::payments::rsa_keys::MerchantKey::parse(include_str!(
            "../../../../tests/fixtures/payments/standin_wechatpay_platform_key.pem"
        ))
        .unwrap();
        let signed = signer.sign(&message("1624523846", "EcZ9Cmy4Xyx1i6RlJQzLcCyEqDa26NBz", BODY.as_bytes()));
        assert!(is_signed(&both, &headers(&signed, "PUB_KEY_ID_0001"), BODY.as_bytes(), at));
        assert!(!is_signed(&both, &headers(&signed, "D7CE59D1F522D701"), BODY.as_bytes(), at));
        assert!(!is_signed(&platform(), &headers(&signed, "PUB_KEY_ID_0001"), BODY.as_bytes(), at));
        assert_eq!(both.public_key_id(), Some("PUB_KEY_ID_0001"));
        assert_eq!(platform().public_key_id(), None, "a merchant on certificates names none");
        assert!(PlatformKeys::new(vec![certificate(), certificate()]).is_err());
        assert!(PlatformKeys::new(Vec::new()).is_err());
    }
}
