//! `openidconnect`'s types as Zige uses them: its client with Zige's claims, the token endpoint's
//! answer and the provider's metadata with RP-Initiated Logout's `end_session_endpoint`. Named once
//! here, as the crate's generic parameters run to seventeen.

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    Client, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields,
    ProviderMetadataWithLogout, StandardErrorResponse, StandardTokenResponse,
};

use super::provider_claims::ProviderClaims;

pub(super) type TokenAnswer = StandardTokenResponse<
    IdTokenFields<
        ProviderClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

/// `openidconnect`'s client with Zige's claims, as `from_provider_metadata` makes it.
pub(super) type RelyingParty = Client<
    ProviderClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenAnswer,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The provider's discovery document, with RP-Initiated Logout's `end_session_endpoint`.
pub(super) type Metadata = ProviderMetadataWithLogout;
