//! The world's place names factlint knows are real, generated from GeoNames
//! and ISO 3166 by `scripts/gazetteer.py` into
//! `rules/knowledge/gazetteer.txt` (one name a line, sorted) and built into
//! the binary, so no run needs the network or parses megabytes of TOML.
//! The hand-written `[[place]]` tables stay the layer that knows periods,
//! renamings, demonyms and house spellings; this one only knows that a name
//! is a real place. Attribution: `rules/knowledge/GAZETTEER.md`.

use std::sync::LazyLock;

static TEXT: &str = include_str!("../../../rules/knowledge/gazetteer.txt");

/// The names, sorted as the file is (byte order, which is code point order).
static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| TEXT.lines().filter(|l| !l.is_empty()).collect());

/// Whether `name` is the name of a real country, first-level subdivision or
/// city of 15,000 people or more, as written (case included).
pub fn is_place(name: &str) -> bool {
    NAMES.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_places_are_known_and_misspellings_are_not() {
        for place in [
            "Hubei",
            "Hebei",
            "Shaanxi",
            "Shanxi",
            "Tempe",
            "Tampa",
            "Nuremberg",
            "Idlib",
            "Kazakhstan",
        ] {
            assert!(is_place(place), "{place}");
        }
        for word in ["Nuremburg", "Idilb", "Hadonggan", "hubei", ""] {
            assert!(!is_place(word), "{word}");
        }
    }

    #[test]
    fn the_file_is_sorted_so_that_binary_search_works() {
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(NAMES.len() > 30_000);
    }
}
