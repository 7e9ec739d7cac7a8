//! Sentences and tense: whether the sentence around a date tells a past
//! event ("met", "was held") or a future one ("will meet", "is due to").
//!
//! Deliberately simple and cautious: a sentence counts as past only when it
//! has a past-tense marker and no future marker, so a date in a sentence that
//! mixes them is never judged.

use std::ops::Range;

use crate::text::calendar;

/// Words ending in a period that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "st",
    "no", "gen", "gov", "sen", "rep", "lt", "col", "inc", "ltd", "co", "vs", "etc", "u.s", "u.n", "e.g", "i.e",
];

const PAST: &[&str] = &[
    "said",
    "met",
    "signed",
    "held",
    "took place",
    "visited",
    "opened",
    "closed",
    "announced",
    "agreed",
    "attended",
    "arrived",
    "elected",
    "launched",
    "discussed",
    "paid",
    "co-chaired",
    "chaired",
    "reported",
    "told",
    "noted",
    "expressed",
    "stressed",
    "emphasized",
    "emphasised",
    "hosted",
    "completed",
    "ended",
    "began",
    "started",
    "was",
    "were",
    "had",
    "did",
    "gathered",
    "addressed",
    "praised",
    "welcomed",
    "adopted",
    "approved",
    "confirmed",
];

const FUTURE: &[&str] = &[
    "will",
    "would",
    "shall",
    "'ll",
    "is due",
    "are due",
    "is scheduled",
    "are scheduled",
    "is expected",
    "are expected",
    "is set to",
    "are set to",
    "to be held",
    "plans to",
    "planned",
    "plan to",
    "next",
    "upcoming",
    "ahead of",
    "is to",
    "are to",
    "coming",
    "due to",
    "intends",
    "expects",
    "preparing",
    "preparations",
    "willing to",
    "hopes to",
    "hope to",
    "aims to",
    "aim to",
    "wants to",
    "want to",
    "to attend",
    "to visit",
    "to meet",
    "to hold",
    "to sign",
    "invited",
];

/// The sentence of the prose that contains `at`: from after the previous
/// sentence end (or paragraph break) to the next one. Works on bytes and
/// only ever slices at ASCII bytes, so any text is safe. `prose` is an
/// article's prose mask and `text` its source, where paragraph breaks are
/// read (the mask blanks them with the markup around them).
pub fn sentence(prose: &str, text: &str, at: usize) -> Range<usize> {
    let text = text.as_bytes();
    let at = at.min(prose.len());
    let mut start = at;
    while start > 0 && !(is_sentence_end(prose, start - 1) || is_paragraph_break(text, start - 1)) {
        start -= 1;
    }
    let mut end = at;
    while end < prose.len() {
        let stop = is_sentence_end(prose, end) || is_paragraph_break(text, end);
        end += 1;
        if stop {
            break;
        }
    }
    while start < prose.len() && (!prose.is_char_boundary(start) || prose.as_bytes()[start] == b' ') {
        start += 1;
    }
    let end = prose.ceil_char_boundary(end);
    start..end.max(start)
}

/// Every sentence end and paragraph break of an article, found once, so
/// that [`SentenceIndex::sentence`] is a binary search: asked for every
/// date and title, [`sentence`]'s walk made a long run of text without a
/// sentence end cost the square of its length.
#[derive(Debug, Default)]
pub struct SentenceIndex {
    /// The offsets where [`sentence`] stops: the last byte of each
    /// sentence end, and each paragraph-breaking line feed, in order.
    stops: Vec<usize>,
}

impl SentenceIndex {
    pub fn new(prose: &str, text: &str) -> SentenceIndex {
        let bytes = prose.as_bytes();
        let text_bytes = text.as_bytes();
        let candidates = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
            .chain(memchr::memchr3_iter(b'"', b'\'', b')', bytes))
            // The last byte of `”`, `’` and `»`.
            .chain(memchr::memchr2_iter(0x9d, 0x99, bytes))
            .chain(memchr::memchr_iter(0xbb, bytes))
            .chain(memchr::memchr_iter(b'\n', text_bytes));
        let mut stops: Vec<usize> = candidates
            .filter(|&i| i < bytes.len() && (is_sentence_end(prose, i) || is_paragraph_break(text_bytes, i)))
            .collect();
        stops.sort_unstable();
        stops.dedup();
        SentenceIndex { stops }
    }

