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

/// How a quotation mark sits in the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Opens,
    Closes,
    /// A straight mark between two spaces or two words: it says nothing.
    Unclear,
}

/// Whether byte `at` of `text` lies inside a double-quoted passage of its
/// paragraph.
pub fn in_quotation(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return false;
    }
    let start = paragraph_start(text.as_bytes(), at);
    let end = paragraph_end(text.as_bytes(), at);
    let before = text[start..at]
        .char_indices()
        .rev()
        .find_map(|(i, c)| mark(text, start + i, c));
    let after = text[at..end].char_indices().find_map(|(i, c)| mark(text, at + i, c));
    // A quotation that runs on into the next paragraph leaves its closing
    // mark off: an opening mark with no mark after it is still open.
    before == Some(Mark::Opens) && matches!(after, Some(Mark::Closes) | None)
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

/// Where the paragraph holding byte `at` ends: at the next blank line.
fn paragraph_end(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'\n' {
                return i;
            }
        }
        i += 1;
    }
    bytes.len()
}

/// Where the paragraph holding byte `at` starts: after the last blank line
/// before it.
fn paragraph_start(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    while i > 0 {
        if bytes[i - 1] == b'\n' {
            let line_end = i - 1;
            let mut j = line_end;
            while j > 0 && matches!(bytes[j - 1], b' ' | b'\t' | b'\r') {
                j -= 1;
            }
            if j == 0 || bytes[j - 1] == b'\n' {
                return i;
            }
        }
        i -= 1;
    }
    0
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
    fn apostrophes_are_not_quotation_marks() {
        assert!(!inside("Kazakhstan's 'new' president Tokayev spoke.", "Tokayev"));
    }
}
