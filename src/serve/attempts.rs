//! Failed authentication, counted per source address: after [`Attempts::limit`] failures from
//! one address within [`Attempts::window`], that address is refused at once until the oldest of
//! those failures is older than the window. A guesser gets a handful of tries a minute; a desk
//! whose adviser mistyped nothing (a wrong key file, say) gets in again a minute later.
//!
//! Pure: the time is passed in, so the rule is tested without waiting.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// How many failures an address may have within the window before it is refused.
pub const DEFAULT_LIMIT: usize = 5;
/// How long a failure counts.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(60);

/// The recent failures of every address that failed lately.
#[derive(Debug)]
pub struct Attempts {
    limit: usize,
    window: Duration,
    failures: HashMap<IpAddr, VecDeque<Instant>>,
}

impl Attempts {
    pub fn new(limit: usize, window: Duration) -> Attempts {
        Attempts {
            limit: limit.max(1),
            window,
            failures: HashMap::new(),
        }
    }

    /// Whether `address` is refused now, without looking at what it offers.
    pub fn refused(&mut self, address: IpAddr, now: Instant) -> bool {
        let window = self.window;
        match self.failures.get_mut(&address) {
            None => false,
            Some(times) => {
                forget_old(times, now, window);
                if times.is_empty() {
                    self.failures.remove(&address);
                    return false;
                }
                times.len() >= self.limit
            }
        }
    }

    /// Counts a failure of `address`; whether it is refused from now on.
    pub fn failed(&mut self, address: IpAddr, now: Instant) -> bool {
        let window = self.window;
        // Addresses whose failures are all old are dropped, so a scan from many addresses
        // leaves no lasting trace.
        self.failures.retain(|_, times| {
            forget_old(times, now, window);
            !times.is_empty()
        });
        let times = self.failures.entry(address).or_default();
        times.push_back(now);
        // More than the limit need not be kept: the refusal ends with the oldest of the last
        // `limit`.
        while times.len() > self.limit {
            times.pop_front();
        }
        times.len() >= self.limit
    }

    /// A login succeeded from `address`: its earlier failures (a desk that tried another key
    /// first) no longer count.
    pub fn succeeded(&mut self, address: IpAddr) {
        self.failures.remove(&address);
    }

    /// How many addresses have failures that still count.
    pub fn addresses(&self) -> usize {
        self.failures.len()
    }
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn the_fifth_failure_within_the_window_refuses_that_address_only() {
        let t = Instant::now();
        let mut attempts = Attempts::new(5, secs(60));
        for i in 0..4 {
            assert!(!attempts.failed(A, t + secs(i)), "refused after {}", i + 1);
            assert!(!attempts.refused(A, t + secs(i)));
        }
        assert!(attempts.failed(A, t + secs(4)));
        assert!(attempts.refused(A, t + secs(5)));
        assert!(!attempts.refused(B, t + secs(5)), "another address is not");
    }

    #[test]
    fn the_refusal_ends_when_the_oldest_failure_leaves_the_window() {
        let t = Instant::now();
        let mut attempts = Attempts::new(5, secs(60));
        for i in 0..5 {
            attempts.failed(A, t + secs(i));
        }
        assert!(attempts.refused(A, t + secs(59)));
        // The first failure (at 0 s) no longer counts at 60 s: four are left.
        assert!(!attempts.refused(A, t + secs(60)));
        // One more failure makes five within the window again (those at 1 to 4 s and now).
        assert!(attempts.failed(A, t + secs(60)));
        assert!(!attempts.refused(A, t + secs(200)));
        assert_eq!(
            attempts.addresses(),
            0,
            "an address with only old failures is gone"
        );
    }

    #[test]
    fn failures_spread_wider_than_the_window_never_refuse() {
        let t = Instant::now();
        let mut attempts = Attempts::new(5, secs(60));
        for i in 0..20 {
            assert!(!attempts.failed(A, t + secs(i * 20)));
        }
    }

    #[test]
    fn a_login_forgets_the_addresses_failures() {
        let t = Instant::now();
        let mut attempts = Attempts::new(5, secs(60));
        for i in 0..4 {
            attempts.failed(A, t + secs(i));
        }
        attempts.succeeded(A);
        assert!(!attempts.failed(A, t + secs(5)));
        assert!(!attempts.refused(A, t + secs(5)));
    }

    #[test]
    fn old_addresses_are_dropped_when_a_new_failure_comes() {
        let t = Instant::now();
        let mut attempts = Attempts::new(5, secs(60));
        attempts.failed(A, t);
        attempts.failed(B, t + secs(61));
        assert_eq!(attempts.addresses(), 1);
    }
}
