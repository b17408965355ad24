//! The time-based codes themselves (RFC 6238, through `totp-rs`): a new secret, the code of a
//! moment, the 30-second step a typed code belongs to, and the `otpauth://` address an
//! authenticator app scans. SHA-1 and six digits: what every authenticator app shows (some apps
//! accept SHA-256 in the address and silently compute SHA-1).

use chrono::{DateTime, Utc};
use rand::RngCore;
use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::domain::second_factor_code::TOTP_DIGITS;
use crate::error::AppError;

/// RFC 6238's time step.
pub const STEP_SECONDS: u64 = 30;
/// Codes from one step either side of now are taken (RFC 6238 §5.2's recommendation): the
/// phone's clock drifts and typing takes time.
const SKEW_STEPS: u16 = 1;
/// How the installation appears in the authenticator app's list.
const ISSUER: &str = "Zige";
/// 160 bits, as RFC 4226 §4 recommends.
const SECRET_BYTES: usize = 20;

/// A fresh secret from the operating system's generator, in base32 (what apps take).
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

fn totp(secret_base32: &str, account_label: &str) -> Result<Totp, AppError> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|e| crate::ssr::internal("second factor secret", e))?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(TOTP_DIGITS as u8)
        .with_skew(SKEW_STEPS)
        .with_step_duration(STEP_SECONDS)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account_label.replace(':', " "))
        .build()
        .map_err(|e| crate::ssr::internal("second factor settings", e))
}

/// The step (seconds since 1970 / 30) whose code `typed` is, within a step of `now`; None when
/// it is no code of these three steps.
pub fn matched_step(secret_base32: &str, typed: &str, now: DateTime<Utc>) -> Result<Option<i64>, AppError> {
    let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
    Ok(totp(secret_base32, "")?.check(typed, seconds).and_then(|step| i64::try_from(step).ok()))
}

/// The code an authenticator shows at `at` (the demo's published secrets and the tests use it).
pub fn code_at(secret_base32: &str, at: DateTime<Utc>) -> Result<String, AppError> {
    Ok(totp(secret_base32, "")?.generate(u64::try_from(at.timestamp()).unwrap_or(0)).to_string())
}

/// The address a QR code carries to the app: issuer, the account's label, the secret.
pub fn otpauth_url(secret_base32: &str, account_label: &str) -> Result<String, AppError> {
    totp(secret_base32, account_label)?.to_url().map_err(|e| crate::ssr::internal("second factor address", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B's SHA-1 secret, "12345678901234567890", in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    #[test]
    fn the_codes_are_rfc_6238_s_worked_examples_in_six_digits() {
        // Appendix B gives eight digits; six are their last six (RFC 4226 §5.3's truncation).
        for (seconds, eight_digits) in [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
        ] {
            assert_eq!(code_at(RFC_SECRET, at(seconds)).unwrap(), eight_digits[2..], "T = {seconds}");
        }
    }

    #[test]
    fn a_code_is_taken_one_step_either_side_of_now_and_names_its_step() {
        let code = code_at(RFC_SECRET, at(1234567890)).unwrap();
        let step = 1234567890 / 30;
        assert_eq!(matched_step(RFC_SECRET, &code, at(1234567890)).unwrap(), Some(step));
        assert_eq!(matched_step(RFC_SECRET, &code, at(1234567890 + 30)).unwrap(), Some(step));
        assert_eq!(matched_step(RFC_SECRET, &code, at(1234567890 - 30)).unwrap(), Some(step));
        assert_eq!(matched_step(RFC_SECRET, &code, at(1234567890 + 90)).unwrap(), None);
    }

    #[test]
    fn a_new_secret_is_160_random_bits_and_differs_each_time() {
        let (one, two) = (new_secret(), new_secret());
        assert_eq!(Secret::try_from_base32(&one).unwrap().as_bytes().len(), SECRET_BYTES);
        assert_ne!(one, two);
    }

    #[test]
    fn the_app_s_address_names_the_installation_and_the_account_and_carries_the_secret() {
        let url = otpauth_url(RFC_SECRET, "赵管理 440305********456X").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains(&format!("secret={RFC_SECRET}")), "{url}");
        assert!(url.contains("issuer=Zige"), "{url}");
    }
}
