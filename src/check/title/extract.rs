//! Finding people and the titles attached to them, in the shapes news uses:
//!
//! - before the name: "Chinese Vice Premier Ding Xuexiang", "President of
//!   Kazakhstan Kassym-Jomart Tokayev", "China's top legislator Zhao Leji";
//! - in apposition after it: "Zhao Leji, chairman of the Standing Committee of
//!   the National People's Congress (NPC), said", "Yerlan Koshanov, the
//!   speaker of the Mazhilis," — up to three comma-separated segments, each a
//!   title only if it starts with a role (or a country and a role).
//!
//! Titles are found by walking word tokens of the prose mask. The walk stops
//! at punctuation, paragraph breaks, other people's names and ordinary
//! lower-case words, so a title never reaches across a sentence or onto
//! another person. Doubtful shapes are skipped: missing a title is better
//! than reporting a correct sentence.

use std::borrow::Cow;
use std::ops::Range;

use crate::article::Article;
use crate::rules::knowledge::titles::{TEMPORARY, TitleNormalizer};
use crate::text::words::CAPITALISED_FUNCTION_WORDS;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct(char),
    /// A paragraph break between two tokens.
    Break,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

/// Capitalised at the start of a sentence, never part of a title.
const SENTENCE_OPENERS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "meanwhile",
    "however",
    "earlier",
    "later",
    "also",
    "then",
    "now",
    "there",
    "here",
    "both",
    "new",
    "last",
    "next",
    "speaking",
    "asked",
    "says",
    "said",
];

/// Segment openers skipped before an appositive title: "…, the chair of …".
const APPOSITION_FILLERS: &[&str] = &["the", "a", "an", "also", "now", "currently"];

/// How far around a name or role the prose is tokenized: titles are
/// shorter than this, and the rest of the article is never looked at.
pub const WINDOW: usize = 400;

/// Splits the prose around `around` (byte ranges of names and roles, in
/// order) into word and punctuation tokens, with a `Break` token where the
/// original text has a blank line and between windows that do not touch.
pub fn tokenize(article: &Article, around: &[Range<usize>]) -> Vec<Token> {
    let prose = &article.prose;
    // Windows of WINDOW bytes either side, widened to whole words, merged.
    let mut windows: Vec<Range<usize>> = Vec::new();
    for range in around {
        let mut start = range.start.saturating_sub(WINDOW);
        while start > 0 && !(prose.is_char_boundary(start) && prose.as_bytes()[start - 1] == b' ') {
            start -= 1;
        }
        let mut end = (range.end + WINDOW).min(prose.len());
        while end < prose.len() && !(prose.is_char_boundary(end) && prose.as_bytes()[end] == b' ') {
            end += 1;
        }
        match windows.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => windows.push(start..end),
        }
    }
    // About one token per five bytes of prose; sized once, not regrown.
    let mut tokens: Vec<Token> = Vec::with_capacity(windows.iter().map(|w| w.len() / 5).sum());
    for window in windows {
        if let Some(last) = tokens.last() {
            // A break sits where the token before it ends, so that a name
            // starting right after it does not take it in.
            let at = last.range.end;
            tokens.push(Token {
                range: at..at,
                kind: TokenKind::Break,
            });
        }
        tokenize_range(article, window, &mut tokens);
    }
    tokens
}

fn tokenize_range(article: &Article, window: Range<usize>, tokens: &mut Vec<Token>) {
    let prose = &article.prose;
    let bytes = prose.as_bytes();
    let text = article.text.as_bytes();
    // Where the last token ended, unless it is a break: a blank line in the
    // text between it and the next token makes a break.
    let mut last_end = tokens
        .last()
        .filter(|t| t.kind != TokenKind::Break)
        .map(|t| t.range.end);
    let mut at = window.start;
    while at < window.end {
        let byte = bytes[at];
        // Spaces are every sixth byte or so (line ends are spaces in the mask).
        if byte == b' ' {
            at += 1;
            continue;
        }
        let Some(c) = char_at(prose, at) else { break };
        let start = at;
        at += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if let Some(last) = last_end
            && has_blank_line(&text[last..start])
        {
            tokens.push(Token {
                range: last..last,
                kind: TokenKind::Break,
            });
        }
        if byte.is_ascii_alphanumeric() || (!byte.is_ascii() && c.is_alphanumeric()) {
            at = word_end(prose, at, window.end);
            at = dotted_end(bytes, start, at, window.end);
            tokens.push(Token {
                range: start..at,
                kind: TokenKind::Word,
            });
        } else {
            tokens.push(Token {
                range: start..at,
                kind: TokenKind::Punct(c),
            });
        }
        last_end = Some(at);
    }
}

