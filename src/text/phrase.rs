//! One pass over an article for every name and term the rules know.
//!
//! All literal phrases of all checks go into a single Aho–Corasick automaton,
//! so the cost of matching grows with the article, not with the number of
//! rules. Each phrase remembers who asked for it (its owners) and how it must
//! match (case, whole word); the automaton itself matches ASCII
//! case-insensitively and overlapping, and the owners' conditions filter the
//! hits afterwards.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How one owner wants a phrase matched.
#[derive(Clone, Debug)]
struct Want<T> {
    owner: T,
    /// The order it was registered in: owners of one range are reported in
    /// that order, wherever their phrases are kept.
    seq: u32,
    /// The phrase as written, when case must match exactly.
    exact: Option<Box<str>>,
    whole_word: bool,
}

/// A phrase found in the text, for one of its owners.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit<T> {
    pub owner: T,
    pub range: Range<usize>,
}

/// Collects phrases; [`PhraseMatcherBuilder::build`] makes the automaton once.
pub struct PhraseMatcherBuilder<T> {
    index: HashMap<String, usize>,
    phrases: Vec<String>,
    wants: Vec<Vec<Want<T>>>,
    exact: ExactWords<T>,
    registered: usize,
}

impl<T: Copy> Default for PhraseMatcherBuilder<T> {
    fn default() -> Self {
        PhraseMatcherBuilder {
            index: HashMap::new(),
            phrases: Vec::new(),
            wants: Vec::new(),
            exact: ExactWords::default(),
            registered: 0,
        }
    }
}

/// The phrases matched in their case and as whole words, from a capital
/// (or a letter that is not ASCII) to a letter or digit (people's names):
/// looked up by hash at each word start of the text instead of put in the
/// automaton (the few others, "de Mistura", go there). Tens of
/// thousands of names (the world layer's) would make the automaton take a
/// third of a second to build; a hash table takes milliseconds, and the
/// hits are the same: every whole-word occurrence, overlapping ones too.
struct ExactWords<T> {
    owners: HashMap<Box<str>, Vec<(u32, T)>, foldhash::fast::RandomState>,
    /// The first word of every phrase ("George" of "George W. Bush"), with
    /// the most word ends of a phrase it starts ("George": 3): a word start
    /// whose word is none of them starts no phrase, told with one lookup,
    /// and one that is looks up no more of the words after it than its
    /// phrases have.
    first_words: HashMap<Box<str>, usize, foldhash::fast::RandomState>,
    /// The first four bytes of every phrase, up to its first byte that is
    /// no ASCII letter or digit ([`quad_at`]), hashed to [`QUAD_BITS`]
    /// bits: a word start no phrase starts like ("The ", "Mond" where no
    /// name starts "Mond") is passed over with one lookup in a table that
    /// stays in the cache, before its word's end is even looked for.
    first_quads: BitSet,
    /// A sketch of every first word (its length and its first and last
    /// two bytes, see [`sketch`]): most capitalised words of news ("The",
    /// "But", "Monday") are told apart from every first word of a name
    /// here, in a table small enough to stay in the cache, before the
    /// hash table of first words is read (a cache miss, and a comparison
    /// of the key, for each word that reaches it).
    first_sketches: BitSet,
    max_len: usize,
}

/// The bits of [`ExactWords::first_quads`]: 2^18 bits, 32 KiB.
const QUAD_BITS: u32 = 18;

/// The four bytes at `at`, each after the first one that is no ASCII
/// letter or digit made zero ("Xi said" and "Xi" both give "Xi\0\0";
/// "Émile" gives four zeros), hashed to [`QUAD_BITS`] bits. A phrase found
/// at `at` as a whole word gives the text the same value: its first bytes
/// are the text's up to the first that is no ASCII letter or digit, and
/// past the phrase's end a whole word has none.
fn quad_at(bytes: &[u8], at: usize) -> usize {
    let mut key = 0u32;
    for i in 0..4 {
        match bytes.get(at + i) {
            Some(&byte) if byte.is_ascii_alphanumeric() => key |= u32::from(byte) << (8 * i),
            _ => break,
        }
    }
    let mixed = u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    usize::try_from(mixed >> (64 - QUAD_BITS)).unwrap_or(0)
}

