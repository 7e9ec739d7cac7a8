//! One pass over an article for every name and term the rules know.
//!
//! All literal phrases of all checks are found in one walk over the text's
//! word starts, so the cost of matching grows with the article, not with the
//! number of rules. Each phrase remembers who asked for it (its owners) and
//! how it must match (case, whole word). Nearly every phrase is a whole word
//! that starts with a letter or digit (names, role words, places, terms):
//! those are looked up in hash tables at the word starts the walk meets,
//! behind small bit sets of their first bytes that turn away most words with
//! one lookup. The few others (a phrase that may start inside a word, or
//! with a quotation mark) go to an Aho–Corasick automaton, matched ASCII
//! case-insensitively and overlapping; with a handful of phrases its
//! vectorised prefilter skips most of the text. Both give every
//! occurrence, overlapping ones too, and the owners' conditions filter the
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
/// looked up by hash at each word start of the text (the few others, "de
/// Mistura", "Albert Bryan Jr.", go to [`FoldedWords`] with their case
/// checked after the lookup, or to the automaton). Tens of
/// thousands of names (the world layer's) would make the automaton take a
/// third of a second to build; a hash table takes milliseconds, and the
/// hits are the same: every whole-word occurrence, overlapping ones too.
struct ExactWords<T> {
    owners: HashMap<Box<str>, Vec<(u32, T)>, foldhash::fast::RandomState>,
    /// Every piece of a phrase from its start to one of its word ends
    /// ("George", "George W", "George W. Bush"), [`piece_hash`]ed: the walk
    /// from a word start stops at the first word end whose piece starts no
    /// phrase ("John said" of tens of thousands of names), told in a table
    /// that stays in the cache, where it read up to the longest phrase
    /// with one hash-table lookup a word. Filled by [`ExactWords::finish`].
    prefixes: BitSet,
    /// [`piece_hash`] of every whole phrase: a piece that is only a
    /// phrase's start ("George W") is not looked up in `owners`.
    wholes: BitSet,
    /// Whether a phrase starts with a mark ([`mark_len`]).
    marked: bool,
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
#[inline]
fn quad_at(bytes: &[u8], at: usize) -> u64 {
    quads_at(bytes, at).0
}

/// [`quad_at`] of the text with ASCII letters in lower case: what a phrase
/// matched without regard to (ASCII) case gives wherever it is found.
#[inline]
fn folded_quad_at(bytes: &[u8], at: usize) -> u64 {
    quads_at(bytes, at).1
}

/// [`quad_at`] and [`folded_quad_at`] at once, without a branch: the four
/// bytes read as one word, the ASCII letters and digits among them told
/// by [`ascii_alnum`], the bytes from the first other one on cleared.
#[inline]
fn quads_at(bytes: &[u8], at: usize) -> (u64, u64) {
    let mut four = [0u8; 4];
    if let Some(read) = bytes.get(at..at + 4) {
        four.copy_from_slice(read);
    } else if let Some(rest) = bytes.get(at..) {
        four[..rest.len()].copy_from_slice(rest);
    }
    let word = u64::from(u32::from_le_bytes(four));
    // The high bit of each byte that is an ASCII letter or digit; the bytes
    // up to the first that is not, kept whole.
    let alnum = ascii_alnum(word) & 0x8080_8080;
    let kept = (!alnum & 0x8080_8080).trailing_zeros();
    let keep = if kept >= 32 { u64::MAX } else { (1u64 << (kept - 7)) - 1 };
    let key = word & keep;
    // `| 0x20` makes a capital small and leaves a digit as it is.
    let folded = key | (0x2020_2020 & keep);
    let mix = |key: u64| key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mix(key), mix(folded))
}

/// The high bit of each byte of `word` that is an ASCII letter or digit
/// (SWAR: eight bytes in one 64-bit word).
#[inline]
fn ascii_alnum(word: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // A byte's high bit: whether its low seven bits are in `lo..=hi`. No
    // sum carries into the next byte: each is below 0x80 and the sums
    // stay below 0x100.
    let low = word & !HIGH;
    let in_range = |word: u64, lo: u8, hi: u8| {
        let at_least = word.wrapping_add(ONES * u64::from(0x80 - lo));
        let above = word.wrapping_add(ONES * u64::from(0x7f - hi));
        at_least & !above & HIGH
    };
    let letters = in_range(low | (ONES * 0x20), b'a', b'z');
    let digits = in_range(low, b'0', b'9');
    (letters | digits) & !word & HIGH
}

