//! How titles are written, and how to tell whether two ways of writing a
//! title mean the same office.
//!
//! A title is reduced to a [`TitleKey`]: its role ("vice premier", "chair")
//! and the other words that qualify it ("china", "senate"), after the shared
//! normalisation of `[titles]` in the rule files — abbreviations spelled out,
//! synonyms mapped to one role, demonyms to their country, filler words
//! dropped. "Kazakh President", "President of Kazakhstan" and "Kazakhstan's
//! President" all become `president {kazakhstan}`; "Premier" stays a
//! different role from "Vice Premier".

pub use crate::model::fact::TitleKey;
use crate::rules::{FastMap, FastSet};

/// Roles that name the top office of whatever they are of, in any body:
/// "UN chief", "head of the Commission", "SOHR Director" (`chief` is `head`
/// after the synonyms of `[titles]`).
pub const TOP_OFFICE: &[&str] = &["head", "director", "leader"];

/// Words that make a role a rank below another ("deputy mayor" is not
/// "mayor"): synonyms never merge them, and a top-office word does not
/// cover them.
pub const RANKS: &[&str] = &["deputy", "vice", "assistant", "under", "first deputy", "acting deputy"];

/// Words that make an office held for a time on top of one's own ("acting
/// President"): part of the title, never of its role.
pub const TEMPORARY: &[&str] = &["acting", "interim", "caretaker"];

/// Whether `role` is a rank below another ("vice premier").
pub fn is_ranked(role: &str) -> bool {
    RANKS
        .iter()
        .any(|rank| role.strip_prefix(rank).is_some_and(|rest| rest.starts_with(' ')))
}

/// Prepositions that end the head of a title: what follows qualifies it
/// ("Secretary of State", "spokesman for the ministry").
const HEAD_ENDS: &[&str] = &["of", "for", "to", "in", "at", "on", "with"];

/// The compiled `[titles]` tables of all rule files.
#[derive(Debug, Default)]
pub struct TitleNormalizer {
    /// Distinguishes normalisers in the parse cache.
    id: u64,
    /// Role phrase (as tokens) → canonical role.
    roles: FastMap<Vec<String>, String>,
    longest_role: usize,
    /// Every token that appears in a role phrase.
    role_words: FastSet<String>,
    /// The first token of every role phrase: a token not among them starts
    /// no role, found with one lookup instead of one per phrase length.
    role_starts: FastSet<String>,
    /// Phrase (as tokens) → replacement tokens; longest first.
    replace: Vec<(Vec<String>, Vec<String>)>,
    /// Every token on either side of `replace`, for [`Self::is_replaced`].
    replaced_words: FastSet<String>,
    demonyms: FastMap<String, Vec<String>>,
    ignore: FastSet<String>,
    past_markers: FastSet<String>,
    /// The words of `countries` of `[titles]` (see [`Self::with_countries`]).
    countries: Vec<String>,
}

/// Calls `f` with `word` in lower case. The word checks run on many words,
/// nearly all short and ASCII: those are lowered in a stack buffer, with no
/// allocation.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 48];
    match buffer.get_mut(..word.len()) {
        Some(short) if word.is_ascii() => {
            short.copy_from_slice(word.as_bytes());
            short.make_ascii_lowercase();
            // Lower-cased ASCII is still ASCII, hence UTF-8.
            f(std::str::from_utf8(short).unwrap_or(word))
        }
        _ => f(&word.to_lowercase()),
    }
}

/// Splits `text` into lower-case word tokens: parenthesised asides dropped
/// ("(NPC)" repeats what it follows), possessive `'s` dropped, hyphens split.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '\'' | '’' if !word.is_empty() => {
                // "People's" → "people"; "Xi'an" stays one word.
                if chars.peek().is_some_and(|n| *n == 's' || *n == 'S') {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if ahead.peek().is_none_or(|n| !n.is_alphanumeric()) {
                        chars.next();
                        continue;
                    }
                }
                word.push('\'');
            }
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            _ => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

