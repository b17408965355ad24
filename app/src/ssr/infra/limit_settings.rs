//! How often each rate-limit group may be tried, for one installation: the defaults, none at all for the test
//! harness, and one server's share when several share the installation's limits
//! (`rate_limits` keeps the buckets).

use std::time::Duration;

/// A rate-limit group and how often it may be tried: `burst` at once, then one more every `period`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub burst: u32,
    pub period: Duration,
}

/// The limits of one installation. The defaults leave room for a school's candidates signing up
/// behind one address, and none for a guesser.
#[derive(Clone, Copy, Debug)]
pub struct LimitSettings {
    pub log_in_per_address: Limit,
    pub sign_up_per_address: Limit,
    pub recovery_per_address: Limit,
    pub upload_per_address: Limit,
    /// Wrong passwords at one account from one address (logging in, or the current password when
    /// changing it); an address that has not failed is not held back by another's failures.
    pub failed_passwords_per_account_and_address: Limit,
    /// Uploads by one signed-in account, from any number of addresses.
    pub upload_per_account: Limit,
    /// Wrong second-factor codes at one staff account, from any number of addresses. Only someone
    /// who typed the account's password gets to try a code, so holding the account back here
    /// cannot be used against its owner by a stranger; a code has a million values, and this
    /// keeps a password holder to a few hundred tries a day.
    pub failed_second_factor_codes_per_account: Limit,
    /// Recovery codes tried in the whole installation: a guesser spreading over many accounts and
    /// addresses still meets this.
    pub recovery_guesses_per_installation: Limit,
    /// Payment notifications an address sends that no gateway signed.
    pub refused_payment_notices_per_address: Limit,
    /// Archives of one's own data (下载我的资料) built for one account: each reads every picture
    /// the account holds, so one a person can want now and then, not a way to load the server.
    pub archive_per_account: Limit,
}

impl Default for LimitSettings {
    fn default() -> Self {
        let limit = |burst, seconds| Limit { burst, period: Duration::from_secs(seconds) };
        LimitSettings {
            log_in_per_address: limit(20, 3),
            sign_up_per_address: limit(20, 10),
            recovery_per_address: limit(5, 60),
            upload_per_address: limit(60, 1),
            failed_passwords_per_account_and_address: limit(10, 30),
            upload_per_account: limit(60, 1),
            failed_second_factor_codes_per_account: limit(5, 300),
            recovery_guesses_per_installation: Limit { burst: 1000, period: Duration::from_millis(3600) },
            refused_payment_notices_per_address: limit(20, 3),
            archive_per_account: limit(1, 600),
        }
    }
}

impl LimitSettings {
    /// No practical limit: for the test harness, which signs up dozens of people from loopback.
    pub fn unlimited() -> LimitSettings {
        LimitSettings::uniform(Limit { burst: 1_000_000, period: Duration::from_millis(1) })
    }

    /// This server's share when `servers` share the installation's limits: a burst of 1/N (at
    /// least one) and a period N times as long. However the load balancer spreads the requests,
    /// the servers together never allow more than the limit (unless the burst is smaller than
    /// the number of servers: each still allows one); spread evenly, they allow about it.
    pub fn shared_among(self, servers: u32) -> LimitSettings {
        let n = servers.max(1);
        let share = |limit: Limit| Limit { burst: (limit.burst / n).max(1), period: limit.period * n };
        LimitSettings {
            log_in_per_address: share(self.log_in_per_address),
            sign_up_per_address: share(self.sign_up_per_address),
            recovery_per_address: share(self.recovery_per_address),
            upload_per_address: share(self.upload_per_address),
            failed_passwords_per_account_and_address: share(self.failed_passwords_per_account_and_address),
            upload_per_account: share(self.upload_per_account),
            failed_second_factor_codes_per_account: share(self.failed_second_factor_codes_per_account),
            recovery_guesses_per_installation: share(self.recovery_guesses_per_installation),
            refused_payment_notices_per_address: share(self.refused_payment_notices_per_address),
            archive_per_account: share(self.archive_per_account),
        }
    }

    /// The same limit on every group.
    pub fn uniform(limit: Limit) -> LimitSettings {
        LimitSettings {
            log_in_per_address: limit,
            sign_up_per_address: limit,
            recovery_per_address: limit,
            upload_per_address: limit,
            failed_passwords_per_account_and_address: limit,
            upload_per_account: limit,
            failed_second_factor_codes_per_account: limit,
            recovery_guesses_per_installation: limit,
            refused_payment_notices_per_address: limit,
            archive_per_account: limit,
        }
    }
}