/// A set of hashed keys, one bit each (a Bloom filter with one hash):
/// "not here" is certain, "here" is to be checked.
struct BitSet {
    words: Box<[u64]>,
    /// The hash's bits kept: its top `64 - shift`.
    shift: u32,
}

impl BitSet {
    /// A set of `2^bits` bits.
    fn new(bits: u32) -> Self {
        BitSet {
            words: vec![0; (1usize << bits).div_ceil(64)].into_boxed_slice(),
            shift: 64 - bits,
        }
    }

    /// A set for about `keys` keys: 64 bits a key (about one false "here"
    /// in sixty), at least 2^10 and at most 2^18 bits, so that a small
    /// set stays in the fastest cache.
    fn for_keys(keys: usize) -> Self {
        let bits = (keys.max(1) * 64).next_power_of_two().trailing_zeros().clamp(10, 18);
        BitSet::new(bits)
    }

    /// A set for about `keys` keys, as [`BitSet::for_keys`] but of up to
    /// `2^most` bits: for a table looked up less often than at every word.
    fn for_keys_within(keys: usize, most: u32) -> Self {
        let bits = (keys.max(1) * 64).next_power_of_two().trailing_zeros().clamp(10, most);
        BitSet::new(bits)
    }

    fn slot(&self, hash: u64) -> usize {
        usize::try_from(hash >> self.shift).unwrap_or(0)
    }

    fn insert(&mut self, hash: u64) {
        let at = self.slot(hash);
        self.words[at / 64] |= 1 << (at % 64);
    }

    #[inline]
    fn contains(&self, hash: u64) -> bool {
        let at = self.slot(hash);
        self.words[at / 64] & (1 << (at % 64)) != 0
    }
}

/// The most bits of [`ExactWords::prefixes`] and [`ExactWords::wholes`]:
/// 2^21 bits, 256 KiB, for the world layer's hundred thousand pieces of
/// names (about one false "here" in twenty).
const PIECE_BITS: u32 = 21;

/// A character that is neither a letter, a digit nor a space: an
/// apostrophe, a quotation mark, a dash.
fn is_mark(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// The length of the one mark a phrase starts with, if it does.
fn mark_len(phrase: &str) -> usize {
    phrase.chars().next().filter(|&c| is_mark(c)).map_or(0, char::len_utf8)
}

/// A piece of text hashed for [`ExactWords::prefixes`]: the same bytes
/// give the same hash in every run.
#[inline]
fn piece_hash(piece: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x2d35_8dcc_aa6c_78a5).hash_one(piece)
}

/// The bits of a [`sketch`]: 2^18 bits, 32 KiB.
const SKETCH_BITS: u32 = 18;

/// A word's length and its first and last two bytes, mixed into a hash:
/// equal words have equal sketches.
fn sketch(word: &[u8]) -> u64 {
    let byte = |at: usize| u64::from(word.get(at).copied().unwrap_or(0));
    let last = word.len().saturating_sub(1);
    let key =
        (word.len() as u64) << 32 | byte(0) << 24 | byte(1) << 16 | byte(last.saturating_sub(1)) << 8 | byte(last);
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl<T> Default for ExactWords<T> {
    fn default() -> Self {
        ExactWords {
            owners: HashMap::default(),
            prefixes: BitSet::new(10),
            wholes: BitSet::new(10),
            marked: false,
            first_quads: BitSet::new(QUAD_BITS),
            first_sketches: BitSet::new(SKETCH_BITS),
            max_len: 0,
        }
    }
}

/// Calls `end` with each byte offset where a word of `text[start..]` ends
/// (a letter or digit followed by anything else or the end), at most
/// `limit` of them and none past `start + max_len`; as they are met, so
/// that a search allocates nothing. It stops when `end` returns false.
fn each_word_end(text: &str, start: usize, limit: usize, max_len: usize, mut end: impl FnMut(usize) -> bool) {
    let (mut ends, mut in_word) = (0, false);
    for (at, c) in text[start..].char_indices() {
        if at > max_len {
            return;
        }
        let alnum = c.is_alphanumeric();
        if in_word && !alnum {
            ends += 1;
            if !end(start + at) || ends >= limit {
                return;
            }
        }
        in_word = alnum;
    }
    if in_word && text.len() - start <= max_len {
        end(text.len());
    }
}

/// Where the word starting at `start` ends: ASCII letters and digits are
/// passed over byte by byte, other characters decoded.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = start;
    while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
        at += 1;
    }
    if bytes.get(at).is_none_or(u8::is_ascii) {
        return at;
    }
    text.get(at..).map_or(text.len(), |rest| {
        rest.char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(text.len(), |(found, _)| at + found)
    })
}