    /// [`sentence`], looked up: the same range for every `at`.
    pub fn sentence(&self, prose: &str, at: usize) -> Range<usize> {
        let at = at.min(prose.len());
        let first_after = self.stops.partition_point(|&stop| stop < at);
        let mut start = first_after.checked_sub(1).map_or(0, |i| self.stops[i] + 1);
        let end = self.stops.get(first_after).map_or(prose.len(), |&stop| stop + 1);
        while start < prose.len() && (!prose.is_char_boundary(start) || prose.as_bytes()[start] == b' ') {
            start += 1;
        }
        let end = prose.ceil_char_boundary(end);
        start..end.max(start)
    }
}

/// How far either side of a mention its sentence is read. News sentences
/// run to a few hundred bytes; a run of text longer than this without a
/// sentence end is a table, a list or a feed, where the nearest words
/// decide, and reading the whole run for each of its mentions made a long
/// one cost its length squared.
pub const MAX_SENTENCE_BYTES: usize = 1000;

/// The part of `sentence` (a range of `text`) at most
/// [`MAX_SENTENCE_BYTES`] either side of `mention`, on char boundaries.
pub fn near(text: &str, sentence: Range<usize>, mention: Range<usize>) -> Range<usize> {
    let start = text.ceil_char_boundary(sentence.start.max(mention.start.saturating_sub(MAX_SENTENCE_BYTES)));
    let end = text.floor_char_boundary(sentence.end.min(mention.end.saturating_add(MAX_SENTENCE_BYTES)));
    start.min(end)..end
}

/// Whether `text[i]` is the line feed that ends a blank line.
fn is_paragraph_break(text: &[u8], i: usize) -> bool {
    if text.get(i) != Some(&b'\n') {
        return false;
    }
    text[..i].iter().rev().find(|b| !matches!(b, b' ' | b'\t' | b'\r')) == Some(&b'\n')
}

/// Closing quotation marks and brackets that may follow a sentence's
/// last stop (`… project.”`, `‘the new cotton.’`, `(… 2019.)`), as bytes.
const CLOSERS: &[&[u8]] = &[b"\"", b"'", b")", "”".as_bytes(), "’".as_bytes(), "»".as_bytes()];

/// Whether the byte at `i` ends a sentence: `.`, `!` or `?` followed by a
/// space, and not the period of an abbreviation ("Nov. 27"); or the last
/// byte of closing quotation marks or brackets right after such a stop
/// ("… the region’s project.” Vice President …": the next sentence starts
/// after the mark, not inside the quotation's).
fn is_sentence_end(prose: &str, i: usize) -> bool {
    let bytes = prose.as_bytes();
    if !matches!(bytes.get(i + 1), Some(b' ') | None) || i >= bytes.len() {
        return false;
    }
    // Walk back over the closing marks (a few at most: `.’”`).
    let mut i = i + 1;
    for _ in 0..3 {
        match CLOSERS.iter().find(|c| bytes[..i].ends_with(c)) {
            Some(closer) => i -= closer.len(),
            None => break,
        }
    }
    let Some(i) = i.checked_sub(1) else {
        return false;
    };
    if !matches!(bytes.get(i), Some(b'.' | b'!' | b'?')) {
        return false;
    }
    if bytes[i] != b'.' {
        return true;
    }
    // `i` holds an ASCII byte, so it is a char boundary.
    let before = prose.get(..i).unwrap_or("");
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = before.get(word_start..).unwrap_or("").to_ascii_lowercase();
    !(ABBREVIATIONS.contains(&word.as_str()) || word.len() == 1)
}

/// How a sentence tells its events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tense {
    /// The past-tense word that decided it.
    Past(String),
    Future,
    Unknown,
}

/// Whether `phrase` (words joined by single spaces) starts at word `at`.
fn phrase_at(words: &[&str], at: usize, phrase: &str) -> bool {
    let mut rest = words.get(at..).unwrap_or_default().iter();
    phrase.split(' ').all(|part| rest.next() == Some(&part))
}