/// Where a dotted abbreviation ("U.S.", "U.N.") that starts with the
/// one-letter word `start..at` ends, periods included; `at` for any other
/// word. The abbreviation is one word of a title ("former U.N.
/// Secretary-General"), not a sentence end.
fn dotted_end(bytes: &[u8], start: usize, mut at: usize, end: usize) -> usize {
    // The word ends in one capital letter: "U", or "then-U" in "then-U.S.".
    let one_letter = at == start + 1 || (at >= start + 3 && bytes[at - 2] == b'-');
    if !one_letter || !bytes[at - 1].is_ascii_uppercase() {
        return at;
    }
    let letter_then_dot = |i: usize| i + 1 < end && bytes[i].is_ascii_uppercase() && bytes[i + 1] == b'.';
    if !(at < end && bytes[at] == b'.' && letter_then_dot(at + 1)) {
        return at;
    }
    while at < end && bytes[at] == b'.' && letter_then_dot(at + 1) {
        at += 2;
    }
    at + 1
}

/// `u8::is_ascii_alphanumeric` as a table: one load instead of three
/// comparisons, in the loop that runs over nearly every byte of prose.
const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// Where the word continuing at `at` ends: it runs on through letters,
/// digits, and an apostrophe or hyphen with a letter or digit after it
/// ("China's", "Nur-Sultan"). ASCII letters and digits, nearly every byte,
/// take the short way, and so does the usual end of a word, an ASCII byte
/// that cannot join.
fn word_end(prose: &str, mut at: usize, end: usize) -> usize {
    let bytes = prose.as_bytes();
    loop {
        while at < end && ASCII_ALPHANUMERIC[usize::from(bytes[at])] {
            at += 1;
        }
        if at >= end {
            return at;
        }
        let byte = bytes[at];
        if byte.is_ascii() && byte != b'\'' && byte != b'-' {
            return at;
        }
        let Some(next) = char_at(prose, at) else { return at };
        let after = at + next.len_utf8();
        let joins = matches!(next, '\'' | '’' | '-' | '‑') && char_at(prose, after).is_some_and(char::is_alphanumeric);
        if !(next.is_alphanumeric() || joins) {
            return at;
        }
        at = after;
    }
}

/// The character starting at byte `at` of `text`, if `at` is inside it (it
/// is always a char boundary here: the scan moves a whole char at a time).
/// ASCII, nearly all of it, skips UTF-8 decoding.
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Whether a gap between two tokens holds a blank line (two line ends).
fn has_blank_line(gap: &[u8]) -> bool {
    gap.len() >= 2 && gap.iter().filter(|&&b| b == b'\n').count() >= 2
}

/// Word classes the walk needs, from the knowledge.
pub struct Lexicon<'k> {
    pub titles: &'k TitleNormalizer,
    /// Every qualifying word of every office.
    pub vocabulary: &'k crate::rules::FastSet<String>,
}

/// A word without its possessive ending, lower-cased: "China's" → "china".
/// Borrowed when the word is lower-case ASCII already, as most words of
/// prose are: the title walk asks this of every word it passes.
fn base(word: &str) -> Cow<'_, str> {
    let word = without_possessive(word);
    if word.contains('.') {
        // "U.S." is "us", as the title knowledge writes it.
        return Cow::Owned(word.replace('.', "").to_lowercase());
    }
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else if word.is_ascii() {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// A word without its possessive ending, case kept: "China's" → "China".
/// (The word checks compare in lower case themselves.)
fn without_possessive(word: &str) -> &str {
    ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word)
}