impl<T: Copy> ExactWords<T> {
    fn fits(phrase: &str) -> bool {
        let core = &phrase[mark_len(phrase)..];
        let first = core.as_bytes().first().copied().unwrap_or(0);
        (first.is_ascii_uppercase() || !first.is_ascii())
            && core.chars().next().is_some_and(char::is_alphanumeric)
            && core.chars().next_back().is_some_and(char::is_alphanumeric)
    }

    /// Adds `phrase`. One that starts with a mark ("’Matšepo Ramakoae",
    /// whose ’ is a letter of Sesotho names) is told at the word start
    /// after its mark, its first word's tests made on that word.
    fn add(&mut self, phrase: &str, owner: (u32, T)) {
        let mark = mark_len(phrase);
        let core = &phrase[mark..];
        self.first_quads.insert(quad_at(core.as_bytes(), 0));
        self.first_sketches
            .insert(sketch(&core.as_bytes()[..word_end(core, 0)]));
        self.max_len = self.max_len.max(phrase.len());
        self.marked |= mark > 0;
        self.owners.entry(phrase.into()).or_default().push(owner);
    }

    /// Fills [`ExactWords::prefixes`] and [`ExactWords::wholes`] from the
    /// phrases added, in sets sized for them (a few bits a key more than
    /// the first-word tests: a name's pieces are looked up only after
    /// those pass).
    fn finish(&mut self) {
        let mut pieces = Vec::new();
        for phrase in self.owners.keys() {
            each_word_end(phrase, 0, usize::MAX, usize::MAX, |end| {
                pieces.push(piece_hash(&phrase.as_bytes()[..end]));
                true
            });
        }
        self.prefixes = BitSet::for_keys_within(pieces.len(), PIECE_BITS);
        for &piece in &pieces {
            self.prefixes.insert(piece);
        }
        self.wholes = BitSet::for_keys_within(self.owners.len(), PIECE_BITS);
        for phrase in self.owners.keys() {
            self.wholes.insert(piece_hash(phrase.as_bytes()));
        }
    }

    /// Whether a phrase may start at the word start `start`. Every phrase
    /// here starts with a capital or a non-ASCII letter
    /// ([`ExactWords::fits`]), so a word starting otherwise is passed over
    /// at once, and a word start whose first bytes start no phrase with one
    /// table lookup.
    /// `first` is the word's first byte, `quad` its [`quad_at`].
    #[inline]
    fn may_start(&self, first: u8, quad: u64) -> bool {
        (first.wrapping_sub(b'A') < 26 || !first.is_ascii()) && self.first_quads.contains(quad)
    }

    /// The phrases that start at the word start `start` (the walk's, see
    /// [`WordStarts`]; `first_end` is where its word ends), where
    /// [`ExactWords::may_start`]: a word that is no phrase's first word is
    /// told with one sketch lookup (nearly always) or one bit test, and
    /// the walk over the words after it stops at the first piece that
    /// starts no phrase ([`ExactWords::prefixes`]).
    fn find_from(&self, text: &str, start: usize, first_end: usize, hits: &mut Vec<(u32, Hit<T>)>) {
        let bytes = text.as_bytes();
        if !self.first_sketches.contains(sketch(&bytes[start..first_end])) {
            return;
        }
        self.find_at(text, start, hits);
        // A phrase starting with a mark starts at the mark, which itself
        // follows no letter or digit (a whole word).
        if self.marked
            && let Some(before) = text[..start].chars().next_back()
            && is_mark(before)
        {
            let at = start - before.len_utf8();
            if !text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                self.find_at(text, at, hits);
            }
        }
    }

    /// The phrases that start at `start`, read word end by word end until
    /// the piece read starts no phrase.
    fn find_at(&self, text: &str, start: usize, hits: &mut Vec<(u32, Hit<T>)>) {
        each_word_end(text, start, usize::MAX, self.max_len, |end| {
            let piece = &text[start..end];
            let hash = piece_hash(piece.as_bytes());
            if !self.prefixes.contains(hash) {
                return false;
            }
            if self.wholes.contains(hash)
                && let Some(owners) = self.owners.get(piece)
            {
                hits.extend(owners.iter().map(|&(seq, owner)| {
                    let range = start..end;
                    (seq, Hit { owner, range })
                }));
            }
            true
        });
    }
}