fn has_phrase(words: &[&str], phrase: &str) -> bool {
    (0..words.len()).any(|at| phrase_at(words, at, phrase))
}

/// `text` in lower case with typographic apostrophes made plain.
fn folded(text: &str) -> String {
    text.to_lowercase().replace('’', "'")
}

/// The words of folded text: letters, digits, apostrophes and hyphens.
fn words_of(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a future marker ("will", "is due", "'ll" …) is among `words`.
fn has_future(lower: &str, words: &[&str]) -> bool {
    FUTURE
        .iter()
        .any(|marker| has_phrase(words, marker) || (marker.starts_with('\'') && lower.contains(marker)))
}

/// Whether `text` tells the future with a modal or a fixed phrase ("will",
/// "would", "is due to"), not with a looser marker ("plans", "next").
pub fn has_modal_future(text: &str) -> bool {
    const MODAL_FUTURE: &[&str] = &[
        "will",
        "would",
        "shall",
        "is due to",
        "are due to",
        "is set to",
        "are set to",
        "is expected to",
        "are expected to",
    ];
    let lower = folded(text);
    let words = words_of(&lower);
    lower.contains("'ll ") || MODAL_FUTURE.iter().any(|marker| has_phrase(&words, marker))
}

/// The tense of the sentence `text`.
pub fn tense(text: &str) -> Tense {
    let lower = folded(text);
    let words = words_of(&lower);
    if has_future(&lower, &words) {
        return Tense::Future;
    }
    match PAST.iter().find(|marker| has_phrase(&words, marker)) {
        Some(marker) => Tense::Past((*marker).to_string()),
        None => Tense::Unknown,
    }
}

/// Words that open a clause of their own: a date after one belongs to that
/// clause, not to the verb before it ("the ministry said that the talks end
/// on Feb. 20").
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "if", "unless", "before", "after",
    "until", "once", "whether", "although", "though",
];

/// Where the clause that holds `at` starts, within `sentence` (a range of
/// `prose`): after the nearest clause punctuation (`,` `;` `:` brackets,
/// quotation marks, dashes) or clause-opening word before `at`.
/// How far back a clause is looked for: a clause that tells a date or a
/// title starts at most this many words (and bytes) before it. News
/// sentences run to 20–30 words; a run of text longer than this without a
/// clause break is a table or a list, where the nearest words decide, and
/// looking further made each of its dates cost the run's length.
pub const MAX_CLAUSE_WORDS: usize = 40;
const MAX_CLAUSE_BYTES: usize = 400;

/// [`clause_start`], looking back at most [`MAX_CLAUSE_WORDS`] words: where
/// that cuts the sentence, the result is the cut.
pub fn clause_start_near(prose: &str, sentence: Range<usize>, at: usize) -> usize {
    let bytes = prose.as_bytes();
    let floor = sentence.start.max(at.saturating_sub(MAX_CLAUSE_BYTES));
    let mut limit = at.min(bytes.len());
    let mut words = 0;
    while limit > floor {
        if bytes[limit - 1] == b' ' {
            words += 1;
            if words > MAX_CLAUSE_WORDS {
                break;
            }
        }
        limit -= 1;
    }
    while !prose.is_char_boundary(limit) {
        limit += 1;
    }
    clause_start(prose, limit..sentence.end, at)
}

pub fn clause_start(prose: &str, sentence: Range<usize>, at: usize) -> usize {
    let start = sentence.start.min(at);
    let Some(before) = prose.get(start..at) else {
        return at;
    };
    let mut word_end = before.len();
    for (i, c) in before.char_indices().rev() {
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '–' | '—') {
            return start + i + c.len_utf8();
        }
        if c.is_whitespace() {
            let word = before[i + c.len_utf8()..word_end].trim_matches(|c: char| !c.is_alphanumeric());
            if CLAUSE_OPENERS.contains(&word.to_lowercase().as_str()) {
                return start + word_end;
            }
            word_end = i;
        }
    }
    let word = before[..word_end].trim_matches(|c: char| !c.is_alphanumeric());
    if CLAUSE_OPENERS.contains(&word.to_lowercase().as_str()) {
        return start + word_end;
    }
    start
}

