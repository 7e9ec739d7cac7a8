//! The prose mask: a copy of the file, byte for byte the same length, in
//! which everything that is not prose to check is blanked out with spaces.
//!
//! Checks search the mask and report offsets that are, by construction,
//! offsets into the original file. What is blanked: the header (front
//! matter, date line), Markdown code spans and blocks, raw HTML and HTML
//! comments, link targets and autolinks, bare URLs and e-mail addresses.
//! Link text stays. Tabs and line ends become spaces too, so a name broken
//! across two lines of a paragraph still matches as one phrase; checks that
//! care about lines read the original text at the same offsets.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

static URL_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?|ftp)://[^\s<>"]+|\bwww\.[^\s<>"]+\.[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#)
        .expect("static regex")
});

/// Substrings of every URL the regex finds, searched for first (built
/// once: they are looked for in every article).
static URL_HINTS: LazyLock<[Finder<'static>; 3]> = LazyLock::new(|| ["://", "www.", "WWW."].map(Finder::new));

/// Builds the mask of a plain-text article whose body starts at `body_start`.
pub fn plain_text(text: &str, body_start: usize) -> String {
    let mut mask = Mask::blank(text);
    mask.copy(text, body_start..text.len());
    mask.finish()
}

/// Builds the mask of a Markdown article whose body starts at `body_start`.
pub fn markdown(text: &str, body_start: usize) -> String {
    let mut mask = Mask::blank(text);
    if !copy_simple_markdown(&mut mask, text, body_start) {
        copy_markdown(&mut mask, text, body_start);
    }
    mask.finish()
}

/// Copies the prose of the Markdown body as a CommonMark parser sees it.
fn copy_markdown(mask: &mut Mask, text: &str, body_start: usize) {
    let body = &text[body_start..];
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    // Autolinks (`<https://…>`) show their target as link text, and code
    // blocks deliver their contents as text events: skip both.
    let mut autolink_depth = 0usize;
    let mut in_code_block = false;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = body_start + range.start..body_start + range.end;
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => autolink_depth += 1,
            Event::End(TagEnd::Link) if autolink_depth > 0 => autolink_depth -= 1,
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(_) if autolink_depth == 0 && !in_code_block => mask.copy(text, range),
            _ => {}
        }
    }
}

/// The fast way for the common case: a body of plain paragraphs and `#`
/// headings, with no character that could start inline Markdown. Its prose
/// is every line but the headings' `#` marks, which is what the parser
/// would give, at a small part of the cost (parsing was a tenth of the
/// time of a whole check). Returns false, having copied nothing, when the
/// body is not that simple; a property test holds the two ways equal.
fn copy_simple_markdown(mask: &mut Mask, text: &str, body_start: usize) -> bool {
    let Some(body) = text.get(body_start..) else {
        return false;
    };
    // Code, emphasis, links and images, raw HTML and autolinks, entities,
    // escapes, tables, strikethrough: each needs one of these.
    let inline = |b: u8| matches!(b, b'`' | b'*' | b'_' | b'[' | b'<' | b'&' | b'\\' | b'|' | b'~');
    if body
        .as_bytes()
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |any, &b| any | inline(b)))
    {
        return false;
    }
    // Every line must be blank, a heading, or start a plain paragraph line.
    // A carriage return is a line end too; only the one before a line feed
    // is simple. Most bodies have none, and are not searched line by line.
    let has_cr = memchr::memchr(b'\r', body.as_bytes()).is_some();
    let mut copies: Vec<Range<usize>> = Vec::new();
    let mut line_start = body_start;
    for line in body.split_inclusive('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        if has_cr && memchr::memchr(b'\r', content.as_bytes()).is_some() {
            return false;
        }
        let bytes = content.as_bytes();
        match bytes.first() {
            None => continue,
            Some(_) if bytes.iter().all(|&b| b == b' ' || b == b'\t') => continue,
            Some(b'#') => {
                let marks = bytes.iter().take_while(|&&b| b == b'#').count();
                let after = bytes.get(marks);
                if marks > 6 || !matches!(after, None | Some(b' ' | b'\t')) || bytes[marks..].contains(&b'#') {
                    return false;
                }
                copies.push(range.start + marks..range.start + content.len());
            }
            // Indented code, lists, block quotes, thematic breaks and
            // setext underlines start with one of these.
            Some(b' ' | b'\t' | b'-' | b'+' | b'=' | b'>' | b'0'..=b'9') => return false,
            Some(_) => copies.push(range.start..range.start + content.len()),
        }
    }
    for range in copies {
        mask.copy(text, range);
    }
    true
}