/// The phrases matched without regard to ASCII case, as whole words,
/// that start with a letter or digit (role words, places, terms, the
/// names that end in a stop, "Jr."): each kept in ASCII lower case with
/// the index of its owners in [`PhraseMatcher::wants`], looked up at the
/// word starts of the walk. What the automaton found of them before is
/// found here, and only that: a whole word starts at a word start and
/// ends at a word end, or at one of the phrases' closing marks right after
/// one (a phrase that ends in "." or ")").
#[derive(Default)]
struct FoldedWords {
    slots: HashMap<Box<[u8]>, usize, foldhash::fast::RandomState>,
    /// The first word of every phrase in lower case, with the most word
    /// ends of a phrase it starts (as [`ExactWords::first_words`]).
    first_words: HashMap<Box<[u8]>, usize, foldhash::fast::RandomState>,
    /// [`folded_quad_at`] of every phrase: most word starts are turned
    /// away with this one lookup.
    first_quads: Option<BitSet>,
    /// What follows a phrase's last word end, where it does not end at
    /// one ("." of "Jr.", ")" of "(governor)"): tried after each word end.
    tails: Vec<Box<str>>,
    max_len: usize,
}

/// A piece of text is folded to lower case on the stack when it is this
/// long or shorter, on the heap when longer.
const FOLD_BUFFER: usize = 64;

impl FoldedWords {
    /// Whether the phrase can be found at word starts: it starts with a
    /// letter or digit and every owner wants it as a whole word.
    fn fits<T>(phrase: &str, wants: &[Want<T>]) -> bool {
        phrase.chars().next().is_some_and(char::is_alphanumeric) && wants.iter().all(|want| want.whole_word)
    }

    /// Adds the phrase `folded` (in lower case) of `slot`, one of about
    /// `keys` phrases.
    fn add(&mut self, folded: &str, slot: usize, keys: usize) {
        let bytes = folded.as_bytes();
        self.first_quads
            .get_or_insert_with(|| BitSet::for_keys(keys))
            .insert(folded_quad_at(bytes, 0));
        let mut ends = 0;
        let mut last_end = 0;
        each_word_end(folded, 0, usize::MAX, usize::MAX, |end| {
            ends += 1;
            last_end = end;
            true
        });
        let tail = &folded[last_end..];
        if !tail.is_empty() && !self.tails.iter().any(|known| &**known == tail) {
            self.tails.push(tail.into());
        }
        self.max_len = self.max_len.max(bytes.len());
        let most = self.first_words.entry(bytes[..word_end(folded, 0)].into()).or_default();
        *most = (*most).max(ends);
        self.slots.insert(bytes.into(), slot);
    }

    /// Whether a phrase may start at the word start `start`: told with one
    /// lookup for most words.
    /// `folded_quad` is the word's [`folded_quad_at`].
    #[inline]
    fn may_start(&self, folded_quad: u64) -> bool {
        self.first_quads
            .as_ref()
            .is_some_and(|quads| quads.contains(folded_quad))
    }

    /// The slots of the phrases that start at the word start `start` (its
    /// word ends at `first_end`), where [`FoldedWords::may_start`], with
    /// their ends, for `found`.
    fn find_from(&self, text: &str, start: usize, first_end: usize, mut found: impl FnMut(usize, Range<usize>)) {
        let bytes = text.as_bytes();
        let (mut buffer, mut long) = ([0u8; FOLD_BUFFER], Vec::new());
        let first = fold(&bytes[start..first_end], &mut buffer, &mut long);
        let Some(&most) = self.first_words.get(first) else {
            return;
        };
        let mut look_up = |end: usize| {
            let slot = bytes
                .get(start..end)
                .and_then(|piece| self.slots.get(fold(piece, &mut buffer, &mut long)));
            if let Some(&slot) = slot {
                found(slot, start..end);
            }
        };
        each_word_end(text, start, most, self.max_len, |end| {
            look_up(end);
            for tail in &self.tails {
                if text[end..].starts_with(&**tail) {
                    look_up(end + tail.len());
                }
            }
            true
        });
    }
}

