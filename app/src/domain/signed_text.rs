//! A short text signed with the authority's Ed25519 key, as a QR code carries it:
//! `<PREFIX>.<body>.<signature>`, both base64url. The prefix says what the text is (a 准考证's
//! `ZGT1`, a 报名登记表's `ZGR1`), so one document's code is never taken for another's.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

/// `body` signed with `key`, behind `prefix`.
pub fn sign_text(prefix: &str, body: &[u8], key: &SigningKey) -> String {
    let signature = key.sign(body);
    format!("{prefix}.{}.{}", URL_SAFE_NO_PAD.encode(body), URL_SAFE_NO_PAD.encode(signature.to_bytes()))
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

/// Opens `code` with `key`, if it is a `prefix` text.
pub fn open_text(code: &str, prefix: &str, key: &VerifyingKey) -> Opened {
    let mut parts = code.trim().split('.');
    let (Some(found), Some(body), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Opened::Unreadable;
    };
    if found != prefix {
        return Opened::Unreadable;
    }
    let (Ok(body), Ok(signature)) = (URL_SAFE_NO_PAD.decode(body), URL_SAFE_NO_PAD.decode(signature)) else {
        return Opened::Unreadable;
    };
    let Ok(signature) = Signature::from_slice(&signature) else { return Opened::Tampered };
    match key.verify(&body, &signature) {
        Ok(()) => Opened::Signed(body),
        Err(_) => Opened::Tampered,
    }
}

/// Opens `code` with whichever of `keys` signed it (a rotated key still vouches for what it
/// signed): tampered only when none did.
pub fn open_text_with_any(code: &str, prefix: &str, keys: &[VerifyingKey]) -> Opened {
    let mut opened = Opened::Tampered;
    for key in keys {
        opened = open_text(code, prefix, key);
        if opened != Opened::Tampered {
            break;
        }
    }
    opened
}
