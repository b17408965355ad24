//! A short text signed with the authority's Ed25519 key, as a QR code carries it:
//! `<PREFIX>.<body>.<signature>`, both base64url. The prefix says what the text is (a 准考证's
//! `ZGT2`, a 报名登记表's `ZGR2`), and the signature covers it with the body (issue 64), so one
//! document's code is never taken for another's by changing its prefix.
//!
//! Codes printed before the signature covered the prefix (`ZGT1`, `ZGR1`) still open: their
//! bodies are read strictly (`deny_unknown_fields`, every field required), and a ticket's and a
//! form's bodies share no shape, so a relabelled old code reads as nothing.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

/// What kind of text a code is: the prefix it is signed under, and the one such codes carried
/// when the signature covered the body alone.
#[derive(Clone, Copy, Debug)]
pub struct TextKind {
    pub prefix: &'static str,
    pub body_only_prefix: &'static str,
}

/// A 准考证's code.
pub const TICKET: TextKind = TextKind { prefix: "ZGT2", body_only_prefix: "ZGT1" };
/// A 报名登记表's code.
pub const REGISTRATION_FORM: TextKind = TextKind { prefix: "ZGR2", body_only_prefix: "ZGR1" };

impl TextKind {
    /// Whether `code` carries this kind's prefix (either version), before any key is asked.
    pub fn is_kind_of(&self, code: &str) -> bool {
        let found = code.trim().split('.').next().unwrap_or_default();
        found == self.prefix || found == self.body_only_prefix
    }
}

/// What the signature covers: the prefix, a dot, and the body.
fn signed_message(prefix: &str, body: &[u8]) -> Vec<u8> {
    [prefix.as_bytes(), b".", body].concat()
}

/// `body` signed with `key` as a text of `kind`.
pub fn sign_text(kind: &TextKind, body: &[u8], key: &SigningKey) -> String {
    let signature = key.sign(&signed_message(kind.prefix, body));
    format!("{}.{}.{}", kind.prefix, URL_SAFE_NO_PAD.encode(body), URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// What a scanned text turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    /// The body, signed by the key.
    Signed(Vec<u8>),
    /// Readable, but the signature does not match: altered, or another key's.
    Tampered,
    /// Not a text of this kind at all.
    Unreadable,
}

/// Opens `code` with `key`, if it is a text of `kind`.
pub fn open_text(code: &str, kind: &TextKind, key: &VerifyingKey) -> Opened {
    let mut parts = code.trim().split('.');
    let (Some(found), Some(body), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Opened::Unreadable;
    };
    if !kind.is_kind_of(found) {
        return Opened::Unreadable;
    }
    let (Ok(body), Ok(signature)) = (URL_SAFE_NO_PAD.decode(body), URL_SAFE_NO_PAD.decode(signature)) else {
        return Opened::Unreadable;
    };
    let Ok(signature) = Signature::from_slice(&signature) else { return Opened::Tampered };
    let message = if found == kind.prefix { signed_message(found, &body) } else { body.clone() };
    match key.verify(&message, &signature) {
        Ok(()) => Opened::Signed(body),
        Err(_) => Opened::Tampered,
    }
}

/// Opens `code` with whichever of `keys` signed it (a rotated key still vouches for what it
/// signed): tampered only when none did.
pub fn open_text_with_any(code: &str, kind: &TextKind, keys: &[VerifyingKey]) -> Opened {
    let mut opened = Opened::Tampered;
    for key in keys {
        opened = open_text(code, kind, key);
        if opened != Opened::Tampered {
            break;
        }
    }
    opened
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_relabelled_as_another_kind_does_not_open() {
        let key = SigningKey::from_bytes(&[11; 32]);
        let form = sign_text(&REGISTRATION_FORM, br#"{"e":"004","a":7}"#, &key);
        assert!(form.starts_with("ZGR2."), "{form}");
        assert_eq!(
            open_text(&form, &REGISTRATION_FORM, &key.verifying_key()),
            Opened::Signed(br#"{"e":"004","a":7}"#.to_vec())
        );
        let relabelled = form.replacen("ZGR2", "ZGT2", 1);
        assert_eq!(open_text(&relabelled, &TICKET, &key.verifying_key()), Opened::Tampered);
    }

    #[test]
    fn a_code_printed_before_the_prefix_was_signed_still_opens() {
        let key = SigningKey::from_bytes(&[12; 32]);
        let body = br#"{"e":"004","a":7}"#;
        let printed =
            format!("ZGR1.{}.{}", URL_SAFE_NO_PAD.encode(body), URL_SAFE_NO_PAD.encode(key.sign(body).to_bytes()));
        assert_eq!(open_text(&printed, &REGISTRATION_FORM, &key.verifying_key()), Opened::Signed(body.to_vec()));
        assert_eq!(open_text(&printed, &TICKET, &key.verifying_key()), Opened::Unreadable);
    }
}