impl TitleNormalizer {
    /// Builds the normaliser. `synonyms` groups list their canonical form
    /// first; every member of a group is also a role.
    pub fn new(
        roles: &[String],
        synonyms: &[Vec<String>],
        replace: &[(String, String)],
        demonyms: &[(String, String)],
        ignore: &[String],
        past_markers: &[String],
    ) -> TitleNormalizer {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut normalizer = TitleNormalizer {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..TitleNormalizer::default()
        };
        for group in synonyms {
            let Some(canonical) = group.first() else { continue };
            let canonical = tokens(canonical).join(" ");
            for member in group {
                normalizer.add_role(tokens(member), canonical.clone());
            }
        }
        for role in roles {
            let role_tokens = tokens(role);
            if !normalizer.roles.contains_key(&role_tokens) {
                let canonical = role_tokens.join(" ");
                normalizer.add_role(role_tokens, canonical);
            }
        }
        normalizer.replace = replace
            .iter()
            .map(|(from, to)| (tokens(from), tokens(to)))
            .filter(|(f, _)| !f.is_empty())
            .collect();
        normalizer
            .replace
            .sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        normalizer.ignore = ignore.iter().map(|w| w.to_lowercase()).collect();
        // Filler words inside a spelled-out name ("of" in "People's Republic
        // of China") are no title words: a title ending in "of" is a phrase
        // going on to someone else ("member of Trump's team").
        normalizer.replaced_words = normalizer
            .replace
            .iter()
            .flat_map(|(from, to)| from.iter().chain(to))
            .filter(|w| !normalizer.ignore.contains(*w))
            .cloned()
            .collect();
        normalizer.demonyms = demonyms
            .iter()
            .map(|(d, country)| (d.to_lowercase(), tokens(country)))
            .collect();
        // "of" in "Chief of Staff" joins a role; it is no role word.
        let ignore = std::mem::take(&mut normalizer.ignore);
        normalizer.role_words.retain(|w| !ignore.contains(w));
        normalizer.ignore = ignore;
        normalizer.past_markers = past_markers
            .iter()
            .map(|w| w.to_lowercase().trim_end_matches('-').to_string())
            .collect();
        normalizer
    }

    fn add_role(&mut self, role_tokens: Vec<String>, canonical: String) {
        if role_tokens.is_empty() {
            return;
        }
        self.longest_role = self.longest_role.max(role_tokens.len());
        self.role_words.extend(role_tokens.iter().cloned());
        self.role_starts.insert(role_tokens[0].clone());
        self.roles.insert(role_tokens, canonical);
    }

