//! How often one address, or one account, may try the ways in that a guesser or a flood would use:
//! logging in, signing up, password recovery and uploads. Each limit is a token bucket
//! (`governor`'s GCRA): a burst is allowed, then one attempt per period. Refusals are 429 with
//! `Retry-After`. The buckets live in this server's memory; several servers behind one load
//! balancer each keep their share of the installation's limit (`LimitSettings::shared_among`).
//!
//! An address is an IPv4 address, or an IPv6 address's /64: one client owns a whole /64, so
//! keying the full address would give it 2^64 buckets. What one account may suffer is counted per
//! account *and* address, and only when it fails (`keyed_tally`): a stranger's wrong passwords
//! or code requests never lock out the owner at another address.

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::domain::record_ids::UserId;
use crate::error::AppError;

use super::keyed_tally::KeyedTally;
use super::limit_settings::{Limit, LimitSettings};

/// Which rate-limit group a request counts in, by its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RateLimitGroup {
    /// Logging in, and changing a password or deleting the account (which check the current one
    /// just as hard).
    LogIn,
    SignUp,
    Recovery,
    Upload,
}

impl RateLimitGroup {
    /// The group a request counts in: a POST to one of the paths below, or any request of signing in
    /// through the identity provider, where every start writes a session row and every callback
    /// asks the provider (GET, but a sign-in all the same).
    pub fn of_request(method: &http::Method, path: &str) -> Option<RateLimitGroup> {
        match path {
            "/auth/oidc/start" | "/auth/oidc/callback" | "/auth/oidc/claim" => Some(RateLimitGroup::LogIn),
            // Each start writes a session row and each callback asks WeChat.
            "/auth/official-account/start" | "/auth/official-account/callback" => Some(RateLimitGroup::LogIn),
            _ if method == http::Method::POST => RateLimitGroup::of_path(path),
            _ => None,
        }
    }

    pub fn of_path(path: &str) -> Option<RateLimitGroup> {
        match path {
            "/api/log_in" | "/api/change_password" | "/api/give_second_factor" | "/account/delete" => {
                Some(RateLimitGroup::LogIn)
            }
            "/api/sign_up" => Some(RateLimitGroup::SignUp),
            "/api/request_recovery_code" | "/api/reset_password" | "/api/send_sign_up_code" => {
                Some(RateLimitGroup::Recovery)
            }
            "/api/materials" => Some(RateLimitGroup::Upload),
            _ => None,
        }
    }
}

pub struct RateLimits {
    log_in: DefaultKeyedRateLimiter<IpAddr>,
    sign_up: DefaultKeyedRateLimiter<IpAddr>,
    recovery: DefaultKeyedRateLimiter<IpAddr>,
    upload: DefaultKeyedRateLimiter<IpAddr>,
    uploader: DefaultKeyedRateLimiter<UserId>,
    failed_passwords: KeyedTally<(String, IpAddr)>,
    failed_second_factor_codes: KeyedTally<UserId>,
    recovery_guesses: governor::DefaultDirectRateLimiter,
    refused_payment_notices: KeyedTally<IpAddr>,
    archives: DefaultKeyedRateLimiter<UserId>,
}

/// The key an address's limits are kept under: an IPv4 address as it is (also when it arrives
/// mapped into IPv6), an IPv6 address's /64.
pub fn address_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
        },
    }
}

fn quota(limit: Limit) -> Quota {
    let burst = NonZeroU32::new(limit.burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(limit.period.max(Duration::from_millis(1)))
        .map(|q| q.allow_burst(burst))
        .unwrap_or_else(|| Quota::per_second(burst))
}

fn bucket<K: Hash + Eq + Clone>(limit: Limit) -> DefaultKeyedRateLimiter<K> {
    RateLimiter::keyed(quota(limit))
}

fn tally<K: Hash + Eq>(limit: Limit) -> KeyedTally<K> {
    KeyedTally::new(limit.burst, limit.period)
}

fn verdict(outcome: Result<(), governor::NotUntil<governor::clock::QuantaInstant>>) -> Result<(), AppError> {
    outcome.map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        AppError::TooManyRequests { retry_after_secs: wait.as_secs() + 1 }
    })
}

impl RateLimits {
    pub fn new(settings: LimitSettings) -> RateLimits {
        RateLimits {
            log_in: bucket(settings.log_in_per_address),
            sign_up: bucket(settings.sign_up_per_address),
            recovery: bucket(settings.recovery_per_address),
            upload: bucket(settings.upload_per_address),
            uploader: bucket(settings.upload_per_account),
            failed_passwords: tally(settings.failed_passwords_per_account_and_address),
            failed_second_factor_codes: tally(settings.failed_second_factor_codes_per_account),
            recovery_guesses: RateLimiter::direct(quota(settings.recovery_guesses_per_installation)),
            refused_payment_notices: tally(settings.refused_payment_notices_per_address),
            archives: bucket(settings.archive_per_account),
        }
    }

