//! The code on a 报名登记表 (issue 51): which application the form is, signed with the authority's
//! key as the admission ticket's code is (`signed_text`), so the branch's on-site check finds the
//! candidate by scanning the printed form, and a forged or altered code finds no one.

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::record_ids::ApplicationId;
use super::record_ids::ExamCode;
use super::signed_text::{open_text_with_any, sign_text, Opened, REGISTRATION_FORM};

/// What a form's code vouches for. Short keys: the QR code stays small. Read strictly: a body of
/// another kind's code is no form (`signed_text`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationClaims {
    #[serde(rename = "e")]
    pub exam_code: ExamCode,
    #[serde(rename = "a")]
    pub application_id: ApplicationId,
}

pub fn sign_registration(claims: &RegistrationClaims, key: &SigningKey) -> String {
    sign_text(&REGISTRATION_FORM, &serde_json::to_vec(claims).unwrap_or_default(), key)
}

/// What a scanned code says, or None: not a form's code, altered, or signed by no key of ours.
pub fn read_registration(code: &str, keys: &[VerifyingKey]) -> Option<RegistrationClaims> {
    match open_text_with_any(code, &REGISTRATION_FORM, keys) {
        Opened::Signed(body) => serde_json::from_slice(&body).ok(),
        Opened::Tampered | Opened::Unreadable => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forms_code_reads_back_and_an_altered_or_ticket_code_does_not() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let claims = RegistrationClaims { exam_code: "004".into(), application_id: ApplicationId(41) };
        let code = sign_registration(&claims, &key);
        assert!(code.starts_with("ZGR2.") && code.len() < 200, "{code}");
        assert_eq!(read_registration(&format!("{code}\r\n"), &[key.verifying_key()]), Some(claims.clone()));
        let stranger = SigningKey::from_bytes(&[9; 32]);
        assert_eq!(read_registration(&sign_registration(&claims, &stranger), &[key.verifying_key()]), None);
        let ticket = code.replacen("ZGR2", "ZGT2", 1);
        assert_eq!(read_registration(&ticket, &[key.verifying_key()]), None);
        assert_eq!(read_registration("11010519491231002X", &[key.verifying_key()]), None);
    }
}