/// `piece` in ASCII lower case, in `buffer` when it fits (most words do),
/// else in `long`.
fn fold<'b>(piece: &[u8], buffer: &'b mut [u8; FOLD_BUFFER], long: &'b mut Vec<u8>) -> &'b [u8] {
    if let Some(key) = buffer.get_mut(..piece.len()) {
        key.copy_from_slice(piece);
        key.make_ascii_lowercase();
        key
    } else {
        long.clear();
        long.extend(piece.iter().map(u8::to_ascii_lowercase));
        long
    }
}

/// Every word start of a text (a letter or digit after anything else, or
/// at the start), in order: the one walk over the text that every phrase
/// table shares, 64 bytes at a time. A block of ASCII (nearly every block
/// of English news) is classified eight bytes at a time ([`classify`]) and
/// its word starts are the set bits of one mask; a block holding other
/// characters is walked character by character. An iterator, so that what
/// is done at each start is compiled into the walk's loop.
struct WordStarts<'t> {
    text: &'t str,
    /// Where the block whose starts are in `starts` begins.
    block: usize,
    /// The word starts of the block not yet returned, one bit per byte.
    starts: u64,
    /// Where the next block begins (a character boundary).
    next: usize,
    /// Whether the character before `next` is a letter or digit.
    after_word: bool,
}

impl<'t> WordStarts<'t> {
    fn new(text: &'t str) -> Self {
        WordStarts {
            text,
            block: 0,
            starts: 0,
            next: 0,
            after_word: false,
        }
    }

    /// Reads the block at `next` into `starts`.
    fn read_block(&mut self) {
        let bytes = self.text.as_bytes();
        let block = self.next;
        let len = (bytes.len() - block).min(64);
        let (alnum, high) = match bytes
            .get(block..block + 64)
            .and_then(|full| <&[u8; 64]>::try_from(full).ok())
        {
            Some(full) => classify(full),
            None => {
                // The text's last block, made whole with bytes that are no
                // letters.
                let mut chunk = [0u8; 64];
                chunk[..len].copy_from_slice(&bytes[block..block + len]);
                classify(&chunk)
            }
        };
        self.block = block;
        if high == 0 {
            self.starts = alnum & !(alnum << 1 | u64::from(self.after_word));
            self.after_word = alnum >> (len - 1) & 1 == 1;
            self.next = block + len;
        } else {
            self.read_characters(block + len);
        }
    }

    /// The word starts of the block up to `to`, character by character (a
    /// character that starts before `to` is read whole).
    fn read_characters(&mut self, to: usize) {
        let mut at = self.block;
        self.starts = 0;
        while at < to {
            let Some(c) = self.text.get(at..).and_then(|rest| rest.chars().next()) else {
                // Not on a character boundary: nothing leads here.
                break;
            };
            let word = c.is_alphanumeric();
            if word && !self.after_word {
                self.starts |= 1 << (at - self.block);
            }
            self.after_word = word;
            at += c.len_utf8();
        }
        self.next = at.max(to);
    }
}

impl Iterator for WordStarts<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.starts == 0 {
            if self.next >= self.text.len() {
                return None;
            }
            self.read_block();
        }
        let start = self.block + self.starts.trailing_zeros() as usize;
        self.starts &= self.starts - 1;
        Some(start)
    }
}

