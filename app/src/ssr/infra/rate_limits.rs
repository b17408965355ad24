//! How often one address, or one account, may try the doors a guesser or a flood would use:
//! logging in, signing up, password recovery and uploads. Each limit is a token bucket
//! (`governor`'s GCRA): a burst is allowed, then one attempt per period. Refusals are 429 with
//! `Retry-After`. The buckets live in this server's memory; several servers behind one load
//! balancer each keep their share of the installation's limit (`LimitSettings::shared_among`).

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

/// A door and how often it may be tried: `burst` at once, then one more every `period`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub burst: u32,
    pub period: Duration,
}

/// Which door a request knocks on, by its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Door {
    LogIn,
    SignUp,
    Recovery,
    Upload,
}

impl Door {
    pub fn of_path(path: &str) -> Option<Door> {
        match path {
            "/api/log_in" => Some(Door::LogIn),
            "/api/sign_up" => Some(Door::SignUp),
            "/api/request_recovery_code" | "/api/reset_password" => Some(Door::Recovery),
            "/api/materials" => Some(Door::Upload),
            _ => None,
        }
    }
}

/// The limits of one installation. The defaults leave room for a school's candidates signing up
/// behind one address, and none for a guesser.
#[derive(Clone, Copy, Debug)]
pub struct LimitSettings {
    pub log_in_per_address: Limit,
    pub sign_up_per_address: Limit,
    pub recovery_per_address: Limit,
    pub upload_per_address: Limit,
    /// Attempts at one ID number, from anywhere.
    pub log_in_per_account: Limit,
    /// Uploads by one signed-in account, from any number of addresses.
    pub upload_per_account: Limit,
}

impl Default for LimitSettings {
    fn default() -> Self {
        let limit = |burst, seconds| Limit { burst, period: Duration::from_secs(seconds) };
        LimitSettings {
            log_in_per_address: limit(20, 3),
            sign_up_per_address: limit(20, 10),
            recovery_per_address: limit(5, 60),
            upload_per_address: limit(60, 1),
            log_in_per_account: limit(10, 30),
            upload_per_account: limit(60, 1),
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
            log_in_per_account: share(self.log_in_per_account),
            upload_per_account: share(self.upload_per_account),
        }
    }

    /// The same limit on every door.
    pub fn uniform(limit: Limit) -> LimitSettings {
        LimitSettings {
            log_in_per_address: limit,
            sign_up_per_address: limit,
            recovery_per_address: limit,
            upload_per_address: limit,
            log_in_per_account: limit,
            upload_per_account: limit,
        }
    }
}

pub struct RateLimits {
    log_in: DefaultKeyedRateLimiter<IpAddr>,
    sign_up: DefaultKeyedRateLimiter<IpAddr>,
    recovery: DefaultKeyedRateLimiter<IpAddr>,
    upload: DefaultKeyedRateLimiter<IpAddr>,
    account: DefaultKeyedRateLimiter<String>,
    uploader: DefaultKeyedRateLimiter<i32>,
}

fn bucket<K: Hash + Eq + Clone>(limit: Limit) -> DefaultKeyedRateLimiter<K> {
    let burst = NonZeroU32::new(limit.burst.max(1)).unwrap_or(NonZeroU32::MIN);
    let quota = Quota::with_period(limit.period.max(Duration::from_millis(1)))
        .map(|q| q.allow_burst(burst))
        .unwrap_or_else(|| Quota::per_second(burst));
    RateLimiter::keyed(quota)
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
            account: bucket(settings.log_in_per_account),
            uploader: bucket(settings.upload_per_account),
        }
    }

    /// One attempt at `door` from `address`.
    pub fn check_address(&self, door: Door, address: IpAddr) -> Result<(), AppError> {
        let limiter = match door {
            Door::LogIn => &self.log_in,
            Door::SignUp => &self.sign_up,
            Door::Recovery => &self.recovery,
            Door::Upload => &self.upload,
        };
        verdict(limiter.check_key(&address))
    }

    /// One login attempt at this ID number (as typed, normalised), from anywhere.
    pub fn check_account(&self, id_number: &str) -> Result<(), AppError> {
        verdict(self.account.check_key(&id_number.to_string()))
    }

    /// One upload by this account, from anywhere.
    pub fn check_uploader(&self, user_id: i32) -> Result<(), AppError> {
        verdict(self.uploader.check_key(&user_id))
    }

    /// Forgets buckets that are full again, so the maps do not grow without end.
    pub fn forget_idle(&self) {
        for limiter in [&self.log_in, &self.sign_up, &self.recovery, &self.upload] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        self.account.retain_recent();
        self.account.shrink_to_fit();
        self.uploader.retain_recent();
        self.uploader.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_servers_together_allow_the_installations_burst_and_no_more() {
        let whole = LimitSettings::default();
        let share = whole.shared_among(2);
        assert_eq!(share.log_in_per_account.burst * 2, whole.log_in_per_account.burst);
        assert_eq!(share.log_in_per_account.period, whole.log_in_per_account.period * 2);
        let one = RateLimits::new(share);
        let other = RateLimits::new(share);
        let address: IpAddr = "198.51.100.7".parse().unwrap();
        let allowed = (0..whole.log_in_per_address.burst * 2)
            .filter(|i| {
                let server = if i % 2 == 0 { &one } else { &other };
                server.check_address(Door::LogIn, address).is_ok()
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
        assert!(limits.check_address(Door::LogIn, address).is_ok());
        assert!(limits.check_address(Door::LogIn, address).is_ok());
        let refused = limits.check_address(Door::LogIn, address).unwrap_err();
        let AppError::TooManyRequests { retry_after_secs } = refused else { panic!("{refused:?}") };
        assert!((1..=61).contains(&retry_after_secs), "{retry_after_secs}");
    }

    #[test]
    fn doors_and_addresses_have_separate_buckets() {
        let limits = RateLimits::new(tight());
        let (first, second): (IpAddr, IpAddr) = ("192.0.2.7".parse().unwrap(), "192.0.2.8".parse().unwrap());
        for _ in 0..2 {
            limits.check_address(Door::LogIn, first).unwrap();
        }
        assert!(limits.check_address(Door::LogIn, first).is_err());
        assert!(limits.check_address(Door::SignUp, first).is_ok());
        assert!(limits.check_address(Door::LogIn, second).is_ok());
    }

    #[test]
    fn one_account_gets_its_uploads_then_waits_whatever_its_address() {
        let limits = RateLimits::new(tight());
        limits.check_uploader(7).unwrap();
        limits.check_uploader(7).unwrap();
        assert!(matches!(limits.check_uploader(7), Err(AppError::TooManyRequests { .. })));
        assert!(limits.check_uploader(8).is_ok(), "another account has its own bucket");
    }

    #[test]
    fn paths_map_to_their_doors() {
        assert_eq!(Door::of_path("/api/log_in"), Some(Door::LogIn));
        assert_eq!(Door::of_path("/api/reset_password"), Some(Door::Recovery));
        assert_eq!(Door::of_path("/api/exam_page"), None);
    }
}