    /// Whether `word` (any case) is part of some role phrase.
    pub fn is_role_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.role_words.contains(w))
    }

    /// Whether `word` marks a past office ("former", "ex", "then").
    pub fn is_past_marker(&self, word: &str) -> bool {
        with_lower(word, |w| self.past_markers.contains(w))
    }

    /// Whether `word` is a demonym ("Kazakh").
    pub fn is_demonym(&self, word: &str) -> bool {
        with_lower(word, |w| self.demonyms.contains_key(w))
    }

    /// The words of the countries the demonyms name ("kazakhstan",
    /// "united", "states"): a country in a title contradicts an office only
    /// when the office names another country.
    pub fn country_words(&self) -> impl Iterator<Item = &String> + '_ {
        self.demonyms.values().flatten().chain(&self.countries)
    }

    /// Adds the names of countries that are title words without being
    /// demonyms ("Estonia").
    pub fn with_countries(mut self, countries: &[String]) -> TitleNormalizer {
        self.countries = countries.iter().flat_map(|c| tokens(c)).collect();
        self
    }

    /// Whether `word` is part of a phrase that `replace` spells out ("NPC").
    pub fn is_replaced(&self, word: &str) -> bool {
        with_lower(word, |w| self.replaced_words.contains(w))
    }

    /// Whether `word` is a filler word in titles ("the", "of").
    pub fn is_ignored(&self, word: &str) -> bool {
        with_lower(word, |w| self.ignore.contains(w))
    }

    /// The role phrases as written in the knowledge, for finding titles in text.
    pub fn role_phrases(&self) -> impl Iterator<Item = String> + '_ {
        self.roles.keys().map(|tokens| tokens.join(" "))
    }

    /// The role starting at `tokens[at]`, longest first: (canonical, length).
    fn role_at(&self, tokens: &[String], at: usize) -> Option<(&str, usize)> {
        if !self.role_starts.contains(tokens.get(at)?) {
            return None;
        }
        (1..=self.longest_role.min(tokens.len() - at))
            .rev()
            .find_map(|len| self.roles.get(&tokens[at..at + len]).map(|role| (role.as_str(), len)))
    }

    /// Tokens with replacements and demonyms applied.
    fn normalized_tokens(&self, text: &str) -> Vec<String> {
        let raw = tokens(text);
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        'outer: while i < raw.len() {
            for (from, to) in &self.replace {
                if raw[i..].starts_with(from) {
                    out.extend(to.iter().cloned());
                    i += from.len();
                    continue 'outer;
                }
            }
            match self.demonyms.get(&raw[i]) {
                Some(country) => out.extend(country.iter().cloned()),
                None => out.push(raw[i].clone()),
            }
            i += 1;
        }
        out
    }

    /// The titles in `text`: one per role, a compound ("Secretary of the
    /// Provincial Party Committee and Governor of Zhejiang Province") giving
    /// two. Empty when `text` names no role. A qualifier at the end of a
    /// compound is not lent to the first part: matching is by subset, so the
    /// first part matches its office without it.
    pub fn parse(&self, text: &str) -> Vec<TitleKey> {
        // The same titles recur in article after article: each thread keeps
        // the keys of the titles it has parsed, per normaliser.
        thread_local! {
            static PARSED: std::cell::RefCell<FastMap<(u64, String), Vec<TitleKey>>> = std::cell::RefCell::new(FastMap::default());
        }
        const MAX_CACHED: usize = 4096;
        let key = (self.id, text.to_string());
        if let Some(keys) = PARSED.with(|cache| cache.borrow().get(&key).cloned()) {
            return keys;
        }
        let keys = self.parse_uncached(text);
        PARSED.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.len() >= MAX_CACHED {
                cache.clear();
            }
            cache.insert(key, keys.clone());
        });
        keys
    }

    /// The words `text` gives a title as a qualifier, normalised ("the
    /// United Kingdom" → united, kingdom): what a country adds to its
    /// offices.
    pub fn qualifier_words(&self, text: &str) -> Vec<String> {
        self.normalized_tokens(text)
            .into_iter()
            .filter(|w| !self.ignore.contains(w) && !self.past_markers.contains(w))
            .collect()
    }

    /// [`Self::parse`] without the cache: for texts parsed once (the
    /// knowledge's own office names, thousands of them at load).
    pub fn parse_uncached(&self, text: &str) -> Vec<TitleKey> {
        let tokens = self.normalized_tokens(text);
        // Split at "and" when a role follows it and one came before.
        let mut parts: Vec<&[String]> = Vec::new();
        let mut start = 0;
        let mut seen_role = false;
        for i in 0..tokens.len() {
            if self.role_at(&tokens, i).is_some() {
                seen_role = true;
            }
            if tokens[i] == "and" && seen_role && i + 1 < tokens.len() && self.role_at(&tokens, i + 1).is_some() {
                parts.push(&tokens[start..i]);
                start = i + 1;
                seen_role = false;
            }
        }
        parts.push(&tokens[start..]);
        parts.iter().filter_map(|part| self.parse_part(part)).collect()
    }

    /// The role of a title is its head: the last role before the first
    /// preposition ("the president's press secretary" is a press secretary;
    /// "Chief of Staff of the President" a chief of staff). A role before
    /// the head only qualifies it, as an owner does.
    fn parse_part(&self, tokens: &[String]) -> Option<TitleKey> {
        let mut head: Option<(usize, (&str, usize))> = None;
        let mut i = 0;
        while i < tokens.len() {
            if head.is_some() && HEAD_ENDS.contains(&tokens[i].as_str()) {
                break;
            }
            match self.role_at(tokens, i) {
                Some(role) => {
                    head = Some((i, role));
                    i += role.1;
                }
                None => i += 1,
            }
        }
        let (at, (mut role, len)) = head?;
        // "Deputy Transport Minister" is a deputy minister: a rank word
        // before the head, with qualifiers between, keeps its rank.
        let mut rank_at = None;
        if let Some(r) = tokens[..at].iter().rposition(|t| RANKS.contains(&t.as_str())) {
            let ranked: Vec<String> = std::iter::once(tokens[r].clone())
                .chain(tokens[at..at + len].iter().cloned())
                .collect();
            if let Some(canonical) = self.roles.get(&ranked) {
                role = canonical.as_str();
                rank_at = Some(r);
            }
        }
        let words = tokens
            .iter()
            .enumerate()
            .filter(|(i, _)| (*i < at || *i >= at + len) && Some(*i) != rank_at)
            .map(|(_, w)| w)
            .filter(|w| !self.ignore.contains(*w) && !self.past_markers.contains(*w))
            .cloned()
            .collect();
        Some(TitleKey {
            role: role.to_string(),
            words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    pub(crate) fn normalizer() -> TitleNormalizer {
        TitleNormalizer::new(
            &strings(&[
                "President",
                "Premier",
                "Vice Premier",
                "Prime Minister",
                "First Deputy Prime Minister",
                "Governor",
                "Secretary",
                "Member",
                "Head",
                "top legislator",
                "Consul General",
            ]),
            &[
                strings(&["chair", "chairman", "chairwoman", "speaker"]),
                strings(&["vice chair", "vice chairman", "deputy chair"]),
                strings(&["spokesperson", "spokesman", "press secretary"]),
            ],
            &[
                ("NPC".into(), "National People's Congress".into()),
                ("People's Republic of China".into(), "China".into()),
            ],
            &[
                ("Kazakh".into(), "Kazakhstan".into()),
                ("Chinese".into(), "China".into()),
            ],
            &strings(&["the", "of", "a", "in", "for", "also"]),
            &strings(&["former", "then-", "ex"]),
        )
    }

    fn key(role: &str, words: &[&str]) -> TitleKey {
        TitleKey {
            role: role.to_string(),
            words: words.iter().map(|w| w.to_string()).collect(),
        }
    }

    #[test]
    fn tokens_drop_possessives_and_asides() {
        assert_eq!(
            tokens("Kazakhstan’s People's Congress (NPC)"),
            ["kazakhstan", "people", "congress"]
        );
        assert_eq!(tokens("Vice-Chairman"), ["vice", "chairman"]);
    }

    #[test]
    fn word_order_and_demonyms_do_not_matter() {
        let n = normalizer();
        let expected = vec![key("president", &["kazakhstan"])];
        assert_eq!(n.parse("Kazakh President"), expected);
        assert_eq!(n.parse("President of Kazakhstan"), expected);
        assert_eq!(n.parse("Kazakhstan's President"), expected);
    }

    #[test]
    fn synonyms_and_abbreviations_are_one_title() {
        let n = normalizer();
        assert_eq!(
            n.parse("chairman of the NPC"),
            n.parse("Speaker of the National People’s Congress")
        );
        assert_eq!(n.parse("Deputy Chair")[0].role, "vice chair");
        assert_eq!(
            n.parse("Consul General of the People's Republic of China in Almaty"),
            vec![key("consul general", &["china", "almaty"])]
        );
    }

    #[test]
    fn vice_premier_is_not_premier() {
        let n = normalizer();
        assert_eq!(n.parse("Chinese Vice Premier"), vec![key("vice premier", &["china"])]);
        assert_eq!(n.parse("Premier")[0].role, "premier");
        assert_eq!(
            n.parse("Kazakh First Deputy Prime Minister")[0].role,
            "first deputy prime minister"
        );
    }

    #[test]
    fn compound_titles_are_two_titles() {
        let n = normalizer();
        let keys = n.parse("Secretary of the Provincial Party Committee and Governor of Zhejiang Province");
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0], key("secretary", &["provincial", "party", "committee"]));
        assert_eq!(keys[1], key("governor", &["zhejiang", "province"]));
    }

    #[test]
    fn the_head_of_the_title_is_its_role() {
        let n = normalizer();
        // The last role before a preposition is the head; a role before it
        // is an owner or a qualifier.
        assert_eq!(
            n.parse("the president's press secretary"),
            vec![key("spokesperson", &["president"])]
        );
        assert_eq!(n.parse("Secretary of the Governor")[0].role, "secretary");
        // A rank before the head keeps it, qualifiers between.
        assert_eq!(
            n.parse("Chinese Vice Transport Premier"),
            vec![key("vice premier", &["china", "transport"])]
        );
    }

    #[test]
    fn text_without_a_role_is_no_title() {
        assert!(normalizer().parse("upper house of the Kazakh Parliament").is_empty());
    }
}