/// The ASCII letters and digits of a block, and its bytes that are not
/// ASCII, one bit per byte. Eight bytes at a time in one 64-bit word each
/// ([`ascii_alnum`], and a multiplication that gathers the eight high
/// bits).
#[inline]
fn classify(chunk: &[u8; 64]) -> (u64, u64) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bits of the eight bytes, as eight bits in byte order.
    let gather = |bits: u64| ((bits & HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    let (mut alnum, mut high) = (0u64, 0u64);
    for (i, bytes) in chunk.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(bytes.try_into().unwrap_or([0; 8]));
        high |= gather(word) << (8 * i);
        alnum |= gather(ascii_alnum(word)) << (8 * i);
    }
    (alnum, high)
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
        let mut folded = FoldedWords::default();
        let mut others = Vec::new();
        let mut other_slots = Vec::new();
        let fits = |slot: usize| FoldedWords::fits(&self.phrases[slot], &self.wants[slot]);
        let keys = (0..self.phrases.len()).filter(|&slot| fits(slot)).count();
        for (slot, phrase) in self.phrases.iter().enumerate() {
            if fits(slot) {
                folded.add(phrase, slot, keys);
            } else {
                others.push(phrase);
                other_slots.push(slot);
            }
        }
        let automaton = if others.is_empty() {
            None
        } else {
            // A DFA for the rule files' few thousand phrases: more memory
            // than an NFA, but the fastest search. The world layer's tens of
            // thousands of names would make it take a second and hundreds
            // of megabytes to build: a contiguous NFA then, built in
            // milliseconds and nearly as fast to search.
            let kind = if others.len() <= MAX_DFA_PHRASES {
                aho_corasick::AhoCorasickKind::DFA
            } else {
                aho_corasick::AhoCorasickKind::ContiguousNFA
            };
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(kind))
                .build(&others)
                .map(Some)?
        };
        let mut exact = self.exact;
        exact.finish();
        Ok(PhraseMatcher {
            automaton,
            other_slots,
            wants: self.wants,
            exact,
            folded,
        })
    }
}

/// Up to how many phrases the automaton is a DFA.
const MAX_DFA_PHRASES: usize = 5_000;

/// The built matcher: shareable across threads, one scan per article.
pub struct PhraseMatcher<T> {
    /// The phrases that are not found at word starts, by their slot in
    /// `other_slots`.
    automaton: Option<AhoCorasick>,
    other_slots: Vec<usize>,
    /// The owners of each phrase not kept in `exact`, by slot.
    wants: Vec<Vec<Want<T>>>,
    exact: ExactWords<T>,
    folded: FoldedWords,
}

impl<T: Copy> PhraseMatcher<T> {
    /// Every occurrence of every phrase in `text`, overlapping ones included
    /// (a check decides whether "Astana" inside "Astana Times" counts), in
    /// order of start offset.
    pub fn find(&self, text: &str) -> Vec<Hit<T>> {
        let mut hits = Vec::new();
        self.find_in_automaton(text, &mut hits);
        let exact = !self.exact.owners.is_empty();
        let bytes = text.as_bytes();
        // A phrase may start at a few word starts in a hundred: told with
        // two bit tests, and only then are the tables read.
        for start in WordStarts::new(text) {
            let (quad, folded_quad) = quads_at(bytes, start);
            let exact = exact && self.exact.may_start(bytes[start], quad);
            let folded = self.folded.may_start(folded_quad);
            if !exact && !folded {
                continue;
            }
            let first_end = word_end(text, start);
            if exact {
                self.exact.find_from(text, start, first_end, &mut hits);
            }
            if folded {
                self.folded.find_from(text, start, first_end, |slot, range| {
                    self.push_wanted(text, slot, range, &mut hits);
                });
            }
        }
        hits.sort_by_key(|(seq, hit)| (hit.range.start, std::cmp::Reverse(hit.range.end), *seq));
        hits.into_iter().map(|(_, hit)| hit).collect()
    }

    fn find_in_automaton(&self, text: &str, hits: &mut Vec<(u32, Hit<T>)>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        for found in automaton.find_overlapping_iter(text) {
            self.push_wanted(text, self.other_slots[found.pattern().as_usize()], found.range(), hits);
        }
    }

