//! Whether the public reaches this server (an https address, not a test installation), and what
//! a server must not start with there.

use super::Config;

impl Config {
    /// The sign-up code's template, where a real SMS gateway texts it: sign-up then needs the
    /// code sent to the mobile typed.
    pub fn sign_up_code_template(&self) -> Option<&str> {
        let texts = self.sms_gateway.trim() != "log";
        self.sms_template_sign_up_code.as_deref().map(str::trim).filter(|v| texts && !v.is_empty())
    }

    /// The public address without its last slash; empty where none is configured.
    pub fn public_address(&self) -> String {
        self.public_url.as_deref().unwrap_or_default().trim().trim_end_matches('/').to_string()
    }

    /// A server the public reaches: an https address, and not said to be a test installation.
    pub fn is_public(&self) -> bool {
        self.serves_https() && !self.test_installation
    }

    /// Whether the public address is https: cookies are `Secure` and HSTS is sent.
    pub fn serves_https(&self) -> bool {
        self.secure_cookies
            || self.public_url.as_deref().is_some_and(|url| url.trim().to_ascii_lowercase().starts_with("https://"))
    }

    /// A configuration a server must not start with. The sandbox moves no money, so on a server
    /// the public reaches over https it would print tickets for unpaid fees: it runs there only
    /// when a second setting says the installation is a test one.
    /// Likewise the logging SMS adapter sends nothing: candidates would wait for codes that never
    /// come.
    /// Likewise the demo's published accounts and keys, and a server with staff's second factor
    /// or the rate limits turned off (issue 50): the README prints the demo administrator's
    /// password and authenticator key.
    /// Texts name the site, payment gateways post to it and send candidates back to it, and the
    /// registration system sends people back to it (issue 64): a real installation with any of
    /// them names its https address. Without it, the address would come from each request's Host
    /// header, and a server behind a TLS proxy would not know it is public.
    fn unnamed_site(&self, real_payments: bool) -> Option<String> {
        let reaching_out = [
            (self.sms_gateway.trim() != "log", "ZIGE_SMS_GATEWAY (texts name the site)"),
            (real_payments, "WeChat Pay or Alipay (they post to the site and send candidates back to it)"),
            (self.oidc_issuer.is_some(), "ZIGE_OIDC_ISSUER (the registration system sends people back to the site)"),
        ];
        let (_, what) = reaching_out.iter().find(|(on, _)| *on && !self.test_installation)?;
        let https = self.public_address().to_ascii_lowercase().starts_with("https://");
        (!https).then(|| {
            format!(
                "{what} needs ZIGE_PUBLIC_URL set to the https address candidates use (now {:?}). Set it, or \
                 ZIGE_TEST_INSTALLATION=true if no candidate uses this server",
                self.public_address()
            )
        })
    }

    pub fn refusal(&self) -> Option<String> {
        let public = self.is_public();
        let switched_off = [
            (self.seed_demo, "ZIGE_SEED_DEMO=true (the demo accounts, whose passwords and keys the README publishes)"),
            (!self.staff_second_factor, "ZIGE_STAFF_SECOND_FACTOR=false (staff would sign in with a password alone)"),
            (!self.rate_limits, "ZIGE_RATE_LIMITS=false (passwords and codes could be guessed at full speed)"),
        ];
        if let Some((_, what)) = switched_off.iter().find(|(on, _)| public && *on) {
            return Some(format!(
                "{what} with an https ZIGE_PUBLIC_URL: refused on a server the public reaches. Remove the \
                 setting, or set ZIGE_TEST_INSTALLATION=true if no candidate uses this server"
            ));
        }
        // Beside a real gateway, the sandbox would be a way to "pay" for nothing on a live
        // installation, whatever its address.
        let real_gateway = self.wechatpay_merchant_id.is_some() || self.alipay_app_id.is_some();
        if self.payment_sandbox && real_gateway && !self.test_installation {
            return Some(
                "ZIGE_PAYMENT_SANDBOX=true beside WeChat Pay or Alipay: the sandbox takes no money, so candidates \
                 could print tickets unpaid. Turn the sandbox off, or set ZIGE_TEST_INSTALLATION=true if no \
                 candidate uses this server"
                    .to_string(),
            );
        }
        if let Some(refused) = self.unnamed_site(real_gateway) {
            return Some(refused);
        }
        if public && self.payment_sandbox {
            return Some(
                "ZIGE_PAYMENT_SANDBOX=true with an https ZIGE_PUBLIC_URL: the sandbox takes no money, so candidates \
                 could print tickets unpaid. Turn the sandbox off, or set ZIGE_TEST_INSTALLATION=true if no \
                 candidate uses this server"
                    .to_string(),
            );
        }
        (public && self.sms_gateway.trim() == "log").then(|| {
            "ZIGE_SMS_GATEWAY=log with an https ZIGE_PUBLIC_URL: the logging adapter sends no text, so \
             candidates would wait for recovery codes that never come. Set ZIGE_SMS_GATEWAY to aliyun or \
             tencent (README, \"Running it for real\"), or ZIGE_TEST_INSTALLATION=true if no candidate uses \
             this server"
                .to_string()
        })
    }
}