/// The first byte at or after `at` that is an ASCII capital or not ASCII:
/// where a name may start. Sixteen bytes at a time while none is (a loop
/// the compiler turns into vector instructions), then byte by byte.
fn next_capital(bytes: &[u8], mut at: usize) -> Option<usize> {
    let wanted = |byte: u8| byte.wrapping_sub(b'A') < 26 || !byte.is_ascii();
    while let Some(chunk) = bytes.get(at..at + 16) {
        if chunk.iter().fold(false, |any, &byte| any | wanted(byte)) {
            break;
        }
        at += 16;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&byte| wanted(byte))
        .map(|found| at + found)
}

/// A fixed set of small numbers, one bit each.
struct BitSet(Box<[u64]>);

impl BitSet {
    fn new(size: usize) -> Self {
        BitSet(vec![0; size.div_ceil(64)].into_boxed_slice())
    }

    fn insert(&mut self, at: usize) {
        self.0[at / 64] |= 1 << (at % 64);
    }

    fn contains(&self, at: usize) -> bool {
        self.0[at / 64] & (1 << (at % 64)) != 0
    }
}

/// The bits of a [`sketch`]: 2^18 bits, 32 KiB.
const SKETCH_BITS: u32 = 18;

/// A word's length and its first and last two bytes, mixed into
/// [`SKETCH_BITS`] bits: equal words have equal sketches.
fn sketch(word: &[u8]) -> usize {
    let byte = |at: usize| u64::from(word.get(at).copied().unwrap_or(0));
    let last = word.len().saturating_sub(1);
    let key =
        (word.len() as u64) << 32 | byte(0) << 24 | byte(1) << 16 | byte(last.saturating_sub(1)) << 8 | byte(last);
    let mixed = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    usize::try_from(mixed >> (64 - SKETCH_BITS)).unwrap_or(0)
}

impl<T> Default for ExactWords<T> {
    fn default() -> Self {
        ExactWords {
            owners: HashMap::default(),
            first_words: HashMap::default(),
            first_quads: BitSet::new(1 << QUAD_BITS),
            first_sketches: BitSet::new(1 << SKETCH_BITS),
            max_len: 0,
        }
    }
}

/// Calls `end` with each byte offset where a word of `text[start..]` ends
/// (a letter or digit followed by anything else or the end), at most
/// `limit` of them and none past `start + max_len`; as they are met, so
/// that a search allocates nothing.
fn each_word_end(text: &str, start: usize, limit: usize, max_len: usize, mut end: impl FnMut(usize)) {
    let (mut ends, mut in_word) = (0, false);
    for (at, c) in text[start..].char_indices() {
        if at > max_len {
            return;
        }
        let alnum = c.is_alphanumeric();
        if in_word && !alnum {
            end(start + at);
            ends += 1;
            if ends >= limit {
                return;
            }
        }
        in_word = alnum;
    }
    if in_word && text.len() - start <= max_len {
        end(text.len());
    }
}

/// Where the word starting at `start` ends.
fn word_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(at, _)| start + at)
}

impl<T: Copy> ExactWords<T> {
    fn fits(phrase: &str) -> bool {
        let first = phrase.as_bytes().first().copied().unwrap_or(0);
        (first.is_ascii_uppercase() || !first.is_ascii())
            && phrase.chars().next().is_some_and(char::is_alphanumeric)
            && phrase.chars().next_back().is_some_and(char::is_alphanumeric)
    }

    fn add(&mut self, phrase: &str, owner: (u32, T)) {
        self.first_quads.insert(quad_at(phrase.as_bytes(), 0));
        self.first_sketches
            .insert(sketch(&phrase.as_bytes()[..word_end(phrase, 0)]));
        let mut ends = 0;
        each_word_end(phrase, 0, usize::MAX, usize::MAX, |_| ends += 1);
        self.max_len = self.max_len.max(phrase.len());
        let most = self
            .first_words
            .entry(phrase[..word_end(phrase, 0)].into())
            .or_default();
        *most = (*most).max(ends);
        self.owners.entry(phrase.into()).or_default().push(owner);
    }