    /// A hit for each owner of the phrase at `slot` found at `range` whose
    /// conditions (case, whole word) the text there meets.
    fn push_wanted(&self, text: &str, slot: usize, range: Range<usize>, hits: &mut Vec<(u32, Hit<T>)>) {
        let Some(matched) = text.get(range.clone()) else {
            return;
        };
        for want in &self.wants[slot] {
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

    /// What the matcher must find, found the slow way: every phrase at
    /// every character boundary, compared byte by byte.
    fn found_naively(phrases: &[(&str, u32, bool, bool)], text: &str) -> Vec<(u32, std::ops::Range<usize>)> {
        let mut hits = Vec::new();
        for (seq, &(phrase, owner, case_sensitive, whole_word)) in phrases.iter().enumerate() {
            for start in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
                let Some(piece) = text.get(start..start + phrase.len()) else {
                    continue;
                };
                let same = if case_sensitive {
                    piece == phrase
                } else {
                    piece.eq_ignore_ascii_case(phrase)
                };
                if same && (!whole_word || is_whole_word(text, start..start + phrase.len())) {
                    hits.push((seq, owner, start..start + phrase.len()));
                }
            }
        }
        hits.sort_by_key(|(seq, _, range)| (range.start, std::cmp::Reverse(range.end), *seq));
        hits.into_iter().map(|(_, owner, range)| (owner, range)).collect()
    }

    /// Every shape a phrase can have: names in their case (with a stop or
    /// a bracket at the end, a small first letter, a letter that is not
    /// ASCII first), words in any case, a phrase that may start inside a
    /// word, one that starts with a quotation mark.
    const EVERY_SHAPE: &[(&str, u32, bool, bool)] = &[
        ("George W. Bush", 1, true, true),
        ("George", 2, true, true),
        ("Émile Zola", 3, true, true),
        ("de Mistura", 4, true, true),
        ("Albert Bryan Jr.", 5, true, true),
        ("Bedri Gürsoy (akademisyen)", 6, true, true),
        ("vice president", 7, false, true),
        ("president", 8, false, true),
        ("chief executive officer", 9, false, true),
        ("tánaiste", 10, false, true),
        ("astana", 11, false, false),
        ("‘Mamookho Phiri", 12, true, true),
        ("Astana", 13, true, true),
        ("4G", 14, false, true),
        ("’Matšepo Ramakoae", 15, true, true),
        ("George Weah", 16, true, true),
    ];

    proptest::proptest! {
        /// The word-start tables and the automaton find together exactly
        /// what a search of every phrase at every position finds, across
        /// blocks of ASCII and blocks with other characters.
        #[test]
        fn finds_what_a_naive_search_finds(
            pad in 0usize..70,
            pieces in proptest::collection::vec(0usize..28, 0..80),
        ) {
            const PIECES: &[&str] = &[
                "George", "W.", "Bush", "GEORGE", "Émile", "Zola", "éZola", "de", "Mistura", "Albert Bryan Jr.",
                "Jr", ".", ")", "Bedri Gürsoy (akademisyen)", "Vice President", "PRESIDENT", "presidential",
                "chief executive officer", "TÁNAISTE", "Tánaiste", "FC Astana", "‘Mamookho Phiri", "4G", "—",
                "’Matšepo", "Ramakoae", "Matšepo", "Weah",
            ];
            let separators = [" ", "", ", ", "’s ", "\n", "“"];
            // Letters before the first piece put every word start at every
            // place in a block, and a word across a block's end.
            let mut text = "x".repeat(pad);
            for (i, &piece) in pieces.iter().enumerate() {
                text.push_str(PIECES[piece]);
                text.push_str(separators[(piece + i) % separators.len()]);
            }
            let m = matcher(EVERY_SHAPE);
            let got: Vec<_> = m.find(&text).into_iter().map(|h| (h.owner, h.range)).collect();
            proptest::prop_assert_eq!(got, found_naively(EVERY_SHAPE, &text), "in {:?}", text);
        }
    }

    /// A word across the end of a 64-byte block is one word: its part in
    /// the next block starts no phrase.
    #[test]
    fn words_across_blocks_are_one_word() {
        let m = matcher(EVERY_SHAPE);
        for pad in 0..140 {
            for tail in [
                "George W. Bush",
                "Vice President",
                "Émile Zola",
                "éZola Astana",
                "“Astana”",
            ] {
                let text = format!("{}{tail} and {}{tail}", "x".repeat(pad), "é".repeat(pad / 2));
                let got: Vec<_> = m.find(&text).into_iter().map(|h| (h.owner, h.range)).collect();
                assert_eq!(got, found_naively(EVERY_SHAPE, &text), "in {text:?}");
            }
        }
    }

    #[test]
    fn classify_tells_letters_digits_and_other_bytes() {
        let mut chunk = [b' '; 64];
        chunk[..12].copy_from_slice(b"aZ09 _@[`{/:");
        chunk[63] = 0xC3;
        let (alnum, high) = classify(&chunk);
        assert_eq!(alnum, 0b1111);
        assert_eq!(high, 1 << 63);
    }

    #[test]
    fn empty_matcher_finds_nothing() {
        assert!(matcher(&[]).find("anything").is_empty());
    }
}
