//! Who wrote a backup. age seals to a public recipient, so sealing proves nothing: anyone who can
//! write to the backup's place can seal parts of their own (their administrator, their ticket
//! key) and rewrite the plain manifest to list them. So the installation signs `manifest.json`
//! (Ed25519, in `manifest.sig`), and the manifest holds every part's SHA-256 as stored: a part
//! sealed again, or a manifest changed, no longer matches what was signed. The restore side holds
//! the signer's public key beside the age identity and checks it before any part is opened.
//!
//! The signing key is derived from the session key (as the sandbox's key is): every server of an
//! installation has it, it comes back with a restore, and nothing new must be kept. Rotating the
//! session secret therefore makes a new signer, whose key the restore side must be given.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64URL;
use base64::Engine;
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use serde::{Deserialize, Serialize};
use tower_sessions::cookie::Key;

use super::manifest::{MANIFEST, SIGNATURE};

/// How a signer's public key is written: in `server backup public-key`'s output, after
/// `--signed-by`, and on a `# backup signer: …` line beside the age identity.
const KEY_PREFIX: &str = "zige-backup-ed25519:";
/// What is signed is this, then the manifest's bytes as stored: a signature made for anything
/// else does not pass for one of a manifest.
const SIGNED_CONTEXT: &[u8] = b"zige backup manifest\n";

/// The installation's key for signing manifests (never written anywhere: derived when needed).
pub struct ManifestSigner(Ed25519KeyPair);

impl ManifestSigner {
    pub fn of_installation(session_key: &Key) -> ManifestSigner {
        let seed = crate::config::session_key::derived_seed(b"zige backup manifest signer", session_key);
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed).expect("any 32 bytes are an Ed25519 seed");
        ManifestSigner(pair)
    }

    pub fn public(&self) -> SignerKey {
        let bytes: [u8; 32] = self.0.public_key().as_ref().try_into().expect("an Ed25519 public key is 32 bytes");
        SignerKey(bytes)
    }

    /// The contents of `manifest.sig` for the manifest whose stored bytes are `manifest`.
    pub fn sign(&self, manifest: &[u8]) -> Vec<u8> {
        let signature = self.0.sign(&[SIGNED_CONTEXT, manifest].concat());
        let file =
            SignatureFile { signed_by: self.public().to_string(), signature: BASE64URL.encode(signature.as_ref()) };
        serde_json::to_vec_pretty(&file).expect("two strings serialise")
    }
}

/// A signer's public key: what the restore side trusts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignerKey([u8; 32]);

impl SignerKey {
    /// One key as written (`zige-backup-ed25519:…`).
    pub fn parse(text: &str) -> Result<SignerKey, String> {
        let malformed = || {
            format!("{text:?} is not a backup signer's key ({KEY_PREFIX}…, as `server backup public-key` prints it)")
        };
        let encoded = text.trim().strip_prefix(KEY_PREFIX).ok_or_else(malformed)?;
        let bytes = BASE64URL.decode(encoded).map_err(|_| malformed())?;
        Ok(SignerKey(bytes.try_into().map_err(|_| malformed())?))
    }

    /// Every key a file names, wherever it stands on its line (a comment such as
    /// `# backup signer: zige-backup-ed25519:…` beside an age identity keeps the file one that
    /// `age -d -i` reads).
    pub fn all_in(text: &str) -> Result<Vec<SignerKey>, String> {
        text.split_whitespace().filter(|word| word.starts_with(KEY_PREFIX)).map(SignerKey::parse).collect()
    }
}

impl std::fmt::Display for SignerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{KEY_PREFIX}{}", BASE64URL.encode(self.0))
    }
}

/// Whose signatures a verify or a restore accepts.
pub struct Trust {
    pub keys: Vec<SignerKey>,
    /// Where the keys came from, named when a backup is refused (`ZIGE_BACKUP_IDENTITY_FILE`, …).
    pub from: String,
    /// Accept a manifest with no signature at all (a backup taken before Zige signed them). A
    /// signature that is there and wrong is refused all the same.
    pub accept_unsigned: bool,
}

#[derive(Serialize, Deserialize)]
struct SignatureFile {
    /// The key the signer says it used; only the keys trusted decide, this names it in a refusal.
    signed_by: String,
    signature: String,
}

