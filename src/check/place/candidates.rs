//! Where a place the knowledge does not know may be named: "in Khorgos",
//! "from Nur-Sultan", "Khorgos region".
//!
//! The patterns are those of one regular expression (kept in the tests as
//! the reference, and checked against this scanner on random text):
//!
//! ```text
//! \b(?:in|from|to|near|at)[ ][A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?\b
//! | \b[A-Z][a-z]{3,}[ ](?:city|region|province|oblast|county|district)\b
//! ```
//!
//! Why not the regex: nothing in it narrows where a match can start ("in",
//! "to" and "at" are everywhere), so the regex engine steps its automaton
//! over every byte of every article (the measurements are in
//! BENCHMARKS.md). Every match has one space, between a lower-case word and
//! a capitalised one, so this scanner looks closer only at the spaces with
//! the right letters either side, tested 32 bytes at a time. A
//! space gives at most one candidate, starting at the word before it, so
//! candidates come in the order the regex finds them, and keeping those
//! that start after the last kept one ends gives exactly its leftmost-first,
//! non-overlapping matches, with Unicode word boundaries.

use std::ops::Range;

/// The word before a name, by its last letter (each letter ends one).
fn before_word(last: u8) -> Option<&'static [u8]> {
    Some(match last {
        b'n' => b"in",
        b'm' => b"from",
        b'o' => b"to",
        b'r' => b"near",
        b't' => b"at",
        _ => return None,
    })
}

/// The words after a name, by their first letter.
fn after_words(first: u8) -> &'static [&'static [u8]] {
    match first {
        b'c' => &[b"city", b"county"],
        b'r' => &[b"region"],
        b'p' => &[b"province"],
        b'o' => &[b"oblast"],
        b'd' => &[b"district"],
        _ => &[],
    }
}

/// Whether the byte at the middle of `w` (two bytes before it, three
/// after) could be the space of a match: "in A", "om A", "to A", "ar A",
/// "at A", or "x cit", "x cou", "x reg", "x pro", "x obl", "x dis".
///
/// Only comparisons, no branch and no table, so that the compiler can test
/// a block of bytes at once with vector instructions.
fn is_candidate(w: [u8; 6]) -> bool {
    let [b2, b1, here, a1, a2, a3] = w;
    let pair = |x: u8, y: u8| (b2 == x) & (b1 == y);
    let triple = |x: u8, y: u8, z: u8| (a1 == x) & (a2 == y) & (a3 == z);
    let before_word = pair(b'i', b'n') | pair(b'o', b'm') | pair(b't', b'o') | pair(b'a', b'r') | pair(b'a', b't');
    let after_word = triple(b'c', b'i', b't')
        | triple(b'c', b'o', b'u')
        | triple(b'r', b'e', b'g')
        | triple(b'p', b'r', b'o')
        | triple(b'o', b'b', b'l')
        | triple(b'd', b'i', b's');
    let upper_after = a1.wrapping_sub(b'A') < 26;
    let lower_before = b1.wrapping_sub(b'a') < 26;
    (here == b' ') & ((before_word & upper_after) | (lower_before & after_word))
}

/// The six bytes around `at` for [`is_candidate`], zero past the end.
fn around(bytes: &[u8], at: usize) -> [u8; 6] {
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    [
        byte(at - 2),
        byte(at - 1),
        byte(at),
        byte(at + 1),
        byte(at + 2),
        byte(at + 3),
    ]
}

const BLOCK: usize = 32;

/// The ranges the reference regex's `find_iter` would return, in order.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut from = 1;
    while let Some(space) = next_candidate(bytes, from) {
        let candidate = if bytes[space + 1].is_ascii_uppercase() {
            name_after_word(text, space)
        } else {
            name_before_word(text, space)
        };
        if let Some(range) = candidate
            && found.last().is_none_or(|last| range.start >= last.end)
        {
            found.push(range);
        }
        from = space + 1;
    }
    found
}

/// The first space at or after `from` with the right letters either side
/// (see [`is_candidate`]).
///
/// Blocks of 32 positions are tested at once (the compiler vectorises the
/// loop over a fixed-size window) and only a block with a candidate is
/// looked into.
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    // A match's space has a word of two letters or more before it.
    let mut at = from.max(2);
    while at + BLOCK + 3 <= bytes.len() {
        let window: &[u8; BLOCK + 5] = bytes.get(at - 2..at + BLOCK + 3)?.try_into().ok()?;
        let mut flags = [false; BLOCK];
        for (i, flag) in flags.iter_mut().enumerate() {
            *flag = is_candidate([
                window[i],
                window[i + 1],
                window[i + 2],
                window[i + 3],
                window[i + 4],
                window[i + 5],
            ]);
        }
        if flags.iter().fold(false, |any, &flag| any | flag) {
            return flags.iter().position(|&flag| flag).map(|i| at + i);
        }
        at += BLOCK;
    }
    (at..bytes.len()).find(|&i| is_candidate(around(bytes, i)))
}

