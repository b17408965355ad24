//! What Alipay signed in a gateway answer: the value of `<method, dots as underscores>_response`
//! (or `error_response`) exactly as the bytes arrived, from its `{` to the matching `}`, escapes
//! such as `\/` included. Re-serialising the parsed JSON would change spacing, order or escapes
//! and the signature would no longer verify, so the value is cut out of the body instead, with a
//! scanner that knows strings (a `}` or `"sign"` inside one is text, not structure).

/// An answer's signed object and the signature beside it, both still unverified.
#[derive(Debug, PartialEq, Eq)]
pub struct SignedAnswer<'a> {
    /// The answer object's exact text.
    pub content: &'a str,
    /// The top-level `sign`, when the answer carries one.
    pub sign: Option<String>,
}

/// The answer of `method` in `body`: its `_response` object, or the gateway's `error_response`.
/// None when the body is not a JSON object holding either.
pub fn signed_answer<'a>(body: &'a str, method: &str) -> Option<SignedAnswer<'a>> {
    let wanted = format!("{}_response", method.replace('.', "_"));
    let members = top_level_members(body)?;
    let value_of = |key: &str| members.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
    let content = value_of(&wanted).or_else(|| value_of("error_response"))?;
    if !content.starts_with('{') {
        return None;
    }
    let sign = value_of("sign").and_then(|raw| serde_json::from_str::<String>(raw).ok());
    Some(SignedAnswer { content, sign })
}

/// The members of the top-level object: each key (decoded) and its value's exact text.
fn top_level_members(body: &str) -> Option<Vec<(String, &str)>> {
    let bytes = body.as_bytes();
    let mut at = skip_space(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_space(bytes, at + 1);
    let mut members = Vec::new();
    if bytes.get(at) == Some(&b'}') {
        return Some(members);
    }
    loop {
        let key_end = string_end(bytes, at)?;
        let key: String = serde_json::from_str(&body[at..key_end]).ok()?;
        at = skip_space(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        let value_start = skip_space(bytes, at + 1);
        let value_end = value_end(bytes, value_start)?;
        members.push((key, &body[value_start..value_end]));
        at = skip_space(bytes, value_end);
        match bytes.get(at) {
            Some(b',') => at = skip_space(bytes, at + 1),
            Some(b'}') => return Some(members),
            _ => return None,
        }
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

/// Just past the string that opens at `at` (which must be its `"`), escapes skipped.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut i = at + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Just past the value that starts at `at`: a string, an object or array (brackets balanced,
/// strings inside skipped whole), or a bare number, `true`, `false` or `null`.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let len = bytes[at..].iter().position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace());
            Some(at + len.unwrap_or(bytes.len() - at))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateways::payments::rsa_keys::GatewayKey;

    const A3_KEY: &str = include_str!("../../../../tests/fixtures/payments/alipay_nodejs_test_public_key.pem");

    #[test]
    fn a_real_answer_verifies_over_its_response_object_as_it_arrived() {
        let body = r#"{"alipay_open_file_upload_response":{"code":"10000","msg":"Success","file_id":"CAxAToWB1JsAAAAAAAAAAAAADgSLAQBr"},"sign":"F+LDzpTNiavn7xVZPGuPCSSVRSmWzJGgtuji6tVELGEaqMaNj0jRKXUEr5nloZJBBmwEnddOyCjjepMmrTKTvoOqQ0Efxpr/R1iEeHTHVbb/Q8TTh6Up5gHJDkILdaWS2q1cWeQ6VT+HQY9P3WRXS7uhILHuDODIhpAyCu5KhWGt0rMCIG+Im6NODJP2oohtSCtmTFXg58HH587Z2y2bdbjzOxLvzD9IrU1imghXQ2S/Q+wMIvRk9on6cWnBLkrNvJKapA2ReNGWOwyuASvB9zDVzhMPbR+3mfRGkVDxsq5HYLjBKGskJMXHw0HuugZij6ScRuaLPODhmHwr/pJ9yw=="}"#;
        let answer = signed_answer(body, "alipay.open.file.upload").unwrap();
        assert_eq!(answer.content, r#"{"code":"10000","msg":"Success","file_id":"CAxAToWB1JsAAAAAAAAAAAAADgSLAQBr"}"#);
        let alipay = GatewayKey::parse(A3_KEY).unwrap();
        assert!(alipay.verifies(answer.content.as_bytes(), answer.sign.as_deref().unwrap()));
        let tampered = body.replace("CAxA", "CAxB");
        let answer = signed_answer(&tampered, "alipay.open.file.upload").unwrap();
        assert!(!alipay.verifies(answer.content.as_bytes(), answer.sign.as_deref().unwrap()));
    }

    #[test]
    fn a_sign_or_brace_inside_the_answer_is_part_of_the_answer() {
        let body = "{\n  \"sign\" : \"top\",\n  \"alipay_trade_query_response\" : {\"code\":\"10000\",\"sign\":\"x\",\"note\":\"a } and a \\\" {\",\"list\":[{\"a\":1}]} }";
        let answer = signed_answer(body, "alipay.trade.query").unwrap();
        assert_eq!(answer.content, r#"{"code":"10000","sign":"x","note":"a } and a \" {","list":[{"a":1}]}"#);
        assert_eq!(answer.sign.as_deref(), Some("top"));
    }

    #[test]
    fn escaped_slashes_are_kept_as_they_were_signed() {
        let body = r#"{"alipay_data_dataservice_bill_downloadurl_query_response":{"code":"10000","bill_download_url":"http:\/\/dwbillcenter.alipay.com\/x?a=1"},"sign":"s"}"#;
        let answer = signed_answer(body, "alipay.data.dataservice.bill.downloadurl.query").unwrap();
        assert!(answer.content.contains(r#"http:\/\/dwbillcenter.alipay.com\/x"#));
    }

    #[test]
    fn a_gateway_error_is_read_and_an_unsigned_answer_has_no_sign() {
        let body = r#"{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-signature","sub_msg":"验签出错"}}"#;
        let answer = signed_answer(body, "alipay.trade.close").unwrap();
        assert!(answer.content.contains("isv.invalid-signature"));
        assert_eq!(answer.sign, None);
        assert_eq!(signed_answer("<html>502</html>", "alipay.trade.close"), None);
        assert_eq!(signed_answer(r#"{"other_response":{}}"#, "alipay.trade.close"), None);
        assert_eq!(signed_answer(r#"{"alipay_trade_close_response":{"code":"1"#, "alipay.trade.close"), None);
    }
}