impl Lexicon<'_> {
    /// Whether a word can be part of a title: a role word, a demonym, a
    /// past marker, a word of some office ("Senate", "Zhejiang"), or one of
    /// an acting office ("acting", "interim").
    fn is_title_word(&self, word: &str) -> bool {
        let lower = base(word);
        if TEMPORARY.contains(&lower.as_ref()) {
            return true;
        }
        if let Some((marker, rest)) = lower.split_once('-')
            && self.titles.is_past_marker(marker)
        {
            return self.is_title_word(rest);
        }
        lower.split('-').all(|part| {
            self.titles.is_role_word(part)
                || self.titles.is_demonym(part)
                || self.titles.is_past_marker(part)
                || self.vocabulary.contains(part)
                || self.titles.is_replaced(part)
        })
    }

    /// Whether a word marks a past office: "former", "then-", and a past
    /// marker anywhere in a hyphenated word ("now-former").
    fn is_past(&self, word: &str) -> bool {
        without_possessive(word)
            .split('-')
            .any(|part| self.titles.is_past_marker(part))
    }

    fn is_role_start(&self, word: &str) -> bool {
        let word = without_possessive(word);
        let word = match word.split_once('-') {
            Some((marker, rest)) if self.titles.is_past_marker(marker) => rest,
            _ => word,
        };
        self.titles.is_role_word(word.split('-').next().unwrap_or_default())
    }

    /// A word that may be part of a person's name the knowledge does not
    /// know: capitalised, not a title word, not a function word.
    pub fn is_name_like(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let has_lower = word.chars().any(char::is_lowercase);
        first_upper
            && has_lower
            && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && !self.is_title_word(word)
            && !CAPITALISED_FUNCTION_WORDS.contains(&base(word).as_ref())
    }
}

/// Words that count or pick out members of a group: "Many of President
/// Obama's achievements" is no title of the words before "of".
const QUANTIFIERS: &[&str] = &[
    "many", "most", "some", "all", "several", "few", "one", "two", "both", "none", "each", "any", "much",
];

/// Words before a role that make it a common noun: "a US President".
const INDEFINITE: &[&str] = &["a", "an", "another", "every", "each", "any", "no"];

/// A lower-case ordinal: "third", "45th", "last". ("First Deputy Prime
/// Minister", capitalised, is a title.)
fn is_ordinal(word: &str) -> bool {
    const ORDINALS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last",
    ];
    let numbered = word.len() > 2
        && word
            .get(..word.len() - 2)
            .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
        && ["st", "nd", "rd", "th"].iter().any(|s| word.ends_with(s));
    numbered || ORDINALS.contains(&word)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A title found in the text: its byte range, and whether it is marked as a
/// past office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundTitle {
    pub range: Range<usize>,
    pub past: bool,
}

/// Finds titles around names.
pub struct TitleFinder<'a> {
    pub tokens: &'a [Token],
    pub text: &'a str,
    pub lexicon: &'a Lexicon<'a>,
    /// Token indexes covered by a person's name: titles never cross them.
    pub in_name: &'a dyn Fn(usize) -> bool,
}

