//! Fuzz target: finding dates in any text and resolving them against any
//! anchor date chrono can represent never panics; every mention's range lies
//! inside the text on character boundaries.
//!
//! Input: four bytes of anchor (days from the Common Era, any i32, so the
//! calendar's edges are reached), then the text (lossy UTF-8).
#![no_main]

use chrono::NaiveDate;
use factlint::check::date::find::{self, Mention};
use factlint::text::sentence as tense;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((anchor_bytes, text)) = data.split_first_chunk::<4>() else { return };
    let anchor = NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(*anchor_bytes));
    let text = String::from_utf8_lossy(text);
    let _ = tense::tense(&text);
    for mention in find::find(&text) {
        let range = mention.range();
        assert!(range.start <= range.end && range.end <= text.len(), "{range:?}");
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        match &mention {
            Mention::Day { day, .. } => {
                let _ = find::resolve(day, anchor);
            }
            Mention::Span { start, end } => {
                let _ = find::resolve(start, anchor);
                let _ = find::resolve(end, anchor);
            }
            Mention::Weekday { weekday, .. } => {
                if let Some(anchor) = anchor {
                    let _ = find::nearest_weekday(*weekday, anchor);
                }
            }
            _ => {}
        }
    }
});
