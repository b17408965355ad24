//! The encrypted `resource` of WeChat Pay's notifications (and of its certificate list):
//! AEAD_AES_256_GCM under the merchant's API v3 key (its 32 characters as bytes), with the
//! resource's nonce and associated data as given; the ciphertext ends with the 16-byte tag.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct EncryptedResource {
    pub algorithm: String,
    pub ciphertext: String,
    #[serde(default)]
    pub associated_data: String,
    pub nonce: String,
}

/// The merchant's API v3 key. Its Debug says nothing of it.
pub struct ApiV3Key(LessSafeKey);

impl std::fmt::Debug for ApiV3Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiV3Key(…)")
    }
}

impl ApiV3Key {
    /// The key as the merchant set it on the merchant platform: 32 characters.
    pub fn parse(text: &str) -> Result<ApiV3Key, String> {
        let text = text.trim();
        let key = UnboundKey::new(&AES_256_GCM, text.as_bytes())
            .map_err(|_| format!("the API v3 key must be 32 characters, not {}", text.len()))?;
        Ok(ApiV3Key(LessSafeKey::new(key)))
    }

    /// The resource's plaintext; None when it was not made with this key, or was changed.
    pub fn decrypt(&self, resource: &EncryptedResource) -> Option<Vec<u8>> {
        if resource.algorithm != "AEAD_AES_256_GCM" {
            return None;
        }
        let nonce = Nonce::try_assume_unique_for_key(resource.nonce.as_bytes()).ok()?;
        let mut sealed = BASE64.decode(&resource.ciphertext).ok()?;
        let aad = Aad::from(resource.associated_data.as_bytes());
        self.0.open_in_place(nonce, aad, &mut sealed).ok().map(|plain| plain.to_vec())
    }

    /// The gateway's side (the stand-in's notifications): the resource sealed as WeChat Pay seals it.
    pub fn encrypt(&self, plaintext: &[u8], nonce: &str, associated_data: &str) -> Option<String> {
        let mut sealed = plaintext.to_vec();
        let nonce_value = Nonce::try_assume_unique_for_key(nonce.as_bytes()).ok()?;
        self.0.seal_in_place_append_tag(nonce_value, Aad::from(associated_data.as_bytes()), &mut sealed).ok()?;
        Some(BASE64.encode(sealed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// wechatpay-java's AeadAesCipherTest with TestConfig.API_V3_KEY.
    const SDK_KEY: &str = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

    fn sdk_resource() -> EncryptedResource {
        EncryptedResource {
            algorithm: "AEAD_AES_256_GCM".into(),
            ciphertext: "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=".into(),
            associated_data: "associatedData".into(),
            nonce: "uluk4a9R25RW".into(),
        }
    }

    #[test]
    fn opens_and_seals_as_the_java_sdk_does() {
        let key = ApiV3Key::parse(SDK_KEY).unwrap();
        assert_eq!(key.decrypt(&sdk_resource()).as_deref(), Some(&b"message"[..]));
        assert_eq!(key.encrypt(b"message", "uluk4a9R25RW", "associatedData").unwrap(), sdk_resource().ciphertext);
    }

    #[test]
    fn another_key_or_other_associated_data_opens_nothing() {
        let other = ApiV3Key::parse("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
        assert_eq!(other.decrypt(&sdk_resource()), None);
        let key = ApiV3Key::parse(SDK_KEY).unwrap();
        assert_eq!(key.decrypt(&EncryptedResource { associated_data: "transaction".into(), ..sdk_resource() }), None);
        assert!(ApiV3Key::parse("testMchAPIv3Key0").is_err(), "16 characters is AES-128, not an API v3 key");
        assert!(!format!("{key:?}").contains(SDK_KEY));
    }
}
