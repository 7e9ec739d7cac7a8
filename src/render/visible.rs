//! Article text and file names shown so that they cannot drive the
//! terminal or a CI log: control characters and the bidirectional overrides
//! of "Trojan Source" are written as visible stand-ins, never raw.
//!
//! A C0 control becomes its Unicode control picture (ESC → `␛`, CR → `␍`,
//! BEL → `␇`), DEL becomes `␡`, and C1 controls and bidirectional controls
//! become `\u{…}`. Tabs and line feeds stay in text (they lay it out);
//! one-line outputs and file names escape them too. A file name that needed
//! any of this is shown in quotes, so the stand-ins cannot pass for its
//! real characters.

use std::borrow::Cow;

/// Whether `c` may not reach output raw.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Bidirectional marks, embeddings, overrides and isolates.
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible stand-in of a hidden character.
pub fn stand_in(c: char) -> String {
    match c {
        '\u{0}'..='\u{1f}' => {
            char::from_u32(0x2400 + c as u32).map_or_else(|| format!("\\u{{{:x}}}", c as u32), String::from)
        }
        '\u{7f}' => "␡".to_string(),
        _ => format!("\\u{{{:x}}}", c as u32),
    }
}

/// `text` with every hidden character replaced by its stand-in; tabs and
/// line feeds kept.
pub fn text(text: &str) -> Cow<'_, str> {
    replace(text, is_hidden)
}

/// `text` on one line: hidden characters, tabs and line feeds all replaced.
pub fn line(text: &str) -> Cow<'_, str> {
    replace(text, |c| is_hidden(c) || c == '\n' || c == '\t')
}

/// A file name to show: as it is, or, when it holds anything that
/// [`line`] replaces, in double quotes with the stand-ins (and `"` and `\`
/// escaped), so it reads as what it is.
pub fn path(name: &str) -> Cow<'_, str> {
    match line(name) {
        Cow::Borrowed(name) => Cow::Borrowed(name),
        Cow::Owned(shown) => Cow::Owned(format!("\"{}\"", shown.replace('"', "\\\""))),
    }
}

/// Whether the character at `at` (`c`) is a CR that ends a line with the
/// LF after it: a line ending, laid out as such, not a bare CR.
fn is_line_end(text: &str, at: usize, c: char) -> bool {
    c == '\r' && text.as_bytes().get(at + 1) == Some(&b'\n')
}

fn replace(text: &str, hidden: impl Fn(char) -> bool) -> Cow<'_, str> {
    // A CR before an LF is a line ending: it stays wherever the LF does.
    let hidden_at = |at: usize, c: char| hidden(c) && (hidden('\n') || !is_line_end(text, at, c));
    if !text.char_indices().any(|(at, c)| hidden_at(at, c)) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for (at, c) in text.char_indices() {
        match c {
            c if !hidden_at(at, c) => shown.push(c),
            '\n' => shown.push_str("\\n"),
            '\t' => shown.push_str("\\t"),
            c => shown.push_str(&stand_in(c)),
        }
    }
    Cow::Owned(shown)
}

/// Where the offsets of a text move when it is shown: its hidden
/// characters replaced by stand-ins and stretches of overlong lines cut
/// out (each cut shown as `…`). Offsets outside the cuts keep their place
/// in the text around them.
#[derive(Debug, Default)]
pub struct Shift {
    /// (offset in the source, offset in the shown text) at the start of
    /// the source and after each stand-in and each cut; in order.
    anchors: Vec<(usize, usize)>,
}

impl Shift {
    /// `source` shown ([`text`]) and the shift of its offsets.
    pub fn of(source: &str) -> (String, Shift) {
        Shift::cut(source, &[])
    }

    /// `source` shown with the byte ranges `cuts` (in order, apart, on char
    /// boundaries) replaced by `…`, and the shift of its offsets.
    pub fn cut(source: &str, cuts: &[std::ops::Range<usize>]) -> (String, Shift) {
        let cut_out: usize = cuts.iter().map(std::ops::Range::len).sum();
        let mut shown = String::with_capacity(source.len().saturating_sub(cut_out) + 16);
        let mut anchors = vec![(0, 0)];
        let mut cuts = cuts.iter().peekable();
        let mut at = 0;
        while at < source.len() {
            if let Some(cut) = cuts.next_if(|c| c.start <= at) {
                shown.push('…');
                at = cut.end.max(at);
                anchors.push((at, shown.len()));
                continue;
            }
            let Some(c) = source[at..].chars().next() else { break };
            if is_hidden(c) && !is_line_end(source, at, c) {
                shown.push_str(&stand_in(c));
                anchors.push((at + c.len_utf8(), shown.len()));
            } else {
                shown.push(c);
            }
            at += c.len_utf8();
        }
        (shown, Shift { anchors })
    }

    /// Offset `at` of the shown text, in the source (the inverse of
    /// [`Shift::offset`] outside cuts and stand-ins).
    pub fn source_offset(&self, at: usize) -> usize {
        let i = self
            .anchors
            .partition_point(|(_, shown)| *shown <= at)
            .saturating_sub(1);
        let (source, shown) = self.anchors.get(i).copied().unwrap_or((0, 0));
        source + at.saturating_sub(shown)
    }

    /// Offset `at` of the source, in the shown text.
    pub fn offset(&self, at: usize) -> usize {
        let i = self
            .anchors
            .partition_point(|(source, _)| *source <= at)
            .saturating_sub(1);
        let (source, shown) = self.anchors.get(i).copied().unwrap_or((0, 0));
        shown + at.saturating_sub(source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_shown_not_sent() {
        assert_eq!(text("a\u{1b}[2Jb\u{7}c\rd"), "a␛[2Jb␇c␍d");
        assert_eq!(text("x\u{202e}y\u{9b}z"), "x\\u{202e}y\\u{9b}z");
        assert_eq!(text("tab\tand\nline"), "tab\tand\nline");
        // A CRLF line ending is one; a bare CR is shown.
        assert_eq!(text("one\r\ntwo\rthree"), "one\r\ntwo␍three");
        assert_eq!(line("one\r\ntwo"), "one␍\\ntwo");
        assert_eq!(line("tab\tand\nline"), "tab\\tand\\nline");
        assert!(matches!(text("plain – “text”"), Cow::Borrowed(_)));
        assert_eq!(path("corpus/a.md"), "corpus/a.md");
        assert_eq!(path("corpus/a\n::error::x.md"), "\"corpus/a\\n::error::x.md\"");
    }

    #[test]
    fn cut_lines_keep_the_offsets_around_the_cuts() {
        let source = "0123456789abcdefghij\u{1b}xyz";
        let (shown, shift) = Shift::cut(source, &[2..8, 12..16]);
        assert_eq!(shown, "01…89ab…ghij␛xyz");
        for (at, expected) in [(0, "01…"), (8, "89ab…"), (16, "ghij␛"), (21, "xyz")] {
            assert!(
                shown[shift.offset(at)..].starts_with(expected),
                "{at}: {}",
                &shown[shift.offset(at)..]
            );
        }
    }

    #[test]
    fn offsets_move_past_each_stand_in() {
        let source = "ab\u{1b}cd\u{202e}e";
        let (shown, shift) = Shift::of(source);
        assert_eq!(shown, "ab␛cd\\u{202e}e");
        for (at, expected) in [(0, "ab␛cd\\u{202e}e"), (3, "cd\\u{202e}e"), (8, "e")] {
            assert_eq!(&shown[shift.offset(at)..], expected, "{at}");
        }
    }
}