/// Words before a past-tense form that make it no finite past verb: "are
/// being held", "be held", "to be elected", "has been closed" stays past
/// through "has".
const NOT_FINITE_BEFORE: &[&str] = &[
    "be", "being", "is", "are", "am", "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall",
];

/// Words after "to" that make it a preposition, not an infinitive ("added
/// to this article").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "some",
    "all", "each", "every", "any", "no",
];

/// Modal verbs: a date after one is told as possible or to come.
const MODALS: &[&str] = &[
    "will", "would", "may", "might", "can", "could", "must", "should", "shall",
];

/// The finite past-tense verb of a clause's words before a date (`text`),
/// if it tells a past event: none when the clause has a future marker, when
/// the past form is a participle after `be` or a modal ("are being held",
/// "may be made"), or when the verb hands the date to an infinitive after it
/// ("agreed to hear the case on", "had intended to stage a march on").
pub fn finite_past(text: &str) -> Option<String> {
    let lower = folded(text);
    let words = words_of(&lower);
    if has_future(&lower, &words) {
        return None;
    }
    // Whether an infinitive or a modal comes after word `i`: worked out
    // once from the end, not by reading the rest of the text for each verb.
    let mut takes_over_after = vec![false; words.len() + 1];
    for i in (0..words.len()).rev() {
        let infinitive = words[i] == "to"
            && words
                .get(i + 1)
                .is_some_and(|w| w.chars().all(char::is_alphabetic) && !DETERMINERS.contains(w));
        takes_over_after[i] = takes_over_after[i + 1] || infinitive || MODALS.contains(&words[i]);
    }
    let mut found = None;
    for i in 0..words.len() {
        let Some(marker) = PAST.iter().find(|m| phrase_at(&words, i, m)) else {
            continue;
        };
        let before = i.checked_sub(1).and_then(|b| words.get(b));
        if before.is_some_and(|b| NOT_FINITE_BEFORE.contains(b)) {
            continue;
        }
        // An infinitive or a modal after the verb takes the date: "agreed to
        // hear … on", "said the talks may take place on".
        if takes_over_after[i + 1] {
            return None;
        }
        found = Some((*marker).to_string());
    }
    found
}

/// Common irregular past forms that the PAST list and the "-ed" rule do
/// not cover.
const IRREGULAR_PAST: &[&str] = &[
    "became",
    "began",
    "brought",
    "came",
    "chose",
    "cut",
    "drew",
    "fell",
    "felt",
    "fought",
    "found",
    "gave",
    "got",
    "grew",
    "heard",
    "hit",
    "kept",
    "knew",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "put",
    "ran",
    "rose",
    "sat",
    "saw",
    "sent",
    "set",
    "shot",
    "sought",
    "spoke",
    "stood",
    "struck",
    "thought",
    "took",
    "threw",
    "understood",
    "went",
    "won",
    "wrote",
    "withdrew",
];

/// Whether the sentence `text` tells something in the past tense: a past
/// marker ("met", "was", "had"), an irregular past form, or a lower-case
/// word in "-ed" ("appointed", "allowed"); verbs of speech ("said",
/// "told") report the day's statements and do not count. Broad on purpose: the title
/// checks use it to leave alone a past office named in a past event, and a
/// wrong "past" only makes them quieter.
pub fn has_past(text: &str) -> bool {
    let lower = folded(text);
    let words = words_of(&lower);
    let original = words_of(text);
    words.iter().zip(&original).enumerate().any(|(i, (word, as_written))| {
        // "is invited", "are expected": a participle after a present form
        // of "be" is present.
        let before = i.checked_sub(1).and_then(|b| words.get(b));
        let after_present_be = before.is_some_and(|b| matches!(*b, "is" | "are" | "am" | "be" | "being"));
        // "has signed", "have also met", "has not been": the present
        // perfect tells of now ("had signed" is past).
        let perfect = |at: Option<usize>| {
            at.and_then(|b| words.get(b))
                .is_some_and(|b| matches!(*b, "has" | "have"))
        };
        let adverb = before.is_some_and(|b| PERFECT_ADVERBS.contains(b) || (b.len() > 4 && b.ends_with("ly")));
        let present_perfect = perfect(i.checked_sub(1)) || (adverb && perfect(i.checked_sub(2)));
        // "the failed push", "a planned visit", "its proposed budget": an
        // "-ed" word right after an article or a possessive is an
        // adjective, not a verb (pronouns that can be subjects, "this",
        // "that", "her", are not among these).
        let attributive = before.is_some_and(|b| ATTRIBUTIVE_BEFORE.contains(b));
        !REPORTING.contains(word)
            && !after_present_be
            && !present_perfect
            && (PAST.contains(word)
                || IRREGULAR_PAST.contains(word)
                || (word.len() >= 5
                    && word.ends_with("ed")
                    && !word.ends_with("eed")
                    && !attributive
                    && as_written.chars().next().is_some_and(char::is_lowercase)))
    })
}