/// `\b(?:in|from|to|near|at)[ ]` and a name, around the space at `space`.
fn name_after_word(text: &str, space: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let word = before_word(*bytes.get(space.checked_sub(1)?)?)?;
    let start = space.checked_sub(word.len())?;
    if !has_at(bytes, start, word) || is_word_char_before(text, start) {
        return None;
    }
    Some(start..name_end(text, space + 1)?)
}

/// `\b[A-Z][a-z]{3,}[ ](?:city|region|…)\b`, around the space at `space`.
fn name_before_word(text: &str, space: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let rest = &bytes[space + 1..];
    let end = after_words(*rest.first()?)
        .iter()
        .filter(|w| has_at(rest, 0, w))
        .map(|w| space + 1 + w.len())
        .find(|&end| is_boundary_after_letter(text, end))?;
    let mut lower = space;
    while lower > 0 && bytes[lower - 1].is_ascii_lowercase() {
        lower -= 1;
    }
    let start = lower.checked_sub(1)?;
    if space - lower < 3 || !bytes[start].is_ascii_uppercase() || is_word_char_before(text, start) {
        return None;
    }
    Some(start..end)
}

/// `[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?\b` at `start`: where it ends.
fn name_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = capitalised_run(bytes, start)?;
    // The hyphenated part is optional and tried first.
    if bytes.get(end) == Some(&b'-')
        && bytes.get(end + 1).is_some_and(u8::is_ascii_uppercase)
        && let second = lower_run(bytes, end + 2)
        && second > end + 2
        && is_boundary_after_letter(text, second)
    {
        return Some(second);
    }
    is_boundary_after_letter(text, end).then_some(end)
}

/// A capital letter and at least three lower-case ones at `start`: where
/// the lower-case run ends.
fn capitalised_run(bytes: &[u8], start: usize) -> Option<usize> {
    if !bytes.get(start).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let end = lower_run(bytes, start + 1);
    (end - (start + 1) >= 3).then_some(end)
}

/// Whether `word` is at `at` in `bytes`: byte by byte, as the words are a
/// few letters long and a library comparison costs more than it saves.
fn has_at(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    bytes.len() >= at + word.len() && word.iter().enumerate().all(|(i, &b)| bytes[at + i] == b)
}

fn lower_run(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_lowercase) {
        at += 1;
    }
    at
}

fn is_ascii_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// `\b` at `at`, where the character before is an ASCII letter: the text
/// ends there or the next character is not a word character.
fn is_boundary_after_letter(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => true,
        Some(&byte) if byte.is_ascii() => !is_ascii_word(byte),
        Some(_) => !text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_word_char),
    }
}

/// Whether the character before `at` (a char boundary) is a word character.
fn is_word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at.wrapping_sub(1)) {
        None => false,
        Some(&byte) if byte.is_ascii() => is_ascii_word(byte),
        Some(_) => text
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_some_and(is_word_char),
    }
}

/// A Unicode word character, as the regex crate's `\b` and `\w` see it.
fn is_word_char(c: char) -> bool {
    regex_syntax::try_is_word_character(c).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    fn reference(text: &str) -> Vec<Range<usize>> {
        let regex = Regex::new(
            r"\b(?:in|from|to|near|at)[ ][A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?\b|\b[A-Z][a-z]{3,}[ ](?:city|region|province|oblast|county|district)\b",
        )
        .expect("reference regex");
        regex.find_iter(text).map(|m| m.range()).collect()
    }

    #[test]
    fn finds_what_the_regex_finds() {
        for text in [
            "Talks in Khorgos and near Urumqi region, then to Nur-Sultan.",
            "from Nur-sultan at Alma-Ata in Bakuz_ in Bakué in Baku in Kyiv-Pechersk",
            "Zhetysu region, Almaty city, Almatyregion, Almaty cityé, Almaty county",
            "ein Astana, _in Astana, 5in Astana, éin Astana, ’in Astana’, in Astana",
            "to Astana region",
            "in",
            "",
        ] {
            assert_eq!(find(text), reference(text), "{text}");
        }
    }

    #[test]
    fn names_start_with_a_capital_and_three_lower_case_letters() {
        // "Nur" has two lower-case letters: "in Nur-Sultan" is not a
        // candidate (the knowledge knows it anyway).
        let text = "in Baku, in Kyiv, in Astana, in Nur-Sultan, in Alma-Ata";
        let found: Vec<&str> = find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["in Baku", "in Kyiv", "in Astana", "in Alma-Ata"]);
    }

    proptest! {
        #[test]
        fn same_matches_as_the_regex(parts in proptest::collection::vec(proptest::sample::select(vec![
            "in", "from", "to", "near", "at", " ", " ", "Astana", "Urum", "Qi", "Nur", "-", "Sultan", "city",
            "region", "oblast", "district", "é", "É", "_", "5", ",", ".", "’", "ab", "In", "Xyzw", "\n", "ü",
        ]), 0..24)) {
            let text: String = parts.concat();
            prop_assert_eq!(find(&text), reference(&text));
        }
    }
}
