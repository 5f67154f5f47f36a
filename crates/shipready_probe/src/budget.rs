//! The run's budget: a request count and a deadline that no check can exceed.
//!
//! Every request, ordinary or raw, takes one unit before it is sent; a check that finds the
//! budget spent stops and says so. Every wait is clipped to the deadline, so a server that never
//! answers costs at most the time that is left.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::time::Instant;

/// Why a request was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Spent {
    #[error("the request budget is spent ({0} requests)")]
    Requests(usize),
    #[error("the time budget is spent")]
    Time,
}

#[derive(Debug)]
pub(crate) struct Budget {
    max_requests: usize,
    sent: AtomicUsize,
    deadline: Instant,
}

impl Budget {
    pub(crate) fn new(max_requests: usize, max_time: Duration) -> Self {
        Self { max_requests, sent: AtomicUsize::new(0), deadline: Instant::now() + max_time }
    }

    /// Takes one request from the budget, or says why none is left.
    pub(crate) fn take(&self) -> Result<(), Spent> {
        if self.remaining_time().is_zero() {
            return Err(Spent::Time);
        }
        self.sent
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |sent| (sent < self.max_requests).then_some(sent + 1))
            .map(|_| ())
            .map_err(|_| Spent::Requests(self.max_requests))
    }

    /// Requests sent so far.
    pub(crate) fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }

    /// Requests that may still be sent.
    pub(crate) fn remaining_requests(&self) -> usize {
        self.max_requests.saturating_sub(self.sent())
    }

    pub(crate) fn deadline(&self) -> Instant {
        self.deadline
    }

    pub(crate) fn remaining_time(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// `wait`, clipped to the time that is left.
    pub(crate) fn clip(&self, wait: Duration) -> Duration {
        wait.min(self.remaining_time())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_hands_out_more_than_the_maximum() {
        let budget = Budget::new(3, Duration::from_mins(1));
        assert_eq!((budget.take(), budget.take(), budget.take()), (Ok(()), Ok(()), Ok(())));
        assert_eq!(budget.take(), Err(Spent::Requests(3)));
        assert_eq!(budget.sent(), 3);
        assert_eq!(budget.remaining_requests(), 0);
    }

    #[tokio::test]
    async fn a_passed_deadline_refuses_every_request() {
        let budget = Budget::new(10, Duration::ZERO);
        assert_eq!(budget.take(), Err(Spent::Time));
        assert_eq!(budget.clip(Duration::from_secs(5)), Duration::ZERO);
        assert_eq!(budget.sent(), 0);
    }
}
