//! The HTTP client every outside provider is spoken to with (SMS, payments): rustls, so no system
//! OpenSSL is needed, and short time limits, so a provider that hangs holds nothing of Zige's
//! for long (an outbox row's claim, a candidate's click on 去支付, a staff member's refund).

use std::time::Duration;

/// The longest a call to a provider may take in all; `outbox_worker` keeps its claim on a row at
/// least this long.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(CALL_TIMEOUT)
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("a client with time limits and rustls always builds")
}
