//! The admission tickets' keys as the server holds them (read from the database at start and
//! after a rotation by `ssr::tickets::ticket_keys`): the newest signs, every one verifies.

use ed25519_dalek::{SigningKey, VerifyingKey};

pub struct TicketKeys {
    newest_id: i32,
    signing: SigningKey,
    /// Every key's public half, the signing key's first.
    public: Vec<VerifyingKey>,
}

impl TicketKeys {
    pub fn new(newest_id: i32, signing: SigningKey, public: Vec<VerifyingKey>) -> TicketKeys {
        TicketKeys { newest_id, signing, public }
    }

    /// The number of the key new tickets are signed with.
    pub fn newest_id(&self) -> i32 {
        self.newest_id
    }

    /// The key new tickets are signed with.
    pub fn signing(&self) -> &SigningKey {
        &self.signing
    }

    /// The keys a ticket may have been signed with, the newest first.
    pub fn public(&self) -> &[VerifyingKey] {
        &self.public
    }
}