    /// Every whole-word occurrence of every phrase. Every phrase here starts
    /// with a capital or a non-ASCII letter ([`ExactWords::fits`]), so the
    /// walk jumps from one such byte to the next, sixteen bytes at a time;
    /// a word start whose first bytes start no phrase is passed over with
    /// one table lookup, a word that is no phrase's first word with one
    /// sketch lookup (nearly always) or one hash lookup.
    fn find(&self, text: &str, hits: &mut Vec<(u32, Hit<T>)>) {
        if self.owners.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(start) = next_capital(bytes, at) {
            at = start + 1;
            // Inside a word ("McDonald"), or in the middle of a character.
            if !text.is_char_boundary(start)
                || text[..start].chars().next_back().is_some_and(char::is_alphanumeric)
                || !self.first_quads.contains(quad_at(bytes, start))
            {
                continue;
            }
            let first_end = word_end(text, start);
            if first_end == start {
                continue;
            }
            let sketched = self.first_sketches.contains(sketch(&bytes[start..first_end]));
            if let Some(&most) = sketched
                .then(|| self.first_words.get(&text[start..first_end]))
                .flatten()
            {
                self.find_at(text, start, most, hits);
            }
            at = first_end;
        }
    }

    /// The phrases that start at the word start `start`, of at most `most`
    /// words.
    fn find_at(&self, text: &str, start: usize, most: usize, hits: &mut Vec<(u32, Hit<T>)>) {
        each_word_end(text, start, most, self.max_len, |end| {
            if let Some(owners) = self.owners.get(&text[start..end]) {
                hits.extend(owners.iter().map(|&(seq, owner)| {
                    let range = start..end;
                    (seq, Hit { owner, range })
                }));
            }
        });
    }
}

impl<T: Copy> PhraseMatcherBuilder<T> {
    /// Registers `phrase` for `owner`.
    pub fn add(&mut self, phrase: &str, owner: T, case_sensitive: bool, whole_word: bool) {
        let seq = u32::try_from(self.registered).unwrap_or(u32::MAX);
        self.registered += 1;
        if case_sensitive && whole_word && ExactWords::<T>::fits(phrase) {
            self.exact.add(phrase, (seq, owner));
            return;
        }
        let key = phrase.to_ascii_lowercase();
        let slot = match self.index.get(&key) {
            Some(&slot) => slot,
            None => {
                self.index.insert(key.clone(), self.phrases.len());
                self.phrases.push(key);
                self.wants.push(Vec::new());
                self.phrases.len() - 1
            }
        };
        self.wants[slot].push(Want {
            owner,
            seq,
            exact: case_sensitive.then(|| phrase.into()),
            whole_word,
        });
    }

    /// Builds the automaton. It fails only when the phrases are too many or
    /// too long for one automaton; that is an error of the rules, never
    /// ignored (it would switch off every phrase check).
    pub fn build(self) -> Result<PhraseMatcher<T>, aho_corasick::BuildError> {
        let automaton = if self.phrases.is_empty() {
            None
        } else {
            // A DFA for the rule files' few thousand phrases: more memory
            // than an NFA, but the fastest search. The world layer's tens of
            // thousands of names would make it take a second and hundreds
            // of megabytes to build: a contiguous NFA then, built in
            // milliseconds and nearly as fast to search.
            let kind = if self.phrases.len() <= MAX_DFA_PHRASES {
                aho_corasick::AhoCorasickKind::DFA
            } else {
                aho_corasick::AhoCorasickKind::ContiguousNFA
            };
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(kind))
                .build(&self.phrases)
                .map(Some)?
        };
        Ok(PhraseMatcher {
            automaton,
            wants: self.wants,
            exact: self.exact,
        })
    }
}

/// Up to how many phrases the automaton is a DFA.
const MAX_DFA_PHRASES: usize = 5_000;

/// The built matcher: shareable across threads, one scan per article.
pub struct PhraseMatcher<T> {
    automaton: Option<AhoCorasick>,
    wants: Vec<Vec<Want<T>>>,
    exact: ExactWords<T>,
}

impl<T: Copy> PhraseMatcher<T> {
    /// Every occurrence of every phrase in `text`, overlapping ones included
    /// (a check decides whether "Astana" inside "Astana Times" counts), in
    /// order of start offset.
    pub fn find(&self, text: &str) -> Vec<Hit<T>> {
        let mut hits = Vec::new();
        self.find_in_automaton(text, &mut hits);
        self.exact.find(text, &mut hits);
        hits.sort_by_key(|(seq, hit)| (hit.range.start, std::cmp::Reverse(hit.range.end), *seq));
        hits.into_iter().map(|(_, hit)| hit).collect()
    }

