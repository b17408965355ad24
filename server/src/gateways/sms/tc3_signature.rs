//! Tencent Cloud's API 3.0 signature, `TC3-HMAC-SHA256` ("签名方法 v3",
//! cloud.tencent.com/document/api/213/30654): a canonical form of the request (method, path,
//! query, the signed headers with names and values lower-cased, the body's SHA-256) is hashed
//! into a four-line string, signed with a key derived from the secret, the UTC date and the
//! service. The adapter signs with it and the tests' stand-in checks with it, each from the
//! request as sent or received; the documentation's worked examples pin it below.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn hmac(key: &[u8], message: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The request's parts that are signed. `headers` are exactly the signed ones.
pub struct SignedParts<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// The canonical request and the `SignedHeaders` list.
pub fn canonical_request(parts: &SignedParts<'_>) -> (String, String) {
    let mut headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_lowercase()))
        .collect();
    headers.sort();
    let block = headers.iter().map(|(name, value)| format!("{name}:{value}\n")).collect::<String>();
    let signed = headers.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(";");
    let request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        parts.method.to_ascii_uppercase(),
        parts.path,
        parts.query,
        block,
        signed,
        sha256_hex(parts.body)
    );
    (request, signed)
}

/// `date/service/tc3_request`, the date being the timestamp's UTC day.
pub fn credential_scope(timestamp: i64, service: &str) -> String {
    let date = chrono::DateTime::from_timestamp(timestamp, 0).unwrap_or_default().format("%Y-%m-%d");
    format!("{date}/{service}/tc3_request")
}

pub fn string_to_sign(timestamp: i64, service: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{timestamp}\n{}\n{}",
        credential_scope(timestamp, service),
        sha256_hex(canonical_request.as_bytes())
    )
}

/// The signing key: the secret, then the date, the service and `tc3_request`, each through HMAC.
pub fn signing_key(secret_key: &str, timestamp: i64, service: &str) -> Vec<u8> {
    let scope = credential_scope(timestamp, service);
    let date = scope.split('/').next().unwrap_or_default();
    let secret_date = hmac(format!("TC3{secret_key}").as_bytes(), date);
    let secret_service = hmac(&secret_date, service);
    hmac(&secret_service, "tc3_request")
}

pub fn signature(secret_key: &str, timestamp: i64, service: &str, canonical_request: &str) -> String {
    hex::encode(hmac(
        &signing_key(secret_key, timestamp, service),
        &string_to_sign(timestamp, service, canonical_request),
    ))
}

/// The `Authorization` header's value.
pub fn authorization(
    secret_id: &str,
    secret_key: &str,
    timestamp: i64,
    service: &str,
    parts: &SignedParts<'_>,
) -> String {
    let (request, signed_headers) = canonical_request(parts);
    format!(
        "{ALGORITHM} Credential={secret_id}/{}, SignedHeaders={signed_headers}, Signature={}",
        credential_scope(timestamp, service),
        signature(secret_key, timestamp, service, &request)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMESTAMP: i64 = 1551113065;
    // The example's body, byte for byte: the \u escapes are six ASCII characters each.
    const PAYLOAD: &str = r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

    fn headers(with_action: bool) -> Vec<(String, String)> {
        let mut headers = vec![
            ("Content-Type".to_string(), "application/json; charset=utf-8".to_string()),
            ("Host".to_string(), "cvm.tencentcloudapi.com".to_string()),
        ];
        if with_action {
            headers.push(("X-TC-Action".to_string(), "DescribeInstances".to_string()));
        }
        headers
    }

    /// The documentation's current example (CVM DescribeInstances, the action signed), whose
    /// keys are printed as asterisks: those asterisks are the key its figures were made with.
    #[test]
    fn the_documentations_worked_example_signs_as_published() {
        let headers = headers(true);
        let parts = SignedParts { method: "POST", path: "/", query: "", headers: &headers, body: PAYLOAD.as_bytes() };
        let (request, _) = canonical_request(&parts);
        assert_eq!(
            request,
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\
             x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n\
             35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            string_to_sign(TIMESTAMP, "cvm", &request),
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
             7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
        );
        let key = "********************************";
        assert_eq!(
            hex::encode(signing_key(key, TIMESTAMP, "cvm")),
            "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af"
        );
        assert_eq!(
            authorization("AKID********************************", key, TIMESTAMP, "cvm", &parts),
            "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host;x-tc-action, \
             Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
    }

    /// The international edition's example, with an unmasked key and two signed headers.
    #[test]
    fn the_international_example_with_two_signed_headers_signs_as_published() {
        let headers = headers(false);
        let parts = SignedParts { method: "POST", path: "/", query: "", headers: &headers, body: PAYLOAD.as_bytes() };
        let (request, signed) = canonical_request(&parts);
        assert_eq!(signed, "content-type;host");
        assert_eq!(
            string_to_sign(TIMESTAMP, "cvm", &request).lines().last(),
            Some("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031")
        );
        assert_eq!(
            signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", TIMESTAMP, "cvm", &request),
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[test]
    fn the_scope_date_is_the_utc_day_not_beijings() {
        // 2019-02-26 00:44:25 in Beijing is still the 25th in UTC.
        assert_eq!(credential_scope(TIMESTAMP, "sms"), "2019-02-25/sms/tc3_request");
    }
}