/// The mask under construction: starts all blank, prose ranges are copied in.
struct Mask {
    bytes: Vec<u8>,
}

impl Mask {
    fn blank(text: &str) -> Mask {
        Mask {
            bytes: vec![b' '; text.len()],
        }
    }

    fn copy(&mut self, text: &str, range: Range<usize>) {
        if let (Some(src), Some(dst)) = (text.as_bytes().get(range.clone()), self.bytes.get_mut(range)) {
            dst.copy_from_slice(src);
        }
    }

    fn finish(mut self) -> String {
        // Written without a branch so the compiler can vectorise it: this
        // runs over every byte of every article.
        for byte in &mut self.bytes {
            let blank = matches!(*byte, b'\n' | b'\r' | b'\t');
            *byte = if blank { b' ' } else { *byte };
        }
        // Copying whole UTF-8 sequences and writing ASCII spaces keeps the
        // bytes valid UTF-8; checked rather than assumed.
        let mut mask =
            String::from_utf8(self.bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        blank_urls(&mut mask);
        mask
    }
}

/// Blanks bare URLs and e-mail addresses in place.
///
/// Neither a URL nor an address holds white space, so the regex runs only
/// on the white-space-free words that hold a hint ("://", "www.", "@"), not
/// on the whole article: on real news, whose typography keeps the regex
/// crate off its fast engines, the whole-text search was a tenth of a check.
fn blank_urls(mask: &mut String) {
    let bytes = mask.as_bytes();
    let mut hints: Vec<usize> = memchr::memchr_iter(b'@', bytes).collect();
    for finder in URL_HINTS.iter() {
        hints.extend(finder.find_iter(bytes));
    }
    if hints.is_empty() {
        return;
    }
    hints.sort_unstable();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut word_end = 0;
    for hint in hints {
        if hint < word_end {
            continue;
        }
        // The walk back stops at the previous word's end at the latest, so
        // the whole loop reads each byte a bounded number of times.
        let word_start = mask[..hint]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        word_end = mask[hint..].find(char::is_whitespace).map_or(mask.len(), |i| hint + i);
        let word = &mask[word_start..word_end];
        ranges.extend(
            URL_OR_EMAIL
                .find_iter(word)
                .map(|m| word_start + m.start()..word_start + m.end()),
        );
    }
    if ranges.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(mask).into_bytes();
    for range in ranges {
        for byte in &mut bytes[range] {
            *byte = b' ';
        }
    }
    // URLs matched on char boundaries cover whole characters, so blanking
    // them leaves valid UTF-8.
    *mask = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_keeps_length_and_offsets() {
        let text = "date 2024-01-01\nTokayev met Xi.\r\n";
        let mask = plain_text(text, 16);
        assert_eq!(mask.len(), text.len());
        assert_eq!(&mask[16..31], "Tokayev met Xi.");
        assert!(mask[..16].trim().is_empty());
    }

    #[test]
    fn markdown_code_html_and_link_targets_are_blanked() {
        let text = "Say `OBOR` and\n\n```\nOBOR\n```\n\n<!-- OBOR -->\n\nSee <b>bold</b> [OBOR text](https://obor.example/OBOR) <https://x.example/OBOR>\n";
        let mask = markdown(text, 0);
        assert_eq!(mask.len(), text.len());
        assert_eq!(mask.matches("OBOR").count(), 1, "{mask:?}");
        assert!(mask.contains("OBOR text"));
        assert!(mask.contains("bold"));
        assert!(!mask.contains("<b>"));
    }

    #[test]
    fn urls_and_emails_in_plain_text_are_blanked() {
        let text = "See https://example.com/astana and write to desk@astana.kz or www.nur-sultan.kz today.";
        let mask = plain_text(text, 0);
        assert!(!mask.contains("astana"), "{mask}");
        assert!(!mask.contains("nur-sultan"), "{mask}");
        assert!(mask.contains("today."));
    }

    #[test]
    fn urls_inside_punctuation_and_after_typography_are_blanked_exactly() {
        // A URL in brackets and quotes, an address after curly quotes and an
        // em dash, two addresses in one word: each blanked to its own bytes.
        let text = "Details (“https://gov.kz/astana”) — “write” to press@akorda.kz,info@mfa.kz; e-mail @ noon.";
        let mask = plain_text(text, 0);
        assert_eq!(mask.len(), text.len());
        for gone in ["gov.kz", "akorda", "mfa.kz"] {
            assert!(!mask.contains(gone), "{gone}: {mask}");
        }
        for kept in ["Details (“", " — “write” to ", "; e-mail @ noon."] {
            assert!(mask.contains(kept), "{kept}: {mask}");
        }
    }

    #[test]
    fn line_breaks_inside_a_paragraph_become_spaces() {
        let text = "Kassym-Jomart\nTokayev";
        assert_eq!(markdown(text, 0), "Kassym-Jomart Tokayev");
    }

    /// The mask the parser gives, whatever the fast way would do.
    fn parsed(text: &str) -> String {
        let mut mask = Mask::blank(text);
        copy_markdown(&mut mask, text, 0);
        mask.finish()
    }

    /// The mask the fast way gives, if it takes the text.
    fn simple(text: &str) -> Option<String> {
        let mut mask = Mask::blank(text);
        copy_simple_markdown(&mut mask, text, 0).then(|| mask.finish())
    }

    #[test]
    fn plain_paragraphs_and_headings_take_the_fast_way() {
        let text = "# Talks in Astana\n\nASTANA, Nov. 27 (Xinhua) -- Tokayev met Xi.\r\nThey spoke.\n\n## 2024 #5\n";
        let fast = simple(text);
        assert!(fast.is_none(), "a heading ending in # text is the parser's");
        let text = "# Talks in Astana\n\nASTANA, Nov. 27 (Xinhua) -- Tokayev met Xi.\r\nThey spoke.\n\n###### 2024\n";
        assert_eq!(simple(text).as_deref(), Some(parsed(text).as_str()));
        assert_eq!(simple(text).map(|m| m.matches('#').count()), Some(0));
    }

    #[test]
    fn markdown_syntax_is_left_to_the_parser() {
        for text in [
            "Say `OBOR`",
            "*a*",
            "a_b",
            "[a](b)",
            "<b>",
            "&amp;",
            "a\\b",
            "a | b",
            "~~a~~",
            "- item",
            "1. item",
            "> quote",
            "    code",
            "a\n===",
            "a\n---",
            "#hashtag",
            "####### seven",
            "a\rb",
        ] {
            assert!(simple(text).is_none(), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_way_agrees_with_the_parser(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Tokayev", "met", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "# ", "## ", "#", "####### ", "1. ", "2)",
            "- ", "+ ", "> ", "    ", "=", "---", "(", ")", "!", "]", ">", "^", "é", "’", "\u{a0}", "2024", ":", "x#",
            "https://a.b", "a@b.kz", "\u{0}", "{", "}", "$", "\"", "'",
        ]), 0..30)) {
            // Inline syntax characters always go to the parser (the test
            // above); these parts leave the line structure to decide.
            let text: String = parts.concat();
            if let Some(fast) = simple(&text) {
                proptest::prop_assert_eq!(fast, parsed(&text));
            }
        }
    }

    #[test]
    fn multibyte_text_survives() {
        let text = "Kazakhstan’s – “quoted” `cödé` Алматы";
        let mask = markdown(text, 0);
        assert_eq!(mask.len(), text.len());
        assert!(mask.contains("Kazakhstan’s"));
        assert!(mask.contains("Алматы"));
        assert!(!mask.contains("cödé"));
    }
}
