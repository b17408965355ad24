//! Alibaba Cloud's V3 request signature, `ACS3-HMAC-SHA256` ("V3版本请求体&签名机制",
//! help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature): a canonical form
//! of the request (method, path, sorted and encoded query, the signed headers, the body's
//! SHA-256), hashed, and that hash signed with HMAC-SHA256 under the AccessKey secret. The
//! adapter signs with it and the tests' stand-in checks with it, each from the request as it is
//! sent or received; the documentation's worked example pins it below.

use hmac::{Hmac, Mac};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// RFC 3986: everything but letters, digits and `-_.~` is percent-encoded (upper-case hex), so a
/// space is `%20` and `*` is `%2A`, as the documentation asks.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The query as it is signed and sent: names and values encoded, pairs sorted by name.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> = params.iter().map(|(k, v)| (encode(k), encode(v))).collect();
    encoded.sort();
    encoded.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// The headers that are signed: `host`, `content-type` and every `x-acs-*`, names lower-cased,
/// values trimmed, sorted by name. Returns the canonical block and the `SignedHeaders` list.
pub fn canonical_headers(headers: &[(String, String)]) -> (String, String) {
    let mut signed: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_string()))
        .filter(|(name, _)| name == "host" || name == "content-type" || name.starts_with("x-acs-"))
        .collect();
    signed.sort();
    let block = signed.iter().map(|(name, value)| format!("{name}:{value}\n")).collect::<String>();
    let names = signed.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(";");
    (block, names)
}

/// The request's parts that are signed.
pub struct SignedParts<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub headers: &'a [(String, String)],
    /// The `x-acs-content-sha256` value: the body's SHA-256, hex.
    pub body_sha256: &'a str,
}

pub fn canonical_request(parts: &SignedParts<'_>) -> (String, String) {
    let (headers, signed_headers) = canonical_headers(parts.headers);
    let request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        parts.method.to_ascii_uppercase(),
        parts.path,
        canonical_query(parts.query),
        headers,
        signed_headers,
        parts.body_sha256
    );
    (request, signed_headers)
}

/// The lower-case hex signature of a canonical request.
pub fn signature(secret: &str, canonical_request: &str) -> String {
    let string_to_sign = format!("{ALGORITHM}\n{}", sha256_hex(canonical_request.as_bytes()));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The `Authorization` header's value.
pub fn authorization(access_key_id: &str, secret: &str, parts: &SignedParts<'_>) -> String {
    let (request, signed_headers) = canonical_request(parts);
    format!(
        "{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={}",
        signature(secret, &request)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// The documentation's fixed-value example (ECS RunInstances), character for character.
    #[test]
    fn the_documentations_worked_example_signs_as_published() {
        let empty = sha256_hex(b"");
        assert_eq!(empty, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        let query =
            pairs(&[("RegionId", "cn-shanghai"), ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")]);
        let headers = pairs(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", &empty),
        ]);
        let parts = SignedParts { method: "POST", path: "/", query: &query, headers: &headers, body_sha256: &empty };
        let (request, _) = canonical_request(&parts);
        assert_eq!(
            request,
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
             host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n\
             x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
             x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
             x-acs-version:2014-05-26\n\n\
             host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(sha256_hex(request.as_bytes()), "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
        assert_eq!(
            authorization("YourAccessKeyId", "YourAccessKeySecret", &parts),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    #[test]
    fn query_values_are_encoded_as_rfc_3986_asks() {
        let query = pairs(&[("TemplateParam", r#"{"exam":"考试 A*~"}"#), ("A", "")]);
        assert_eq!(canonical_query(&query), "A=&TemplateParam=%7B%22exam%22%3A%22%E8%80%83%E8%AF%95%20A%2A~%22%7D");
    }
}
