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

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

static URL_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?|ftp)://[^\s<>"]+|\bwww\.[^\s<>"]+\.[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#)
        .expect("static regex")
});

/// Builds the mask of a plain-text article whose body starts at `body_start`.
pub fn plain_text(text: &str, body_start: usize) -> String {
    let mut mask = Mask::blank(text);
    mask.copy(text, body_start..text.len());
    mask.finish()
}

/// Builds the mask of a Markdown article whose body starts at `body_start`.
pub fn markdown(text: &str, body_start: usize) -> String {
    let mut mask = Mask::blank(text);
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
    mask.finish()
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
fn blank_urls(mask: &mut String) {
    // Most articles have none: skip the regex unless a URL or address could be there.
    let bytes = mask.as_bytes();
    if !(bytes.contains(&b'@') || mask.contains("://") || mask.contains("www.") || mask.contains("WWW.")) {
        return;
    }
    let ranges: Vec<Range<usize>> = URL_OR_EMAIL.find_iter(mask).map(|m| m.range()).collect();
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
    fn line_breaks_inside_a_paragraph_become_spaces() {
        let text = "Kassym-Jomart\nTokayev";
        assert_eq!(markdown(text, 0), "Kassym-Jomart Tokayev");
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
