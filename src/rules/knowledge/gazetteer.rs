//! The world's place names factlint knows are real, generated from GeoNames
//! and ISO 3166 by `scripts/gazetteer.py` into
//! `rules/knowledge/gazetteer.txt` (one name a line, sorted, with the ISO
//! 3166-1 codes of the countries it names or lies in) and built into the
//! binary, so no run needs the network or parses megabytes of TOML.
//! The hand-written `[[place]]` tables stay the layer that knows periods,
//! renamings, demonyms and house spellings; this one knows that a name is
//! a real place, and in which countries places of that name lie.
//! Attribution: `rules/knowledge/GAZETTEER.md`.

use std::sync::LazyLock;

static TEXT: &str = include_str!("../../../rules/knowledge/gazetteer.txt");

/// A name and what it names: `=CC` for the country CC, `CC` for a
/// subdivision or city in it, comma-separated.
type Entry = (&'static str, &'static str);

/// The entries, sorted by name as the file is (byte order, which is code
/// point order). Split once, on first use: about 2 ms for 43,000 lines.
static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    TEXT.lines()
        .filter(|l| !l.is_empty())
        .map(|line| line.split_once('\t').unwrap_or((line, "")))
        .collect()
});

fn codes(name: &str) -> Option<&'static str> {
    ENTRIES
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| ENTRIES[i].1)
}

/// Whether `name` is the name of a real country, first-level subdivision or
/// city of 15,000 people or more, as written (case included).
pub fn is_place(name: &str) -> bool {
    codes(name).is_some()
}

/// The ISO code of the country `name` names, when it names nothing else:
/// "Kazakhstan" is `KZ`; "Georgia", also a US state, is no country here,
/// nor "Congo", part of another country's name ("DR Congo").
pub fn country(name: &str) -> Option<&'static str> {
    // Worked out once for every country name, on first use.
    static COUNTRIES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        let all: Vec<(&str, &str)> = ENTRIES
            .iter()
            .filter_map(|(name, codes)| codes.split(',').find_map(|c| c.strip_prefix('=')).map(|c| (*name, c)))
            .collect();
        all.iter()
            .filter(|(name, code)| {
                // "Singapore" names the country and its city: still one country.
                let only_it =
                    codes(name).is_some_and(|codes| codes.split(',').all(|c| c.trim_start_matches('=') == *code));
                // "DR Congo" makes "Congo" a rival's name too; "Hong Kong
                // Special Administrative Region of China" only says whose
                // part Hong Kong is.
                only_it
                    && !all.iter().any(|(other, other_code)| {
                        other_code != code
                            && contains_words(other, name)
                            && !other.strip_suffix(name).is_some_and(|head| head.ends_with(" of "))
                    })
            })
            .copied()
            .collect()
    });
    COUNTRIES
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| COUNTRIES[i].1)
}

/// Whether a country's name may start with `word` ("South" for "South
/// Korea"): a cheap test before the lookups, asked at every comma of an
/// article.
pub fn may_start_country(word: &str) -> bool {
    static FIRST_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut words: Vec<&str> = ENTRIES
            .iter()
            .filter(|(_, codes)| codes.contains('='))
            .filter_map(|(name, _)| name.split(' ').next())
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    });
    FIRST_WORDS.binary_search(&word).is_ok()
}

/// Whether `name` is, word for word, inside the longer `other` ("Congo" in
/// "DR Congo", "Guinea" in "Equatorial Guinea").
fn contains_words(other: &str, name: &str) -> bool {
    other.len() > name.len()
        && other.match_indices(name).any(|(at, _)| {
            let before = other[..at].chars().next_back();
            let after = other[at + name.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphabetic()) && after.is_none_or(|c| !c.is_alphabetic())
        })
}

/// The ISO code of the one country that every place called `name` lies
/// in, when `name` is no country's name: "Almaty" is in `KZ`; "Paris" (in
/// France and in Texas) is in none for certain.
pub fn country_of_place(name: &str) -> Option<&'static str> {
    let codes = codes(name)?;
    (!codes.contains(['=', ','])).then_some(codes).filter(|c| !c.is_empty())
}

