//! What a backup holds is personal data of thousands of people: every part is encrypted with
//! age (X25519) to the recipient the configuration names (`ZIGE_BACKUP_RECIPIENT`, an `age1…`
//! public key), and only its identity (the `AGE-SECRET-KEY-1…` kept away from the servers)
//! opens it again.

use std::io::{Read, Write};
use std::str::FromStr;

use age::x25519::{Identity, Recipient};

pub fn parse_recipient(text: &str) -> Result<Recipient, String> {
    Recipient::from_str(text.trim()).map_err(|e| format!("not an age recipient (age1…): {e}"))
}

/// The identity from its file (`age-keygen`'s output: comments, then the key).
pub fn parse_identity(text: &str) -> Result<Identity, String> {
    let key = text.lines().map(str::trim).find(|line| line.starts_with("AGE-SECRET-KEY-")).unwrap_or_default();
    Identity::from_str(key).map_err(|_| "no age identity (AGE-SECRET-KEY-1…) in the file".to_string())
}

pub fn seal(plain: &[u8], recipient: &Recipient) -> Result<Vec<u8>, String> {
    let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
        .map_err(|e| e.to_string())?;
    let mut sealed = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor.wrap_output(&mut sealed).map_err(|e| e.to_string())?;
    writer.write_all(plain).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(sealed)
}

pub fn open(sealed: &[u8], identity: &Identity) -> Result<Vec<u8>, String> {
    let decryptor = age::Decryptor::new(sealed).map_err(|e| e.to_string())?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|e| format!("the backup is not for this identity: {e}"))?;
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).map_err(|e| e.to_string())?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    #[test]
    fn only_the_recipient_s_identity_opens_what_was_sealed() {
        let identity = Identity::generate();
        let sealed = seal(b"110101194912310020", &identity.to_public()).unwrap();
        assert!(!sealed.windows(18).any(|w| w == b"110101194912310020"));
        let text = format!(
            "# created: 2026-11-26\n# public key: {}\n{}\n",
            identity.to_public(),
            identity.to_string().expose_secret()
        );
        assert_eq!(open(&sealed, &parse_identity(&text).unwrap()).unwrap(), b"110101194912310020");
        assert!(open(&sealed, &Identity::generate()).is_err());
        assert!(parse_recipient("age1notakey").is_err());
    }
}