    fn find_in_automaton(&self, text: &str, hits: &mut Vec<(u32, Hit<T>)>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        for found in automaton.find_overlapping_iter(text) {
            let range = found.range();
            let Some(matched) = text.get(range.clone()) else {
                continue;
            };
            for want in &self.wants[found.pattern().as_usize()] {
                if want.exact.as_deref().is_some_and(|exact| exact != matched) {
                    continue;
                }
                if want.whole_word && !is_whole_word(text, range.clone()) {
                    continue;
                }
                let hit = Hit {
                    owner: want.owner,
                    range: range.clone(),
                };
                hits.push((want.seq, hit));
            }
        }
    }
}

/// Whether `range` in `text` is not part of a longer word: the characters on
/// either side are not letters or digits.
pub fn is_whole_word(text: &str, range: Range<usize>) -> bool {
    let before = text.get(..range.start).and_then(|s| s.chars().next_back());
    let after = text.get(range.end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(phrases: &[(&str, u32, bool, bool)]) -> PhraseMatcher<u32> {
        let mut builder = PhraseMatcherBuilder::default();
        for &(phrase, owner, case_sensitive, whole_word) in phrases {
            builder.add(phrase, owner, case_sensitive, whole_word);
        }
        builder.build().unwrap()
    }

    fn found(m: &PhraseMatcher<u32>, text: &str) -> Vec<(u32, String)> {
        m.find(text)
            .into_iter()
            .map(|h| (h.owner, text[h.range].to_string()))
            .collect()
    }

    #[test]
    fn case_insensitive_whole_words_by_default() {
        let m = matcher(&[("OBOR", 1, false, true)]);
        assert_eq!(
            found(&m, "obor and OBOR but not OBORA"),
            [(1, "obor".into()), (1, "OBOR".into())]
        );
    }

    #[test]
    fn case_sensitive_owner_filters_exactly() {
        let m = matcher(&[("Astana", 1, true, true), ("astana", 2, false, true)]);
        assert_eq!(
            found(&m, "ASTANA Astana"),
            [(2, "ASTANA".into()), (1, "Astana".into()), (2, "Astana".into())]
        );
    }

    #[test]
    fn overlapping_phrases_are_all_reported() {
        let m = matcher(&[("Astana", 1, false, true), ("Astana Times", 2, false, true)]);
        assert_eq!(
            found(&m, "The Astana Times"),
            [(2, "Astana Times".into()), (1, "Astana".into())]
        );
    }

    #[test]
    fn word_boundaries_respect_unicode_letters() {
        let m = matcher(&[("Ala", 1, false, true)]);
        assert!(found(&m, "Alaé Ala-Tau").len() == 1);
    }

    #[test]
    fn names_in_their_case_are_found_whole_and_overlapping() {
        let m = matcher(&[
            ("George W. Bush", 1, true, true),
            ("George", 2, true, true),
            ("Kassym-Jomart Tokayev", 3, true, true),
        ]);
        assert_eq!(
            found(
                &m,
                "President George W. Bush's visit; GEORGE W. BUSH; Georgetown; Kassym-Jomart Tokayev."
            ),
            [
                (1, "George W. Bush".into()),
                (2, "George".into()),
                (3, "Kassym-Jomart Tokayev".into())
            ]
        );
    }

    #[test]
    fn names_are_found_at_every_kind_of_start_and_inside_no_word() {
        let m = matcher(&[
            ("Émile Zola", 1, true, true),
            ("de Mistura", 2, true, true),
            ("Zola", 3, true, true),
            ("Ann", 4, true, true),
        ]);
        // A long run with no capital first (the sixteen-byte steps), a name
        // at the very end, names after non-ASCII letters and inside words.
        let text = "quiet words without any capital at all, then Émile Zola; \
                    éZola, McAnn, staffan de Mistura and Ann";
        assert_eq!(
            found(&m, text),
            [
                (1, "Émile Zola".into()),
                (3, "Zola".into()),
                (2, "de Mistura".into()),
                (4, "Ann".into())
            ]
        );
    }

    #[test]
    fn empty_matcher_finds_nothing() {
        assert!(matcher(&[]).find("anything").is_empty());
    }
}