/// Whether the places of country `part` lie in country `whole` too: the
/// same code, or a territory that ISO 3166-1 lists on its own but that
/// ISO 3166-2 also lists as a subdivision of `whole` ("Taiwan", "Guam",
/// "Aruba") or whose official name puts it in `whole` ("Hong Kong Special
/// Administrative Region of China"), so that "Kowloon, China" is no wrong
/// country. A country name that is also a town's ("Mali", a town in China)
/// counts too: that errs on the side of saying nothing.
pub fn lies_in_country(part: &str, whole: &str) -> bool {
    static PARTS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        let mut parts = Vec::new();
        for (name, codes) in ENTRIES.iter() {
            let mut own = codes.split(',').filter_map(|c| c.strip_prefix('='));
            let Some(part) = own.next() else { continue };
            // Listed as a country and as a part of another: "Taiwan =TW,CN".
            parts.extend(
                codes
                    .split(',')
                    .filter(|c| !c.starts_with('=') && *c != part)
                    .map(|c| (part, c)),
            );
            // "… of China": the official name says whose part it is.
            if let Some((_, of)) = name.rsplit_once(" of ")
                && let Some(of_code) = country(of)
                && of_code != part
            {
                parts.push((part, of_code));
            }
        }
        parts.sort_unstable();
        parts.dedup();
        parts
    });
    part == whole || PARTS.binary_search(&(part, whole)).is_ok()
}

/// The name of the country with ISO code `code`, as the gazetteer writes it
/// first ("KZ" → "Kazakhstan").
pub fn country_name(code: &str) -> Option<&'static str> {
    static BY_CODE: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        let mut by_code: Vec<(&str, &str)> = ENTRIES
            .iter()
            .filter_map(|(name, codes)| Some((codes.strip_prefix('=')?, *name)))
            .filter(|(code, _)| code.len() == 2)
            .collect();
        // The shortest name of each code: "Russia", not "Russian Federation".
        by_code.sort_by_key(|(code, name)| (*code, name.len()));
        by_code.dedup_by_key(|(code, _)| *code);
        by_code
    });
    BY_CODE
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| BY_CODE[i].1)
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
    fn countries_and_the_countries_places_lie_in() {
        assert_eq!(country_of_place("Almaty"), Some("KZ"));
        assert_eq!(country("Kazakhstan"), Some("KZ"));
        // Singapore names the country and its city: still one country;
        // Luxembourg is also a province of Belgium.
        assert_eq!(country("Singapore"), Some("SG"));
        assert_eq!(country("Luxembourg"), None);
        assert_eq!(country_name("KZ"), Some("Kazakhstan"));
        assert_eq!(country_name("RU"), Some("Russia"));
        // Hubei and Hebei are two provinces of China, not one misspelt.
        assert_eq!(country_of_place("Hubei"), Some("CN"));
        assert_eq!(country_of_place("Hebei"), Some("CN"));
        // Names of places in several countries, or of a country and a
        // state, say nothing for certain.
        assert_eq!(country_of_place("Paris"), None);
        assert_eq!(country("Georgia"), None);
        assert_eq!(country("Congo"), None);
        assert_eq!(country("Korea"), None);
        assert_eq!(country_of_place("Kazakhstan"), None);
        // Columbia is in the United States only among the places of the
        // gazetteer; with its country named it is judged.
        assert_eq!(country_of_place("Columbia"), Some("US"));
    }

    #[test]
    fn the_file_is_sorted_so_that_binary_search_works() {
        assert!(ENTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(ENTRIES.len() > 30_000);
    }

    #[test]
    fn territories_lie_in_the_country_they_are_part_of() {
        assert!(lies_in_country("KZ", "KZ"));
        assert!(lies_in_country("HK", "CN"));
        assert!(lies_in_country("MO", "CN"));
        assert!(lies_in_country("TW", "CN"));
        assert!(lies_in_country("GU", "US"));
        assert!(!lies_in_country("KZ", "CN"));
        assert!(!lies_in_country("CN", "HK"));
        assert!(!lies_in_country("FR", "DE"));
    }
}