/// Words that stand between "has" and its participle ("has also signed",
/// "has not met"), besides adverbs in "-ly".
const PERFECT_ADVERBS: &[&str] = &[
    "also",
    "already",
    "not",
    "just",
    "now",
    "never",
    "since",
    "long",
    "yet",
    "repeatedly",
];

/// Words after which an "-ed" form is an adjective before its noun ("the
/// failed push"): articles and the possessives that are never subjects.
const ATTRIBUTIVE_BEFORE: &[&str] = &["the", "a", "an", "his", "its", "their", "our", "my", "your"];

/// Verbs that report speech: news tells the statements of its day in the
/// past tense ("Kerry said"), so they date nothing to an earlier time.
const REPORTING: &[&str] = &[
    "said",
    "told",
    "added",
    "noted",
    "stressed",
    "warned",
    "urged",
    "announced",
    "wrote",
    "tweeted",
    "asked",
    "replied",
    "explained",
    "argued",
    "insisted",
    "claimed",
    "stated",
    "reported",
    "emphasized",
    "emphasised",
    "expressed",
    "confirmed",
    "acknowledged",
    "responded",
    "commented",
    "remarked",
    "declared",
    "defended",
    "denied",
    "rejected",
    "dismissed",
    "criticised",
    "criticized",
    "condemned",
    "praised",
    "welcomed",
    "vowed",
    "pledged",
    "promised",
    "suggested",
    "admitted",
];

/// Whether the clause `text` has a verb in the present tense that says so
/// ("is", "has", "says"): what it tells holds now.
pub fn has_present(text: &str) -> bool {
    const PRESENT: &[&str] = &[
        "is", "are", "am", "has", "have", "does", "says", "say", "remains", "remain",
    ];
    let lower = folded(text);
    words_of(&lower).iter().any(|w| PRESENT.contains(w))
}

/// Words that date a sentence to the days around its article: "on
/// Monday", "today", "this week".
const RECENT: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "this week",
    "this morning",
    "this afternoon",
    "this evening",
    "last night",
    "earlier this week",
    "this weekend",
];

/// Whether the sentence `text` dates what it tells to the days of its
/// article: a weekday or a word such as "today" or "this week", or one of
/// them owning a noun ("Monday's vote").
pub fn is_recent(text: &str) -> bool {
    let lower = folded(text);
    // "Sunday's protests", "today's briefing", "yesterday's vote": a day
    // owning what it tells dates it as well as "on Sunday".
    let words: Vec<&str> = words_of(&lower)
        .into_iter()
        .map(|w| w.strip_suffix("'s").unwrap_or(w))
        .collect();
    words.iter().any(|w| calendar::weekday_named(w).is_some()) || RECENT.iter().any(|phrase| has_phrase(&words, phrase))
}

/// Whether the sentence `text` names a year before `year` ("in 2011", "the
/// 2013 attack", "last year"): what it tells is dated, and not to its
/// article's days.
pub fn names_earlier_year(text: &str, year: i32) -> bool {
    let lower = folded(text);
    if has_phrase(&words_of(&lower), "last year") {
        return true;
    }
    words_of(text).iter().any(|w| {
        w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.parse::<i32>().is_ok_and(|y| y < year)
    })
}