/// Checks the manifest's stored bytes against the signature stored beside them. Ok(Some(key)):
/// signed by a trusted key; Ok(None): unsigned, and the trust accepts that; Err: what failed.
pub fn check(manifest: &[u8], signature: Option<&[u8]>, trust: &Trust) -> Result<Option<SignerKey>, String> {
    let Some(signature) = signature else {
        if trust.accept_unsigned {
            return Ok(None);
        }
        return Err(format!(
            "{MANIFEST} is not signed (there is no {SIGNATURE}), so anyone who can write where the backup is could \
             have written it and the parts it lists: refused. Backups taken before Zige signed them have no \
             signature; to accept one knowingly, give --accept-unsigned"
        ));
    };
    let file: SignatureFile =
        serde_json::from_slice(signature).map_err(|e| format!("{SIGNATURE} cannot be read ({e}): refused"))?;
    let bytes = BASE64URL.decode(&file.signature).map_err(|_| format!("{SIGNATURE} holds no signature: refused"))?;
    let signed = [SIGNED_CONTEXT, manifest].concat();
    if let Some(key) =
        trust.keys.iter().find(|key| UnparsedPublicKey::new(&ED25519, key.0).verify(&signed, &bytes).is_ok())
    {
        return Ok(Some(*key));
    }
    let claimed =
        SignerKey::parse(&file.signed_by).map(|key| key.to_string()).unwrap_or_else(|_| "an unknown key".into());
    if trust.keys.is_empty() {
        return Err(format!(
            "{MANIFEST} says it is signed by {claimed}, but {} names no backup signer's key to check it with: \
             refused. `server backup public-key` on the installation prints its key; keep it beside the age \
             identity as a line `# backup signer: {KEY_PREFIX}…`",
            trust.from
        ));
    }
    let trusted: Vec<String> = trust.keys.iter().map(SignerKey::to_string).collect();
    if trusted.contains(&claimed) {
        Err(format!(
            "{MANIFEST} does not match its signature by {claimed}: it was changed after it was signed (a part \
             listed, a size or a SHA-256 rewritten): refused"
        ))
    } else {
        Err(format!(
            "{MANIFEST} is signed by {claimed}, not by a key in {} ({}): another installation's backup, or one \
             signed after this installation's session secret changed: refused",
            trust.from,
            trusted.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer(byte: u8) -> ManifestSigner {
        ManifestSigner::of_installation(&Key::from(&[byte; 64]))
    }

    fn trusting(keys: Vec<SignerKey>) -> Trust {
        Trust { keys, from: "the test".into(), accept_unsigned: false }
    }

    #[test]
    fn a_manifest_verifies_with_its_signer_s_key_and_no_other() {
        let (ours, theirs) = (signer(1), signer(2));
        let signature = ours.sign(b"{\"parts\":[]}");
        assert_eq!(check(b"{\"parts\":[]}", Some(&signature), &trusting(vec![ours.public()])), Ok(Some(ours.public())));
        let refused = check(b"{\"parts\":[]}", Some(&signature), &trusting(vec![theirs.public()])).unwrap_err();
        assert!(refused.contains("not by a key") && refused.contains(&ours.public().to_string()), "{refused}");
    }

    #[test]
    fn a_manifest_changed_after_signing_is_refused() {
        let ours = signer(1);
        let signature = ours.sign(b"{\"parts\":[\"a\"]}");
        let refused = check(b"{\"parts\":[\"b\"]}", Some(&signature), &trusting(vec![ours.public()])).unwrap_err();
        assert!(refused.contains("changed after it was signed"), "{refused}");
    }

    #[test]
    fn an_unsigned_manifest_is_refused_unless_accepted_but_a_wrong_signature_always_is() {
        let ours = signer(1);
        let refused = check(b"{}", None, &trusting(vec![ours.public()])).unwrap_err();
        assert!(refused.contains("--accept-unsigned"), "{refused}");
        let accepting = Trust { accept_unsigned: true, ..trusting(vec![ours.public()]) };
        assert_eq!(check(b"{}", None, &accepting), Ok(None));
        assert!(check(b"{}", Some(&signer(2).sign(b"{}")), &accepting).is_err());
    }

    #[test]
    fn a_signer_s_key_is_read_from_a_comment_beside_the_age_identity() {
        let key = signer(1).public();
        let file = format!("# public key: age1xyz\n# backup signer: {key}\nAGE-SECRET-KEY-1ABC\n");
        assert_eq!(SignerKey::all_in(&file), Ok(vec![key]));
        assert_eq!(SignerKey::parse(&key.to_string()), Ok(key));
        assert!(SignerKey::parse("zige-backup-ed25519:short").is_err());
        assert!(SignerKey::all_in("AGE-SECRET-KEY-1ABC").unwrap().is_empty());
    }
}
