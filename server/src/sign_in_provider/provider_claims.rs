//! The claims Zige reads of the person the provider vouches for: the ID number, the name, the
//! mobile number and what they registered for, under the claim names the installation configured (an authority's provider may
//! call the ID number `id_number`, `idcard` or anything else). Standard claims (`name`,
//! `phone_number`) are read where the provider puts them; any other by its name.

use std::collections::HashMap;

use app::domain::{IdNumber, IdType};
use app::ssr::exams::registrations::Registration;
use openidconnect::core::CoreGenderClaim;
use openidconnect::{AdditionalClaims, IdTokenClaims, UserInfoClaims};
use serde::{Deserialize, Serialize};

use super::provider_settings::ProviderSettings;
use super::sign_in_trouble::SignInTrouble;

/// Every claim outside the standard ones, by name.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ProviderClaims {
    #[serde(flatten)]
    pub other: HashMap<String, serde_json::Value>,
}

impl AdditionalClaims for ProviderClaims {}

/// A standard claim Zige may be told to read a value from, by name. The ID token's claims and
/// userinfo's have the same accessors but no common type, hence a macro.
macro_rules! standard_claim {
    ($claims:expr, $name:expr) => {
        match $name {
            "sub" => Some($claims.subject().as_str().to_string()),
            "name" => $claims.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_string()),
            "phone_number" => $claims.phone_number().map(|p| p.as_str().to_string()),
            "preferred_username" => $claims.preferred_username().map(|u| u.as_str().to_string()),
            _ => None,
        }
    };
}

/// What one source of claims (the ID token, or the userinfo answer) says.
#[derive(Clone, Debug, Default)]
pub struct ClaimValues {
    pub id_number: Option<String>,
    pub name: Option<String>,
    pub mobile: Option<String>,
    /// None: the claim is absent (or not a list of registrations).
    pub registrations: Option<Vec<Registration>>,
}

impl ClaimValues {
    pub fn of_id_token(claims: &IdTokenClaims<ProviderClaims, CoreGenderClaim>, settings: &ProviderSettings) -> Self {
        Self::read(&claims.additional_claims().other, settings, |name| standard_claim!(claims, name))
    }

    pub fn of_user_info(claims: &UserInfoClaims<ProviderClaims, CoreGenderClaim>, settings: &ProviderSettings) -> Self {
        Self::read(&claims.additional_claims().other, settings, |name| standard_claim!(claims, name))
    }

    fn read(
        other: &HashMap<String, serde_json::Value>,
        settings: &ProviderSettings,
        standard: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let text = |name: &str| {
            let named = other.get(name).and_then(|value| match value {
                serde_json::Value::String(text) => Some(text.trim().to_string()),
                serde_json::Value::Number(number) => Some(number.to_string()),
                _ => None,
            });
            named.or_else(|| standard(name)).filter(|text| !text.is_empty())
        };
        let registrations =
            other.get(&settings.claim_registrations).and_then(|value| serde_json::from_value(value.clone()).ok());
        ClaimValues {
            id_number: text(&settings.claim_id_number),
            name: text(&settings.claim_name),
            mobile: text(&settings.claim_mobile),
            registrations,
        }
    }

    /// The ID token's claims, with what it left out taken from userinfo.
    pub fn or(self, more: ClaimValues) -> ClaimValues {
        ClaimValues {
            id_number: self.id_number.or(more.id_number),
            name: self.name.or(more.name),
            mobile: self.mobile.or(more.mobile),
            registrations: self.registrations.or(more.registrations),
        }
    }

    /// The ID number, checked as a sign-up's is (a resident ID: the registration systems key on it).
    pub fn id_number(&self) -> Result<IdNumber, SignInTrouble> {
        let typed = self.id_number.as_deref().ok_or(SignInTrouble::NoIdNumber)?;
        let normalised = app::domain::id_number::normalised_id_number(typed);
        IdNumber::parse(IdType::ResidentId, &normalised).map_err(SignInTrouble::BadIdNumber)
    }

    /// A mainland mobile number as Zige keeps them (11 digits), from the provider's E.164 form
    /// (`+8613800000001`) or its own; empty when there is none, or it is another country's.
    pub fn mobile_digits(&self) -> String {
        let raw = self.mobile.as_deref().unwrap_or_default().trim();
        let national = match raw.strip_prefix('+') {
            Some(international) => match international.trim_start().strip_prefix("86") {
                Some(national) => national,
                None => return String::new(),
            },
            None => raw,
        };
        app::domain::mobile_number::normalized_mobile(national).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mobile_number_is_kept_as_its_eleven_digits_from_either_form() {
        let with =
            |mobile: &str| ClaimValues { mobile: Some(mobile.to_string()), ..Default::default() }.mobile_digits();
        assert_eq!(with("+8613800000001"), "13800000001");
        assert_eq!(with("13800000001"), "13800000001");
        assert_eq!(with("+1 415 555 0100"), "");
    }

    #[test]
    fn an_id_number_is_required_and_checked() {
        let with =
            |id: Option<&str>| ClaimValues { id_number: id.map(str::to_string), ..Default::default() }.id_number();
        assert!(matches!(with(None), Err(SignInTrouble::NoIdNumber)));
        assert!(matches!(with(Some("110101199003074250")), Err(SignInTrouble::BadIdNumber(_))));
        assert_eq!(with(Some("11010119900307425x")).map(|n| n.as_str().to_string()).ok(), None);
        assert!(with(Some("110101199003074258")).is_ok());
    }
}
