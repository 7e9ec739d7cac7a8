//! Whether a range overlaps any of many others, in logarithmic time.
//!
//! Checks ask it of every candidate ("is this name already a known
//! place?", "is this year part of a day already found?"); asked by
//! walking the whole list, an article with many names and many candidates
//! cost their product.

use std::ops::Range;

/// Ranges sorted by start, with the furthest end reached so far at each.
#[derive(Debug, Default)]
pub struct RangeSet {
    starts: Vec<usize>,
    /// `furthest_end[i]`: the largest end of the first `i + 1` ranges.
    furthest_end: Vec<usize>,
}

impl RangeSet {
    /// The set of `ranges`, in any order.
    pub fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        let mut sorted: Vec<Range<usize>> = ranges.into_iter().collect();
        sorted.sort_unstable_by_key(|r| (r.start, r.end));
        let mut furthest = 0;
        let furthest_end = sorted
            .iter()
            .map(|r| {
                furthest = furthest.max(r.end);
                furthest
            })
            .collect();
        RangeSet {
            starts: sorted.iter().map(|r| r.start).collect(),
            furthest_end,
        }
    }

    /// Whether the set holds no range.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Whether `range` shares a byte with a range of the set: some range
    /// starts before `range` ends and ends after it starts.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&start| start < range.end);
        before_end > 0 && self.furthest_end[before_end - 1] > range.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer by walking every range, which the set must give too.
    fn walked(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
        ranges.iter().any(|r| r.start < range.end && range.start < r.end)
    }

    #[test]
    fn agrees_with_walking_every_range() {
        // A long range that hides short ones, touching ends, empty ranges.
        let ranges = vec![10..12, 0..3, 20..40, 25..26, 3..5, 41..41, 50..51];
        let set = RangeSet::new(ranges.clone());
        for start in 0..55 {
            for end in start..56 {
                let range = start..end;
                assert_eq!(set.overlaps(&range), walked(&ranges, &range), "{range:?}");
            }
        }
    }

    #[test]
    fn an_empty_set_overlaps_nothing() {
        assert!(!RangeSet::new(Vec::new()).overlaps(&(0..10)));
    }
}
