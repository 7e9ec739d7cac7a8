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
}

impl<T: Copy> Default for PhraseMatcherBuilder<T> {
    fn default() -> Self {
        PhraseMatcherBuilder {
            index: HashMap::new(),
            phrases: Vec::new(),
            wants: Vec::new(),
        }
    }
}

impl<T: Copy> PhraseMatcherBuilder<T> {
    /// Registers `phrase` for `owner`.
    pub fn add(&mut self, phrase: &str, owner: T, case_sensitive: bool, whole_word: bool) {
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
            // A DFA: more memory than the default NFA, but the fastest
            // search, and the automaton is built once per run.
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&self.phrases)
                .map(Some)?
        };
        Ok(PhraseMatcher {
            automaton,
            wants: self.wants,
        })
    }
}

/// The built matcher: shareable across threads, one scan per article.
pub struct PhraseMatcher<T> {
    automaton: Option<AhoCorasick>,
    wants: Vec<Vec<Want<T>>>,
}

impl<T: Copy> PhraseMatcher<T> {
    /// Every occurrence of every phrase in `text`, overlapping ones included
    /// (a check decides whether "Astana" inside "Astana Times" counts), in
    /// order of start offset.
    pub fn find(&self, text: &str) -> Vec<Hit<T>> {
        let mut hits = Vec::new();
        let Some(automaton) = &self.automaton else {
            return hits;
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
                hits.push(Hit {
                    owner: want.owner,
                    range: range.clone(),
                });
            }
        }
        hits.sort_by_key(|hit| (hit.range.start, std::cmp::Reverse(hit.range.end)));
        hits
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
    fn empty_matcher_finds_nothing() {
        assert!(matcher(&[]).find("anything").is_empty());
    }
}