    /// One attempt at `group` from `address`.
    pub fn check_address(&self, group: RateLimitGroup, address: IpAddr) -> Result<(), AppError> {
        let limiter = match group {
            RateLimitGroup::LogIn => &self.log_in,
            RateLimitGroup::SignUp => &self.sign_up,
            RateLimitGroup::Recovery => &self.recovery,
            RateLimitGroup::Upload => &self.upload,
        };
        verdict(limiter.check_key(&address_key(address)))
    }

    /// Counts a password attempt at this account (its ID number as stored) from this address as it
    /// begins, or refuses it where that address has failed at the account too often lately. The
    /// caller gives it back (`give_back_password_attempt`) when the password was right, or the
    /// attempt never got to the password: only failures stay.
    pub fn begin_password_attempt(&self, id_number: &str, address: IpAddr) -> Result<(), AppError> {
        self.failed_passwords.take((id_number.to_string(), address_key(address)))
    }

    /// The attempt begun by `begin_password_attempt` found the right password, or never got to it:
    /// it does not count.
    pub fn give_back_password_attempt(&self, id_number: &str, address: IpAddr) {
        self.failed_passwords.give_back(&(id_number.to_string(), address_key(address)))
    }

    /// Counts a second-factor code typed for this staff account as it begins, or refuses it when
    /// the account has had too many wrong ones lately; given back
    /// (`give_back_second_factor_attempt`) when it was right.
    pub fn begin_second_factor_attempt(&self, user_id: UserId) -> Result<(), AppError> {
        self.failed_second_factor_codes.take(user_id)
    }

    pub fn give_back_second_factor_attempt(&self, user_id: UserId) {
        self.failed_second_factor_codes.give_back(&user_id)
    }

    /// One recovery code tried, anywhere in the installation.
    pub fn check_recovery_guess(&self) -> Result<(), AppError> {
        verdict(self.recovery_guesses.check())
    }

    /// Refuses an address that sent too many notifications no gateway signed.
    pub fn check_payment_notice_sender(&self, address: IpAddr) -> Result<(), AppError> {
        self.refused_payment_notices.check(&address_key(address))
    }

    pub fn count_refused_payment_notice(&self, address: IpAddr) {
        self.refused_payment_notices.record(address_key(address))
    }

    /// One upload by this account, from anywhere.
    pub fn check_uploader(&self, user_id: UserId) -> Result<(), AppError> {
        verdict(self.uploader.check_key(&user_id))
    }

    /// One archive of this account's data.
    pub fn check_archive(&self, user_id: UserId) -> Result<(), AppError> {
        verdict(self.archives.check_key(&user_id))
    }

