//! The code on a 准考证 (issue 13): what the ticket says, signed with the exam authority's Ed25519
//! key, as one line of text a QR code carries — `ZGT2.<claims>.<signature>`, both base64url. Anyone
//! holding the public key checks it without asking the server: the same function runs in the
//! `/verify` page, in `server ticket verify` and in the tests.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::signed_text::{open_text, sign_text, Opened, TICKET};

/// What a ticket's code vouches for. Short keys: the QR code stays small enough to scan from paper.
/// Read strictly: a body of another kind's code is no ticket (`signed_text`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketClaims {
    /// Ticket number ("002-101-07"): exam, room, seat.
    #[serde(rename = "t")]
    pub ticket_no: String,
    #[serde(rename = "n")]
    pub name: String,
    /// The masked ID number ("110***********7897"), to hold against the ID card at the exam hall's entrance.
    #[serde(rename = "i")]
    pub id_masked: String,
    /// Valid until, seconds since 1970 (UTC).
    #[serde(rename = "u")]
    pub valid_until: i64,
}

/// What a verifier learns from a scanned code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TicketVerdict {
    /// Signed by the key and not expired.
    Valid(TicketClaims),
    /// Signed by the key, but its exam day is over.
    Expired(TicketClaims),
    /// Readable, but the signature does not match what it says: altered, or another key's.
    Tampered,
    /// Not a Zige ticket code at all.
    Unreadable,
}

/// The code for `claims`, signed with `key`.
pub fn sign_ticket(claims: &TicketClaims, key: &SigningKey) -> String {
    sign_text(&TICKET, &serde_json::to_vec(claims).unwrap_or_default(), key)
}

/// Checks a scanned `code` against the authority's public key at `now` (seconds since 1970).
pub fn verify_ticket(code: &str, key: &VerifyingKey, now: i64) -> TicketVerdict {
    let body = match open_text(code, &TICKET, key) {
        Opened::Signed(body) => body,
        Opened::Tampered => return TicketVerdict::Tampered,
        Opened::Unreadable => return TicketVerdict::Unreadable,
    };
    match serde_json::from_slice::<TicketClaims>(&body) {
        Ok(claims) if now > claims.valid_until => TicketVerdict::Expired(claims),
        Ok(claims) => TicketVerdict::Valid(claims),
        // Signed, yet not claims: only a key used for something else could do that.
        Err(_) => TicketVerdict::Tampered,
    }
}

/// Checks a scanned `code` against every key the authority has signed with (a rotated key still
/// vouches for the tickets it signed): tampered only when none of them made the signature.
pub fn verify_ticket_with_any(code: &str, keys: &[VerifyingKey], now: i64) -> TicketVerdict {
    let mut verdict = TicketVerdict::Tampered;
    for key in keys {
        verdict = verify_ticket(code, key, now);
        if verdict != TicketVerdict::Tampered {
            break;
        }
    }
    verdict
}

/// The public key as the `/verify` page and the command line take it (base64url).
pub fn public_key_text(key: &VerifyingKey) -> String {
    URL_SAFE_NO_PAD.encode(key.to_bytes())
}

pub fn public_key_from_text(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = URL_SAFE_NO_PAD.decode(text.trim()).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> TicketClaims {
        TicketClaims {
            ticket_no: "002-101-07".into(),
            name: "𠮷田堃".into(),
            id_masked: "110***********7897".into(),
            valid_until: 1_800_000_000,
        }
    }

    #[test]
    fn a_code_signed_by_a_rotated_key_still_verifies_beside_the_new_one() {
        let (old, new) = (SigningKey::from_bytes(&[3; 32]), SigningKey::from_bytes(&[4; 32]));
        let keys = [new.verifying_key(), old.verifying_key()];
        let code = sign_ticket(&claims(), &old);
        assert_eq!(verify_ticket_with_any(&code, &keys, 0), TicketVerdict::Valid(claims()));
        let stranger = SigningKey::from_bytes(&[5; 32]);
        assert_eq!(verify_ticket_with_any(&sign_ticket(&claims(), &stranger), &keys, 0), TicketVerdict::Tampered);
        assert_eq!(verify_ticket_with_any("hello", &keys, 0), TicketVerdict::Unreadable);
        assert_eq!(verify_ticket_with_any(&code, &[], 0), TicketVerdict::Tampered);
    }

    #[test]
    fn a_signed_code_verifies_until_it_expires_and_says_what_it_vouches_for() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let code = sign_ticket(&claims(), &key);
        assert!(code.starts_with("ZGT2.") && code.len() < 300, "{code}");
        let public = public_key_from_text(&public_key_text(&key.verifying_key())).unwrap();
        assert_eq!(verify_ticket(&code, &public, 1_700_000_000), TicketVerdict::Valid(claims()));
        assert_eq!(verify_ticket(&format!(" {code}\n"), &public, 1_800_000_000), TicketVerdict::Valid(claims()));
        assert_eq!(verify_ticket(&code, &public, 1_800_000_001), TicketVerdict::Expired(claims()));
    }

    #[test]
    fn one_changed_character_another_key_or_another_text_is_not_valid() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let code = sign_ticket(&claims(), &key);
        let public = key.verifying_key();
        // A seat changed in the claims, signed with nothing.
        let (head, rest) = code.split_at(8);
        let mut altered: Vec<char> = rest.chars().collect();
        altered[3] = if altered[3] == 'A' { 'B' } else { 'A' };
        let altered = format!("{head}{}", altered.into_iter().collect::<String>());
        assert_eq!(verify_ticket(&altered, &public, 0), TicketVerdict::Tampered);
        let other = SigningKey::from_bytes(&[8; 32]);
        assert_eq!(verify_ticket(&code, &other.verifying_key(), 0), TicketVerdict::Tampered);
        assert_eq!(verify_ticket("https://example.com/", &public, 0), TicketVerdict::Unreadable);
        assert_eq!(verify_ticket("ZGT2.!!!.???", &public, 0), TicketVerdict::Unreadable);
    }
}