/// Whether the sentence `text` opens with a date of a year before `year`
/// ("In June 2013, …", "On Aug. 21, 2013, …", "By 2014, …"): the opening
/// phrase, up to its comma, dates what the sentence tells.
pub fn opens_with_earlier_date(text: &str, year: i32) -> bool {
    let text = text.trim_start();
    // The opener ends at the first comma not followed by a number ("Aug.
    // 21, 2013," is one date).
    let end = text
        .match_indices(',')
        .map(|(i, _)| i)
        .find(|&i| !text[i + 1..].trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(text.len());
    let opener = &text[..end];
    if opener.len() > 40 {
        return false;
    }
    let lower = folded(opener);
    let words = words_of(&lower);
    matches!(words.first(), Some(&("in" | "on" | "by"))) && names_earlier_year(opener, year)
}

/// Whether `text` holds a blank line (a paragraph break).
pub fn has_paragraph_break(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|i| is_paragraph_break(bytes, i))
}

/// Counts that make "years" a span ("seven years", "many decades").
const YEAR_COUNTS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
    "thirty", "forty", "fifty", "several", "many", "few",
];

/// Whether the sentence `text` tells a span of years reaching back from its
/// day ("seven years of efforts", "for eight years", "two decades ago",
/// "over the past five years"): what it tells reaches years before its
/// article's days, so an office named in it may be of that time. A span to
/// come ("in two years", "within five years") or an age ("50 years of
/// age", "70-year-old") is none.
pub fn spans_years_back(text: &str) -> bool {
    let lower = folded(text);
    let words = words_of(&lower);
    (1..words.len()).any(|i| {
        if !matches!(words[i], "years" | "decades") {
            return false;
        }
        let count = words[i - 1];
        if !(YEAR_COUNTS.contains(&count) || count.bytes().all(|b| b.is_ascii_digit())) {
            return false;
        }
        let next = words.get(i + 1).copied();
        let before_count = i.checked_sub(2).map(|b| words[b]);
        let before_that = i.checked_sub(3).map(|b| words[b]);
        next == Some("ago")
            || (next == Some("of") && words.get(i + 2) != Some(&"age"))
            || matches!(before_count, Some("for" | "over"))
            || (matches!(before_count, Some("past" | "last"))
                && matches!(before_that, Some("the" | "for" | "over" | "in")))
    })
}

/// The longest line read as a headline: headlines run to a dozen words.
const MAX_HEADLINE_BYTES: usize = 300;