    /// Forgets buckets that are full again, so the maps do not grow without end.
    pub fn forget_idle(&self) {
        for limiter in [&self.log_in, &self.sign_up, &self.recovery, &self.upload] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        for limiter in [&self.uploader, &self.archives] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        self.failed_passwords.forget_idle();
        self.failed_second_factor_codes.forget_idle();
        self.refused_payment_notices.forget_idle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_servers_together_allow_the_installations_burst_and_no_more() {
        let whole = LimitSettings::default();
        let share = whole.shared_among(2);
        let (whole_fails, share_fails) =
            (whole.failed_passwords_per_account_and_address, share.failed_passwords_per_account_and_address);
        assert_eq!(share_fails.burst * 2, whole_fails.burst);
        assert_eq!(share_fails.period, whole_fails.period * 2);
        let one = RateLimits::new(share);
        let other = RateLimits::new(share);
        let address: IpAddr = "198.51.100.7".parse().unwrap();
        let allowed = (0..whole.log_in_per_address.burst * 2)
            .filter(|i| {
                let server = if i % 2 == 0 { &one } else { &other };
                server.check_address(RateLimitGroup::LogIn, address).is_ok()
            })
            .count();
        assert_eq!(allowed as u32, whole.log_in_per_address.burst);
    }

    fn tight() -> LimitSettings {
        LimitSettings::uniform(Limit { burst: 2, period: Duration::from_secs(60) })
    }

    #[test]
    fn an_address_gets_its_burst_then_is_told_how_long_to_wait() {
        let limits = RateLimits::new(tight());
        let address: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(limits.check_address(RateLimitGroup::LogIn, address).is_ok());
        assert!(limits.check_address(RateLimitGroup::LogIn, address).is_ok());
        let refused = limits.check_address(RateLimitGroup::LogIn, address).unwrap_err();
        let AppError::TooManyRequests { retry_after_secs } = refused else { panic!("{refused:?}") };
        assert!((1..=61).contains(&retry_after_secs), "{retry_after_secs}");
    }

    #[test]
    fn groups_and_addresses_have_separate_buckets() {
        let limits = RateLimits::new(tight());
        let (first, second): (IpAddr, IpAddr) = ("192.0.2.7".parse().unwrap(), "192.0.2.8".parse().unwrap());
        for _ in 0..2 {
            limits.check_address(RateLimitGroup::LogIn, first).unwrap();
        }
        assert!(limits.check_address(RateLimitGroup::LogIn, first).is_err());
        assert!(limits.check_address(RateLimitGroup::SignUp, first).is_ok());
        assert!(limits.check_address(RateLimitGroup::LogIn, second).is_ok());
    }

    #[test]
    fn one_account_gets_its_uploads_then_waits_whatever_its_address() {
        let limits = RateLimits::new(tight());
        limits.check_uploader(UserId(7)).unwrap();
        limits.check_uploader(UserId(7)).unwrap();
        assert!(matches!(limits.check_uploader(UserId(7)), Err(AppError::TooManyRequests { .. })));
        assert!(limits.check_uploader(UserId(8)).is_ok(), "another account has its own bucket");
    }

    #[test]
    fn a_client_s_whole_ipv6_64_shares_one_bucket_and_the_next_64_has_its_own() {
        let limits = RateLimits::new(tight());
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same_64: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:fffe".parse().unwrap();
        let next_64: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        limits.check_address(RateLimitGroup::Recovery, one).unwrap();
        limits.check_address(RateLimitGroup::Recovery, same_64).unwrap();
        assert!(
            limits.check_address(RateLimitGroup::Recovery, same_64).is_err(),
            "a new address in the /64 is no new bucket"
        );
        assert!(limits.check_address(RateLimitGroup::Recovery, next_64).is_ok());
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another() {
        let limits = RateLimits::new(tight());
        let (guesser, owner): (IpAddr, IpAddr) = ("198.51.100.9".parse().unwrap(), "203.0.113.5".parse().unwrap());
        for _ in 0..2 {
            limits.begin_password_attempt("44030519900101123X", guesser).unwrap();
        }
        assert!(limits.begin_password_attempt("44030519900101123X", guesser).is_err());
        limits.begin_password_attempt("44030519900101123X", owner).unwrap();
        limits.give_back_password_attempt("44030519900101123X", owner);
        assert!(limits.begin_password_attempt("110101198008087897", guesser).is_ok(), "another account");
        // The owner's right passwords leave nothing counted: they log in as often as they like.
        for _ in 0..5 {
            limits.begin_password_attempt("44030519900101123X", owner).unwrap();
            limits.give_back_password_attempt("44030519900101123X", owner);
        }
    }

    #[test]
    fn the_installation_s_recovery_guesses_run_out_whoever_makes_them() {
        let limits = RateLimits::new(tight());
        assert!(limits.check_recovery_guess().is_ok());
        assert!(limits.check_recovery_guess().is_ok());
        assert!(matches!(limits.check_recovery_guess(), Err(AppError::TooManyRequests { .. })));
    }

    #[test]
    fn paths_map_to_their_groups() {
        assert_eq!(RateLimitGroup::of_path("/api/change_password"), Some(RateLimitGroup::LogIn));
        assert_eq!(RateLimitGroup::of_path("/api/log_in"), Some(RateLimitGroup::LogIn));
        assert_eq!(RateLimitGroup::of_path("/api/give_second_factor"), Some(RateLimitGroup::LogIn));
        assert_eq!(RateLimitGroup::of_path("/api/reset_password"), Some(RateLimitGroup::Recovery));
        assert_eq!(RateLimitGroup::of_path("/api/exam_page"), None);
    }

    #[test]
    fn signing_in_through_the_identity_provider_counts_as_logging_in_by_any_method() {
        assert_eq!(RateLimitGroup::of_request(&http::Method::GET, "/auth/oidc/start"), Some(RateLimitGroup::LogIn));
        assert_eq!(RateLimitGroup::of_request(&http::Method::GET, "/auth/oidc/callback"), Some(RateLimitGroup::LogIn));
        assert_eq!(RateLimitGroup::of_request(&http::Method::POST, "/auth/oidc/claim"), Some(RateLimitGroup::LogIn));
        assert_eq!(
            RateLimitGroup::of_request(&http::Method::GET, "/api/log_in"),
            None,
            "a GET of a POST group is no attempt"
        );
        assert_eq!(RateLimitGroup::of_request(&http::Method::POST, "/api/sign_up"), Some(RateLimitGroup::SignUp));
    }
}
