//! Byte spans into files exactly as they are on disk.
//!
//! Every position factlint reports is a byte range into the original file —
//! front matter, BOM and CRLF line ends included — so that rendering a span
//! shows exactly the text that was judged, and a fix can replace exactly
//! those bytes. Line and column numbers are computed only by renderers.

use std::ops::Range;

/// Index of a file in the [`crate::model::source::SourceDb`]. Four bytes, because
/// spans are stored by the million in large corpora.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range `start..end` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span over `range` in `file`. Offsets beyond `u32::MAX` (files over
    /// 4 GiB, which are never read) saturate rather than wrap.
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: u32::try_from(range.start).unwrap_or(u32::MAX),
            end: u32::try_from(range.end).unwrap_or(u32::MAX),
        }
    }

    /// An empty span at the start of `file`, for diagnostics about a whole file.
    pub fn file_start(file: FileId) -> Span {
        Span::new(file, 0..0)
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_round_trips_its_range() {
        let span = Span::new(FileId(3), 10..17);
        assert_eq!(span.range(), 10..17);
        assert_eq!(span.len(), 7);
        assert!(!span.is_empty());
        assert!(Span::file_start(FileId(0)).is_empty());
    }
}