impl TitleFinder<'_> {
    fn word(&self, index: usize) -> Option<&str> {
        let token = self.tokens.get(index)?;
        (token.kind == TokenKind::Word).then(|| &self.text[token.range.clone()])
    }

    fn punct(&self, index: usize) -> Option<char> {
        match self.tokens.get(index)?.kind {
            TokenKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// The index of the first token starting at or after `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.start < offset)
    }

    /// The title of the name spanning tokens `name`, written before it:
    /// right before ("Vice Premier Ding Xuexiang"), or as "the Consul General
    /// of China in Almaty, Jiang Wei," — that shape only when "the" opens the
    /// title and a comma closes the name, so that "met the President,
    /// Tokayev said" gives Tokayev no title.
    pub fn title_before(&self, name: std::ops::Range<usize>) -> Option<FoundTitle> {
        if let Some(title) = self.before(name.start) {
            return Some(title);
        }
        let comma = name.start.checked_sub(1)?;
        if self.punct(comma) != Some(',') || self.punct(name.end) != Some(',') {
            return None;
        }
        let title = self.before(comma)?;
        let first = self.token_at(title.range.start);
        let opener = first.checked_sub(1).and_then(|i| self.word(i)).map(base);
        (opener.as_deref() == Some("the")).then_some(title)
    }

    /// The title written right before the name starting at token `name`.
    pub fn before(&self, name: usize) -> Option<FoundTitle> {
        // The head of the title is the word right before the name. A
        // capitalised head ("House Speaker") takes capitalised qualifiers,
        // demonyms, joins and markers, never a lower-case noun ("additional
        // people House Speaker"); a lower-case head ("press secretary")
        // takes lower-case modifiers too.
        let head_capitalised = name
            .checked_sub(1)
            .and_then(|i| self.word(i))
            .is_some_and(is_capitalised);
        let mut first = name;
        while first > 0 {
            let i = first - 1;
            let Some(word) = self.word(i) else { break };
            if (self.in_name)(i) {
                break;
            }
            let lower = base(word);
            // Inside a title before a name only "of", "the", "and" and "in" join
            // words; "a spokesman for Immigration Minister Philip Ruddock"
            // gives Ruddock the title "Immigration Minister".
            // "for" joins the name of a body ("Commission for Discipline
            // Inspection"), not a role to someone else's ("spokesman for").
            let body_for = lower == "for"
                && self
                    .word(i.wrapping_sub(1))
                    .is_some_and(|w| is_capitalised(w) && !self.lexicon.is_role_start(w));
            // "the defence secretary of President Donald Trump", "the
            // administration of US President Donald Trump", "Many of
            // President Barack Obama's": a lower-case noun or a quantifier
            // before "of" is someone or something else's when a title of its
            // own stands between "of" and the name. ("Deputy Head of the
            // Office of the President Marat Beketayev" is one title: the
            // capitalised name of a body.)
            if lower == "of"
                && self
                    .word(i.wrapping_sub(1))
                    .is_some_and(|w| !is_capitalised(w) || QUANTIFIERS.contains(&base(w).as_ref()))
                && self.owner_follows(i + 1, name)
            {
                break;
            }
            // "to" joins a role to the body it is sent to ("US Ambassador to
            // the UN Nikki Haley").
            let role_to = lower == "to"
                && self
                    .word(i.wrapping_sub(1))
                    .is_some_and(|w| self.lexicon.is_role_start(w));
            // "Minister for the Environment Malcolm Turnbull", "Special Envoy
            // for Syria Staffan de Mistura": under a capitalised head, "for"
            // after a capitalised role word joins the role to its portfolio.
            // The portfolio names no role: "Spokesman for Prime Minister
            // Alikhan Smailov" is the Prime Minister's spokesman.
            let portfolio_for = lower == "for"
                && head_capitalised
                && self
                    .word(i.wrapping_sub(1))
                    .is_some_and(|w| is_capitalised(w) && self.lexicon.is_title_word(w))
                && !(i + 1..name).any(|j| self.word(j).is_some_and(|w| self.lexicon.titles.is_role_word(&base(w))));
            let joins = matches!(lower.as_ref(), "of" | "the" | "and" | "in") || body_for || role_to || portfolio_for;
            let title_word = self.lexicon.is_title_word(word) && !self.lexicon.titles.is_ignored(&lower);
            // Under a capitalised head, a lower-case role word fits only as
            // part of the role right after it ("deputy Prime Minister"), not
            // as a title of its own ("the Russian ambassador and Vice
            // President Mike Pence").
            let lower_case_fits = !head_capitalised
                || self.lexicon.is_past(word)
                || TEMPORARY.contains(&lower.as_ref())
                || (self.lexicon.is_role_start(word)
                    && self
                        .word(i + 1)
                        .is_some_and(|w| self.lexicon.titles.is_role_word(&base(w))));
            let fits = is_capitalised(word) || joins || (title_word && lower_case_fits);
            if !fits {
                break;
            }
            // "A and B" joins two titles only when a title word precedes it;
            // otherwise it joins two people ("Tokayev and Chinese President").
            if lower == "and"
                && !self
                    .word(i.wrapping_sub(1))
                    .is_some_and(|w| self.lexicon.is_title_word(w))
            {
                break;
            }
            first = i;
        }
        let walked = first;
        // Trim words that cannot start a title ("On Monday Vice Premier"),
        // keeping capitalised qualifiers ("Immigration Minister").
        while first < name
            && self.word(first).is_none_or(|w| {
                let lower = base(w);
                self.lexicon.titles.is_ignored(&lower)
                    || CAPITALISED_FUNCTION_WORDS.contains(&lower.as_ref())
                    || SENTENCE_OPENERS.contains(&lower.as_ref())
                    || !is_capitalised(w) && !self.lexicon.is_title_word(w)
            })
        {
            first += 1;
        }
        // "and" joins two titles, never a title to something else: "links
        // between Russia and President Donald Trump" gives Trump "President".
        if let Some(and) = (first..name)
            .rev()
            .find(|&i| self.word(i).is_some_and(|w| base(w) == "and"))
            && !(first..and).any(|i| self.word(i).is_some_and(|w| self.lexicon.is_role_start(w)))
        {
            first = and + 1;
        }
        let last = name.checked_sub(1)?;
        if first > last || !self.word(last).is_some_and(|w| self.lexicon.is_title_word(w)) {
            return None;
        }
        if self.is_no_title_of_the_name(first, head_capitalised) {
            return None;
        }
        let words: Vec<&str> = (first..=last).filter_map(|i| self.word(i)).collect();
        if !words.iter().any(|w| self.lexicon.is_role_start(w)) {
            return None;
        }
        let past = (walked..=last)
            .filter_map(|i| self.word(i))
            .any(|w| self.lexicon.is_past(w));
        Some(FoundTitle {
            range: self.tokens[first].range.start..self.tokens[last].range.end,
            past,
        })
    }

    /// Whether the words from token `first` to a name, though they hold a
    /// role, are no title of that name: a common noun, a predicate of
    /// someone before, or a title cut short.
    fn is_no_title_of_the_name(&self, first: usize, head_capitalised: bool) -> bool {
        // "the third US President Merkel has met", "a US President": a
        // counted or indefinite role is a common noun, not a title.
        let counted = self.word(first).is_some_and(is_ordinal)
            || first
                .checked_sub(1)
                .and_then(|i| self.word(i))
                .is_some_and(|w| is_ordinal(w) || INDEFINITE.contains(&base(w).as_ref()));
        // "confirmed Jeff Sessions as attorney general", "lined up for Labor
        // secretary": a lower-case title after "as" or "for" is what someone
        // before it is or becomes, not the title of the name after it.
        let predicate = !head_capitalised
            && first
                .checked_sub(1)
                .and_then(|i| self.word(i))
                .is_some_and(|w| matches!(base(w).as_ref(), "as" | "for"));
        // "Russian first deputy foreign minister Vladimir Titov": a
        // lower-case title stopped by a lower-case word the knowledge does
        // not know is cut short of its qualifiers ("foreign"), so it could
        // be any minister's. Doubtful: no title.
        let cut_short = !head_capitalised
            && first.checked_sub(1).and_then(|i| self.word(i)).is_some_and(|w| {
                let lower = base(w);
                !is_capitalised(w)
                    && !self.lexicon.titles.is_ignored(&lower)
                    && !CAPITALISED_FUNCTION_WORDS.contains(&lower.as_ref())
                    && !SENTENCE_OPENERS.contains(&lower.as_ref())
                    && !matches!(lower.as_ref(), "as" | "for" | "by" | "with" | "from" | "said" | "says")
            });
        counted || predicate || cut_short
    }

    /// Whether the words from token `from` to the name at `name` are a title
    /// of their own: a role among them, and no "of" that would make them
    /// part of a longer title ("Chief of Staff of the President of
    /// Kazakhstan").
    fn owner_follows(&self, from: usize, name: usize) -> bool {
        let words = || (from..name).filter_map(|j| self.word(j));
        words().any(|w| self.lexicon.is_role_start(w)) && !words().any(|w| base(w) == "of")
    }

    /// Titles in apposition after the name ending before token `after`.
    pub fn after(&self, after: usize) -> Vec<FoundTitle> {
        let mut found = Vec::new();
        let mut at = after;
        for _ in 0..3 {
            if self.punct(at) != Some(',') {
                break;
            }
            let start = at + 1;
            let end = self.segment_end(start);
            if (start..end).any(|i| (self.in_name)(i)) {
                break;
            }
            match self.appositive(start, end) {
                // "Ruddock, the Foreign Minister, Alexander Downer, and …" is
                // a list: the title belongs to the name after it.
                Some(_) if self.punct(end) == Some(',') && self.starts_with_name(end + 1) => break,
                Some(title) => found.push(title),
                // Go on past a descriptive segment ("upper house of the Kazakh
                // Parliament"), not past a clause ("attended the meeting").
                None if !self.is_descriptive(start, end) => break,
                None => {}
            }
            at = end;
        }
        found
    }

    /// Where the comma-separated segment starting at `start` ends: the next
    /// comma or sentence punctuation outside parentheses.
    fn segment_end(&self, start: usize) -> usize {
        let mut depth = 0usize;
        let mut i = start;
        while let Some(token) = self.tokens.get(i) {
            match token.kind {
                TokenKind::Punct('(') => depth += 1,
                TokenKind::Punct(')') if depth > 0 => depth -= 1,
                TokenKind::Break => return i,
                TokenKind::Punct(c)
                    if depth == 0 && matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '"' | '“' | '”' | ')') =>
                {
                    return i;
                }
                _ => {}
            }
            i += 1;
        }
        i
    }

    /// Whether a person's name starts at token `at`.
    fn starts_with_name(&self, at: usize) -> bool {
        (self.in_name)(at) || self.unknown_name_at(at).is_some()
    }

    /// Whether every lower-case word of the segment is a title word or a
    /// filler: a noun phrase about the person or their office, not a clause.
    fn is_descriptive(&self, start: usize, end: usize) -> bool {
        (start..end)
            .filter_map(|i| self.word(i))
            .all(|w| is_capitalised(w) || self.lexicon.is_title_word(w) || self.lexicon.titles.is_ignored(&base(w)))
    }

    fn appositive(&self, start: usize, end: usize) -> Option<FoundTitle> {
        let mut first = start;
        while first < end
            && self
                .word(first)
                .is_some_and(|w| APPOSITION_FILLERS.contains(&base(w).as_ref()))
        {
            first += 1;
        }
        // A role, or a country or demonym and a role within three words.
        let opens = (first..end.min(first + 3))
            .take_while(|&i| self.word(i).is_some_and(|w| self.lexicon.is_title_word(w)))
            .any(|i| self.word(i).is_some_and(|w| self.lexicon.is_role_start(w)));
        if !opens {
            return None;
        }
        // The title runs while words are title words, capitalised (names of
        // bodies) or fillers; an ordinary lower-case word ends it.
        let mut last = first;
        let mut i = first;
        let mut depth = 0usize;
        let mut seen_role = false;
        // Whether the phrase goes on past the title with an ordinary word.
        let mut goes_on = false;
        while i < end {
            match self.tokens[i].kind {
                TokenKind::Punct('(') => depth += 1,
                TokenKind::Punct(')') => depth = depth.saturating_sub(1),
                TokenKind::Word if depth > 0 => {}
                TokenKind::Word => {
                    let word = &self.text[self.tokens[i].range.clone()];
                    // "President Trump's nominee": a possessive after the
                    // role owns what follows; the phrase is about someone
                    // else. Doubtful: no title.
                    if seen_role && without_possessive(word) != word && !self.lexicon.is_title_word(word) {
                        return None;
                    }
                    // "Spicer, President Trump had …": a name right after a
                    // role is another person with their title.
                    if self
                        .word(i.wrapping_sub(1))
                        .is_some_and(|w| self.lexicon.is_role_start(w))
                        && self.lexicon.is_name_like(word)
                    {
                        return None;
                    }
                    seen_role |= self.lexicon.is_role_start(word);
                    let fits = is_capitalised(word)
                        || self.lexicon.is_title_word(word)
                        || self.lexicon.titles.is_ignored(&base(word));
                    if !fits {
                        goes_on = true;
                        break;
                    }
                }
                _ => {}
            }
            if depth == 0 {
                last = i;
            }
            i += 1;
        }
        // Do not end on a filler ("chair of the"), nor, when the phrase goes
        // on, on lower-case words of another noun phrase ("the US
        // ambassador to the world body" is an ambassador, not of a world).
        while last > first
            && self.word(last).is_some_and(|w| {
                self.lexicon.titles.is_ignored(&base(w))
                    || (goes_on && !is_capitalised(w) && !self.lexicon.is_role_start(w))
            })
        {
            last -= 1;
        }
        // "Chairman of the Hadonggan People's Federation An Husai": a name
        // run straight after a capitalised body name is another person, and
        // the segment is that person's title, not this one's. Doubtful: skip.
        let name_like = |i: usize| {
            self.word(i)
                .is_some_and(|w| is_capitalised(w) && !self.lexicon.is_title_word(w))
        };
        let tail = (first..=last).rev().take_while(|&i| name_like(i)).count();
        let before_tail = (last + 1).checked_sub(tail + 1).filter(|&i| i >= first);
        let glued = before_tail
            .and_then(|i| self.word(i))
            .is_some_and(|w| is_capitalised(w) && !self.lexicon.titles.is_ignored(&base(w)));
        if tail > 3 || (tail >= 2 && glued) {
            return None;
        }
        let words: Vec<&str> = (first..=last).filter_map(|i| self.word(i)).collect();
        Some(FoundTitle {
            range: self.tokens[first].range.start..self.tokens[last].range.end,
            past: words.iter().any(|w| self.lexicon.is_past(w)),
        })
    }

    /// A name the knowledge does not know, right after a title ending before
    /// token `at`: two or three name-like words followed by something that is
    /// not one. Returns the token range of the name.
    pub fn unknown_name_at(&self, at: usize) -> Option<Range<usize>> {
        let mut end = at;
        while end < at + 4 && self.word(end).is_some_and(|w| self.lexicon.is_name_like(w)) && !(self.in_name)(end) {
            end += 1;
        }
        let len = end - at;
        if !(2..=3).contains(&len) || self.word(end).is_some_and(is_capitalised) {
            return None;
        }
        Some(at..end)
    }

    /// A name the knowledge does not know, ending right before the comma at
    /// token `comma`: two or three name-like words after a boundary.
    pub fn unknown_name_before_comma(&self, comma: usize) -> Option<Range<usize>> {
        if self.punct(comma) != Some(',') {
            return None;
        }
        let mut start = comma;
        while start > 0
            && comma - start < 4
            && self.word(start - 1).is_some_and(|w| self.lexicon.is_name_like(w))
            && !(self.in_name)(start - 1)
        {
            start -= 1;
        }
        let len = comma - start;
        let bounded = start == 0 || self.word(start - 1).is_none_or(|w| !is_capitalised(w));
        ((2..=3).contains(&len) && bounded).then_some(start..comma)
    }

    /// The parts of a compound title ("Secretary of the Provincial Party
    /// Committee and Governor of Zhejiang Province"), split at an "and"
    /// that a role follows, so each part is judged and labelled on its own.
    pub fn compound_parts(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let first = self.token_at(range.start);
        let end = self.token_at(range.end);
        let mut parts = Vec::new();
        let mut start = range.start;
        let mut seen_role = false;
        for i in first..end {
            let Some(word) = self.word(i) else { continue };
            if self.lexicon.is_role_start(word) {
                seen_role = true;
            }
            let splits = base(word) == "and"
                && seen_role
                && self.word(i + 1).is_some_and(|w| self.lexicon.is_role_start(w))
                && i + 1 < end;
            if splits && let Some(previous) = i.checked_sub(1) {
                parts.push(start..self.tokens[previous].range.end);
                start = self.tokens[i + 1].range.start;
                seen_role = false;
            }
        }
        parts.push(start..range.end);
        parts
    }

    pub fn range_of(&self, tokens: Range<usize>) -> Range<usize> {
        self.tokens[tokens.start].range.start..self.tokens[tokens.end - 1].range.end
    }
}
