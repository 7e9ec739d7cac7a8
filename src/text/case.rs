//! Case matching: a replacement written in the case style of the text it
//! replaces, shared by every kind that proposes a fix.

/// Write `replacement` in the case style of `found`, so that a fix keeps the
/// look of the text it replaces: `NUR-SULTAN` → `ASTANA` in an upper-case
/// dateline, `obor` → `Belt and Road Initiative` (a proper noun keeps its
/// capitals), `nur-sultan` at a sentence start stays capitalised.
pub fn match_case(found: &str, replacement: &str) -> String {
    let has_upper = found.chars().any(char::is_uppercase);
    let has_lower = found.chars().any(char::is_lowercase);
    let multi_letter = found.chars().filter(|c| c.is_alphabetic()).count() > 1;
    if has_upper && !has_lower && multi_letter {
        return replacement.to_uppercase();
    }
    let found_capitalised = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if found_capitalised && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::match_case;

    #[test]
    fn upper_case_text_gets_an_upper_case_replacement() {
        assert_eq!(match_case("NUR-SULTAN", "Astana"), "ASTANA");
    }

    #[test]
    fn capitalised_text_gets_a_capitalised_replacement() {
        assert_eq!(match_case("Majilis", "mazhilis"), "Mazhilis");
        assert_eq!(match_case("Nur-Sultan", "Astana"), "Astana");
    }

    #[test]
    fn proper_nouns_keep_their_capitals_in_lower_case_text() {
        assert_eq!(
            match_case("obor", "Belt and Road Initiative"),
            "Belt and Road Initiative"
        );
        assert_eq!(match_case("hadonggan", "dungan"), "dungan");
    }

    #[test]
    fn a_single_capital_letter_is_not_upper_case_text() {
        assert_eq!(match_case("A", "an"), "An");
    }
}