/// Whether the line holding byte `at` of `text` is a headline in title
/// case ("Germany Schools President Donald Trump On What Security Means"):
/// a paragraph of one line, three or more words of four letters or more,
/// every one capitalised, and no sentence end. Headline case capitalises
/// verbs and nouns alike, so its words say nothing of which are titles or
/// names. (A line of a wrapped paragraph is no headline, however many
/// names it holds.)
pub fn in_title_case_line(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    // A headline is short; a long line is prose, and only the bytes a
    // headline could span are looked at, not the whole line for every
    // title in it.
    let from = at.saturating_sub(MAX_HEADLINE_BYTES + 1);
    let start = match memchr::memrchr(b'\n', &bytes[from..at]) {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let to = (at + MAX_HEADLINE_BYTES + 1).min(bytes.len());
    let end = match memchr::memchr(b'\n', &bytes[at..to]) {
        Some(i) => at + i,
        None if to == bytes.len() => bytes.len(),
        None => return false,
    };
    if end - start > MAX_HEADLINE_BYTES {
        return false;
    }
    let Some(line) = text.get(start..end) else {
        return false;
    };
    let blank = |line: Option<&str>| line.is_none_or(|l| l.trim().is_empty());
    let previous = start.checked_sub(1).map(|e| {
        let s = bytes[..e].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        &text[s..e]
    });
    // The line before may be the header ("date 2017-03-19").
    let after_header = previous.is_some_and(|l| l.starts_with("date ")) && start == previous.map_or(0, str::len) + 1;
    let next = (end < bytes.len()).then(|| {
        let e = bytes[end + 1..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| end + 1 + i);
        &text[end + 1..e]
    });
    if !((blank(previous) || after_header) && blank(next)) {
        return false;
    }
    let line = line.trim_end();
    if line.ends_with(['.', '!', '?', ':', ';', ',']) {
        return false;
    }
    let long: Vec<&str> = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .collect();
    long.len() >= 3 && long.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_and_future() {
        assert_eq!(tense("Ding met Tokayev on Dec. 5."), Tense::Past("met".into()));
        assert_eq!(tense("The forum was held on Dec. 5."), Tense::Past("held".into()));
        assert_eq!(tense("Ding will meet Tokayev on Dec. 5."), Tense::Future);
        assert_eq!(tense("The forum is due to open on Dec. 5."), Tense::Future);
        assert_eq!(tense("Tokayev said the forum is scheduled for Dec. 5."), Tense::Future);
        assert_eq!(tense("A forum on Dec. 5."), Tense::Unknown);
    }

    #[test]
    fn past_recent_and_dated_sentences() {
        assert!(has_past("President Obama nominated Garland."));
        assert!(has_past("who was appointed by President Barack Obama"));
        assert!(has_past(
            "Interior Minister Bernard Cazeneuve cut short a trip on Thursday."
        ));
        assert!(!has_past("The United States President says so."));
        assert!(!has_past("Prime Minister David Cameron speaks in Parliament."));
        assert!(!has_past("Secretary of State John Kerry said the talks go well."));
        assert!(!has_past("Home Secretary Amber Rudd is invited to attend."));
        // An "-ed" adjective after an article or a possessive is no verb;
        // after a pronoun that can be a subject it is.
        assert!(!has_past(
            "Threats to President Trump's standing threaten to make the failed push look easy."
        ));
        assert!(!has_past(
            "Minister Wang Yi discusses a planned visit and their proposed budget."
        ));
        assert!(has_past("This included a visit by President Obama."));
        // The present perfect is the present; the past perfect is past.
        assert!(!has_past("Foreign Minister Wang Yi has signed the deal."));
        assert!(!has_past("Governor Wang Hao has also visited the port."));
        assert!(!has_past("The minister has repeatedly met them."));
        assert!(has_past("Governor Wang Hao had visited the port."));
        assert!(has_past("The plan that failed was President Obama's."));
        assert!(names_earlier_year("the nomination of Merrick Garland last year", 2017));
        assert!(is_recent("Cazeneuve cut short a trip on Thursday."));
        assert!(is_recent("He said this week that it would."));
        assert!(is_recent("Sunday's protests were the largest in years."));
        assert!(is_recent("He spoke at today’s briefing."));
        assert!(!is_recent("The Sundays of his youth were quiet."));
        assert!(!is_recent("He said in 2011 that it would."));
        assert!(names_earlier_year("Obama suspended the program in 2011.", 2017));
        assert!(!names_earlier_year("Obama suspended the program in 2017.", 2017));
        assert!(!names_earlier_year("It cost 2,013 dollars.", 2017));
        // A span of years reaching back; one to come, or an age, is none.
        for back in [
            "Seven years of efforts to eradicate President Obama's law ended Friday.",
            "He led the party for 12 years.",
            "It opened two decades ago.",
            "Over the past five years the city grew.",
        ] {
            assert!(spans_years_back(back), "{back}");
        }
        for not_back in [
            "The plant will open in two years.",
            "The 70-year-old president spoke.",
            "A man 50 years of age was hurt.",
            "Tokayev said on Monday that it takes years.",
        ] {
            assert!(!spans_years_back(not_back), "{not_back}");
        }
    }

    #[test]
    fn sentences_that_open_with_an_earlier_date() {
        assert!(opens_with_earlier_date("In June 2013, the White House says so.", 2017));
        assert!(opens_with_earlier_date(" On Aug. 21, 2013, rockets hit Ghouta.", 2017));
        assert!(!opens_with_earlier_date("In June 2017, the White House says so.", 2017));
        assert!(!opens_with_earlier_date(
            "The White House said in 2013 that it knew.",
            2017
        ));
        assert!(!opens_with_earlier_date(
            "In a long statement on its plans for the years after 2013, it says.",
            2017
        ));
    }

    #[test]
    fn title_case_headlines() {
        let text = "Germany Schools President Donald Trump On What Security Means\n\nPresident Trump said so.";
        assert!(in_title_case_line(text, 10));
        assert!(!in_title_case_line(text, text.find("said").unwrap()));
        assert!(!in_title_case_line("Kazakh President meets Chinese Vice Premier", 3));
        // A line of a wrapped paragraph is no headline.
        let wrapped = "held on Tuesday, co-chaired by Chinese\nPremier Ding Xuexiang and Kazakh First Deputy Prime Minister Roman\nSklyar.";
        assert!(!in_title_case_line(wrapped, wrapped.find("Kazakh").unwrap()));
        let dated = "date 2017-03-19\nGermany Schools President Donald Trump On Security\n\nText.";
        assert!(in_title_case_line(dated, dated.find("Schools").unwrap()));
    }

    #[test]
    fn sentences_do_not_end_at_month_abbreviations() {
        let text = "date 2023-11-28\nFirst one. They met on Nov. 27 in Astana. Then more.";
        let loaded = crate::article::parse(
            crate::model::span::FileId(0),
            std::path::Path::new("a.txt"),
            text.to_string(),
        );
        let article = loaded.article.unwrap();
        let at = text.find("Nov.").unwrap();
        assert_eq!(
            &text[sentence(&article.prose, &article.text, at)],
            "They met on Nov. 27 in Astana."
        );
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    /// The index gives [`sentence`]'s range at every offset of texts with
    /// every kind of stop: periods, closing quotes, abbreviations,
    /// paragraph breaks, multibyte text.
    #[test]
    fn the_index_agrees_with_the_walk_everywhere() {
        let texts = [
            "date 2023-10-19 ASTANA – “Quoted,” he said. Kazakh–Chinese ‘ties’ grew.\n\n“Next” para.",
            "date 2023-10-19\nHe called it “the best project.” Vice President Xi meets them. Li (as planned.) Then! Why? ok",
            "date 2023-11-28\nThey met on Nov. 27 in Astana. U.S. talks.\r\n\r\nNew paragraph’s end.’ » x",
            "",
            "no stop at all",
        ];
        for text in texts {
            let Some(article) = crate::article::parse(
                crate::model::span::FileId(0),
                std::path::Path::new("a.txt"),
                text.to_string(),
            )
            .article
            else {
                continue;
            };
            let index = SentenceIndex::new(&article.prose, &article.text);
            for at in 0..=text.len() + 2 {
                assert_eq!(
                    index.sentence(&article.prose, at),
                    sentence(&article.prose, &article.text, at),
                    "{text:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn a_sentence_ends_after_the_quotation_marks_that_close_it() {
        let text = "date 2023-10-19\nHe called it “the best project.” Vice President Xi meets them. \
                    Some call it ‘the new cotton.’ Li meets them (as planned.) Then “Why?” he asked.";
        let loaded = crate::article::parse(
            crate::model::span::FileId(0),
            std::path::Path::new("a.txt"),
            text.to_string(),
        );
        let article = loaded.article.unwrap();
        let at = |needle: &str| &text[sentence(&article.prose, &article.text, text.find(needle).unwrap())];
        assert_eq!(at("Xi"), "Vice President Xi meets them.");
        assert_eq!(at("best"), "He called it “the best project.”");
        assert_eq!(at("Li meets"), "Li meets them (as planned.)");
        assert_eq!(at("cotton"), "Some call it ‘the new cotton.’");
        // "Why?” he asked": a question quoted mid-sentence ends it too, as
        // a bare "?" before a lower-case word always has.
        assert_eq!(at("asked"), "he asked.");
    }

    #[test]
    fn sentences_in_multibyte_text_never_panic() {
        let text = "date 2023-10-19 ASTANA – “Quoted,” he said. Kazakh–Chinese ‘ties’ grew.\n\n“Next” para.";
        let loaded = crate::article::parse(
            crate::model::span::FileId(0),
            std::path::Path::new("a.txt"),
            text.to_string(),
        );
        let article = loaded.article.unwrap();
        for at in 0..=text.len() + 2 {
            let range = sentence(&article.prose, &article.text, at);
            assert!(text.get(range.clone()).is_some(), "{at}: {range:?}");
        }
    }
}
