//! Rule k: a published count below k could single out a person (or a family), so no cell may
//! be published, or be worked out, as a count between 1 and k − 1.

use super::error::DisclosureError;

/// The smallest count that may be published (other than 0, which reveals nobody).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MinCount(u64);

impl MinCount {
    /// The rule the region publishes with.
    pub const DEFAULT: MinCount = MinCount(5);

    /// The lowest rule allowed: with k = 2 a cell of 1 and a cell of 1 beside a published
    /// margin of 2 already identify each other.
    pub const FLOOR: u64 = 3;

    /// A rule of `k`, refused below [`MinCount::FLOOR`].
    pub fn new(k: u64) -> Result<MinCount, DisclosureError> {
        if k < Self::FLOOR {
            Err(DisclosureError::MinCountTooLow { k })
        } else {
            Ok(MinCount(k))
        }
    }

    /// The k of the rule.
    pub fn get(self) -> u64 {
        self.0
    }

    /// Whether a count may not be published as it is: 0 < n < k.
    pub fn is_sensitive(self, n: u64) -> bool {
        n > 0 && n < self.0
    }
}

impl Default for MinCount {
    fn default() -> Self {
        MinCount::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_five() {
        assert_eq!(MinCount::default().get(), 5);
    }

    #[test]
    fn below_three_is_refused_with_a_clear_message() {
        let err = MinCount::new(2).unwrap_err();
        assert_eq!(err, DisclosureError::MinCountTooLow { k: 2 });
        assert!(err.to_string().contains("at least 3"), "{err}");
        assert!(MinCount::new(0).is_err());
        assert_eq!(MinCount::new(3).map(MinCount::get), Ok(3));
    }

    #[test]
    fn zero_and_k_are_not_sensitive() {
        let k = MinCount::default();
        assert!(!k.is_sensitive(0));
        assert!(k.is_sensitive(1));
        assert!(k.is_sensitive(4));
        assert!(!k.is_sensitive(5));
    }
}
