//! The two halves of a gateway contract's RSA keys, as both gateways use them
//! (SHA256withRSA, PKCS#1 v1.5): the merchant's private key signs Zige's requests, and the
//! gateway's public key (or certificate) verifies what the gateway sends. Signing is ring's,
//! constant-time (never the `rsa` crate, whose RUSTSEC-2023-0071 timing leak reaches signing too);
//! verifying is rustls-webpki's, over ring, from the key or certificate as the gateway hands it out.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivatePkcs1KeyDer, PrivatePkcs8KeyDer, SubjectPublicKeyInfoDer};

/// The merchant's private key. Its Debug says nothing of it.
pub struct MerchantKey {
    pair: RsaKeyPair,
    random: SystemRandom,
}

impl std::fmt::Debug for MerchantKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MerchantKey(…)")
    }
}

impl MerchantKey {
    /// Reads a key as the gateways hand it out: PEM (`PRIVATE KEY` as WeChat Pay's
    /// `apiclient_key.pem`, or `RSA PRIVATE KEY`), or the bare base64 of PKCS#8 or PKCS#1 DER that
    /// Alipay's key tool writes.
    pub fn parse(text: &str) -> Result<MerchantKey, String> {
        let text = text.trim();
        let pair = if text.starts_with("-----") {
            if let Ok(der) = PrivatePkcs8KeyDer::from_pem_slice(text.as_bytes()) {
                RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()).map_err(|e| e.to_string())?
            } else {
                let der = PrivatePkcs1KeyDer::from_pem_slice(text.as_bytes()).map_err(|e| e.to_string())?;
                RsaKeyPair::from_der(der.secret_pkcs1_der()).map_err(|e| e.to_string())?
            }
        } else {
            let der = BASE64.decode(text.split_whitespace().collect::<String>()).map_err(|e| e.to_string())?;
            RsaKeyPair::from_pkcs8(&der).or_else(|_| RsaKeyPair::from_der(&der)).map_err(|e| e.to_string())?
        };
        if pair.public().modulus_len() < 256 {
            return Err("the key is shorter than 2048 bits".into());
        }
        Ok(MerchantKey { pair, random: SystemRandom::new() })
    }

    /// base64(SHA256withRSA(message)).
    pub fn sign(&self, message: &[u8]) -> String {
        let mut signature = vec![0; self.pair.public().modulus_len()];
        // Only fails when the buffer is not the modulus' length, which it is.
        if self.pair.sign(&RSA_PKCS1_SHA256, &self.random, message, &mut signature).is_err() {
            return String::new();
        }
        BASE64.encode(signature)
    }
}

/// The gateway's public key: a `PUBLIC KEY` PEM (WeChat Pay's 微信支付公钥), the bare base64 of
/// one (Alipay's 支付宝公钥), or a `CERTIFICATE` (WeChat Pay's platform certificate, Alipay's
/// public key certificate) whose key is used.
#[derive(Clone, Debug)]
pub enum GatewayKey {
    Key(SubjectPublicKeyInfoDer<'static>),
    Certificate(CertificateDer<'static>),
}

impl GatewayKey {
    pub fn parse(text: &str) -> Result<GatewayKey, String> {
        let text = text.trim();
        let key = if text.contains("BEGIN CERTIFICATE") {
            GatewayKey::Certificate(CertificateDer::from_pem_slice(text.as_bytes()).map_err(|e| e.to_string())?)
        } else if text.starts_with("-----") {
            GatewayKey::Key(SubjectPublicKeyInfoDer::from_pem_slice(text.as_bytes()).map_err(|e| e.to_string())?)
        } else {
            let der = BASE64.decode(text.split_whitespace().collect::<String>()).map_err(|e| e.to_string())?;
            GatewayKey::Key(SubjectPublicKeyInfoDer::from(der))
        };
        // A key webpki cannot read would refuse every notification: refuse it at start instead.
        if key.check(b"", &[]) == Err(UNREADABLE) {
            return Err(UNREADABLE.to_string());
        }
        Ok(key)
    }

    /// Whether `signature` (base64) is the gateway's SHA256withRSA over `message`.
    pub fn verifies(&self, message: &[u8], signature: &str) -> bool {
        match BASE64.decode(signature.trim()) {
            Ok(bytes) => self.check(message, &bytes).is_ok(),
            Err(_) => false,
        }
    }

    fn check(&self, message: &[u8], signature: &[u8]) -> Result<(), &'static str> {
        let algorithm = webpki::ring::RSA_PKCS1_2048_8192_SHA256;
        match self {
            GatewayKey::Key(spki) => webpki::RawPublicKeyEntity::try_from(spki)
                .map_err(|_| UNREADABLE)?
                .verify_signature(algorithm, message, signature)
                .map_err(|_| BAD_SIGNATURE),
            GatewayKey::Certificate(der) => webpki::EndEntityCert::try_from(der)
                .map_err(|_| UNREADABLE)?
                .verify_signature(algorithm, message, signature)
                .map_err(|_| BAD_SIGNATURE),
        }
    }
}

const UNREADABLE: &str = "not an RSA public key or certificate that can be read";
const BAD_SIGNATURE: &str = "bad signature";

#[cfg(test)]
mod tests {
    use super::*;

    /// wechatpay-go's test key (core/auth/signers/sha256withrsa_signer_test.go), a published
    /// fixture, and its signature of "source" from the same test.
    pub const SDK_KEY: &str = include_str!("../../../tests/fixtures/payments/wechatpay_go_test_key.pem");
    const SDK_SIGNATURE_OF_SOURCE: &str = "BKyAfU4iMCuvXMXS0Wzam3V/cnxZ+JaqigPM5OhljS2iOT95OO6Fsuml2JkFANJU9K6q9bLlDhPXuoVz+pp4hAm6pHU4ld815U4jsKu1RkyaII+1CYBUYC8TK0XtJ8FwUXXz8vZHh58rrAVN1XwNyvD1vfpxrMT4SL536GLwvpUHlCqIMzoZUguLli/K8V29QiOhuH6IEqLNJn8e9b3nwNcQ7be3CzYGpDAKBfDGPCqCv8Rw5zndhlffk2FEA70G4hvMwe51qMN/RAJbknXG23bSlObuTCN7Ndj1aJGH6/L+hdwfLpUtJm4QYVazzW7DFD27EpSQEqA8bX9+8m1rLg==";

    #[test]
    fn signs_as_the_wechat_pay_sdk_does() {
        let key = MerchantKey::parse(SDK_KEY).unwrap();
        assert_eq!(key.sign(b"source"), SDK_SIGNATURE_OF_SOURCE);
        assert!(!format!("{key:?}").contains("MII"));
    }

    #[test]
    fn a_certificate_verifies_its_key_s_signatures_and_nothing_else() {
        let certificate =
            GatewayKey::parse(include_str!("../../../tests/fixtures/payments/wechatpay_go_test_certificate.pem"))
                .unwrap();
        assert!(certificate.verifies(b"source", SDK_SIGNATURE_OF_SOURCE));
        assert!(!certificate.verifies(b"sourcf", SDK_SIGNATURE_OF_SOURCE));
        assert!(!certificate.verifies(b"source", "not base64!"));
    }

    #[test]
    fn what_is_not_a_key_is_refused_when_read() {
        assert!(MerchantKey::parse("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----").is_err());
        assert!(GatewayKey::parse("bm90IGEga2V5").is_err());
    }
}
