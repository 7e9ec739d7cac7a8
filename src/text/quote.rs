//! Direct quotations: whether a position of an article lies inside quoted
//! speech. A title or a house-style term inside a quotation is the
//! speaker's words, not the article's claim: the title and term checks
//! judge the article's own text.
//!
//! English news quotes with double quotation marks, straight (`"`) or
//! curly (`“ ”`), and never carries a quotation across a paragraph without
//! reopening it. Counting marks from the paragraph's start is fragile on
//! real text (one stray or garbled mark turns the rest of the paragraph
//! inside out), so a position counts as quoted only when the nearest mark
//! before it in its paragraph opens a quotation and the nearest mark after
//! it closes one (or none follows: a quotation going on into the next
//! paragraph leaves its closing mark off). A curly mark says which it is; a straight one opens when
//! it has a space (or the paragraph's start) before it and none after, and
//! closes the other way round. Single marks are left alone: they are also
//! apostrophes ("Kazakhstan's", "'90s").

/// How far from a position its quotation marks are looked for. A
/// quotation in news is a sentence or a few, well under this; a mark
/// further away says nothing about the position, and searching to the
/// text's ends made every question cost the article's length.
const MAX_QUOTE_BYTES: usize = 4096;

/// How a quotation mark sits in the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Opens,
    Closes,
    /// A straight mark between two spaces or two words: it says nothing.
    Unclear,
}

/// Whether byte `at` of `text` lies inside a double-quoted passage of its
/// paragraph. Marks are looked for up to [`MAX_QUOTE_BYTES`] either side:
/// an opening mark with no closing one that near is still open (unsure,
/// so the position counts as quoted and is not judged).
///
/// Only the stretch between the nearest quotation marks either side is
/// read (found with `memchr`, a few bytes in real news, which is full of
/// curly apostrophes and dashes that share the marks' first byte), never
/// the whole paragraph: a long article asks this of many places.
pub fn in_quotation(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return false;
    }
    let bytes = text.as_bytes();
    let before = mark_before(text, at).filter(|&(i, _)| !has_paragraph_break(&bytes[i..at]));
    if before.map(|(_, m)| m) != Some(Mark::Opens) {
        return false;
    }
    // A quotation that runs on into the next paragraph leaves its closing
    // mark off: an opening mark with no mark after it in its paragraph is
    // still open. One whose closing mark was left off before the next
    // quotation opens ("asked, "Do you believe …? "No," said Trump.") is
    // quoted up to that next one, as far as anyone can tell: unsure, so
    // the position counts as quoted.
    match mark_after(text, at) {
        Some((i, mark)) if !has_paragraph_break(&bytes[at..i]) => mark != Mark::Unclear,
        _ => true,
    }
}

/// The nearest quotation mark before byte `at`: where, and which.
fn mark_before(text: &str, at: usize) -> Option<(usize, Mark)> {
    let bytes = text.as_bytes();
    let floor = at.saturating_sub(MAX_QUOTE_BYTES);
    let mut end = at;
    while let Some(i) = memchr::memrchr2(b'"', 0xE2, &bytes[floor..end]).map(|i| floor + i) {
        if let Some(c) = text.get(i..).and_then(|rest| rest.chars().next())
            && let Some(found) = mark(text, i, c)
        {
            return Some((i, found));
        }
        end = i;
    }
    None
}

/// The nearest quotation mark at or after byte `at`: where, and which.
fn mark_after(text: &str, at: usize) -> Option<(usize, Mark)> {
    let bytes = text.as_bytes();
    let ceiling = (at + MAX_QUOTE_BYTES).min(bytes.len());
    let mut start = at;
    while let Some(offset) = memchr::memchr2(b'"', 0xE2, &bytes[start..ceiling]) {
        let i = start + offset;
        if let Some(c) = text.get(i..).and_then(|rest| rest.chars().next())
            && let Some(found) = mark(text, i, c)
        {
            return Some((i, found));
        }
        start = i + 1;
    }
    None
}

/// Whether `gap` holds a blank line (a line end, blanks, a line end).
fn has_paragraph_break(gap: &[u8]) -> bool {
    let mut from = 0;
    while let Some(offset) = memchr::memchr(b'\n', &gap[from..]) {
        let i = from + offset + 1;
        let rest = &gap[i..];
        let blanks = rest.iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\r')).count();
        if rest.get(blanks) == Some(&b'\n') {
            return true;
        }
        from = i;
    }
    false
}

/// The kind of quotation mark `c` at byte `i` of `text` is, if it is one.
fn mark(text: &str, i: usize, c: char) -> Option<Mark> {
    match c {
        '“' => Some(Mark::Opens),
        '”' => Some(Mark::Closes),
        '"' => {
            let space_before = text[..i]
                .chars()
                .next_back()
                .is_none_or(|b| b.is_whitespace() || "([{—–-".contains(b));
            let space_after = text[i + 1..]
                .chars()
                .next()
                .is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–-".contains(a));
            Some(match (space_before, space_after) {
                (true, false) => Mark::Opens,
                (false, true) => Mark::Closes,
                _ => Mark::Unclear,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(text: &str, word: &str) -> bool {
        in_quotation(text, text.find(word).expect("the word is in the text"))
    }

    #[test]
    fn straight_and_curly_quotations() {
        let text = "He said: \"President Obama is behind it,\" and left. Then Trump spoke.";
        assert!(inside(text, "Obama"));
        assert!(!inside(text, "Trump"));
        let curly = "He said: “President Obama is behind it,” and left. Then Trump spoke.";
        assert!(inside(curly, "Obama"));
        assert!(!inside(curly, "Trump"));
    }

    #[test]
    fn a_quotation_ends_with_its_paragraph() {
        let text = "\"An open quote runs on.\n\nA new paragraph, Trump said.";
        assert!(inside(text, "open"));
        assert!(!inside(text, "Trump"));
        // A single line break does not end a paragraph.
        assert!(inside("\"One quote\nover two lines, Obama", "Obama"));
    }

    #[test]
    fn a_stray_mark_does_not_turn_a_paragraph_inside_out() {
        // A garbled mark early on; Tusk's title is the article's own words.
        let text = "A tweet \"?RT? News March 29. The letter went to President Donald Tusk in Brussels. He said \"yes\" later.";
        assert!(!inside(text, "Tusk"));
        assert!(inside(text, "yes"));
    }

    #[test]
    fn a_quotation_left_open_before_the_next_one_counts_as_quoted() {
        let text =
            "Trump is asked, \"Do you believe President Obama is behind it? \"No,\" said Trump. Then Pence spoke.";
        assert!(inside(text, "Obama"));
        assert!(!inside(text, "Pence"));
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        assert!(!inside("Kazakhstan's 'new' president Tokayev spoke.", "Tokayev"));
    }
}
