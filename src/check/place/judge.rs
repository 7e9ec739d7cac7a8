//! The judgements of known place names: a name not valid on the article's
//! date, a variant spelling, a place put in the wrong country.

use super::*;
use crate::text::calendar;

pub(super) fn periods(place: &Place, name: &str) -> String {
    let periods: Vec<String> = place
        .names
        .iter()
        .filter(|n| n.name == name)
        .map(|n| match (&n.from, &n.to) {
            (Some(f), Some(t)) => format!("from {} to {}", f.text, t.text),
            (Some(f), None) => format!("since {}", f.text),
            (None, Some(t)) => format!("until {}", t.text),
            (None, None) => "always".to_string(),
        })
        .collect();
    periods.join(" and again ")
}

pub(super) fn outdated(
    check: &Check,
    article: &Article,
    place: &Found,
    text: &str,
    name: &str,
    right: &str,
    date: NaiveDate,
) -> Diagnostic {
    let replacement = match_case(text, right);
    let span = article.span(place.range.clone());
    Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!("on {date}, the {} was called {right}, not {text}", place.place.kind),
        Label::new(span, format!("`{name}` was its name {}", periods(place.place, name))),
    )
    .with_note(format!(
        "help: write `{replacement}`; for a historical mention write e.g. \"{text} (now {right})\""
    ))
    .with_fix(Fix::replace(span, replacement, Applicability::Safe))
}

pub(super) fn spelling_diagnostic(
    check: &Check,
    article: &Article,
    place: &Found,
    text: &str,
    target: &str,
) -> Diagnostic {
    let replacement = match_case(text, target);
    let span = article.span(place.range.clone());
    Diagnostic::new(
        &check.meta.id,
        check.meta.severity,
        format!("`{text}` is a variant spelling of `{target}`"),
        Label::new(span, format!("write `{replacement}`")),
    )
    .with_fix(Fix::replace(span, replacement, Applicability::Safe))
}

/// What the text says of a place: that it lies in, or is the capital of,
/// another.
pub(super) enum Claim {
    In,
    CapitalOf,
}

pub(super) static DEMONYM_CAPITAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,[ ](?:the[ ])?(?P<dem>[A-Z][a-z]+)[ ]capital\b").expect("static regex"));
pub(super) static CAPITAL_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,[ ](?:the[ ])?capital[ ]of[ ](?:the[ ])?$").expect("static regex"));
pub(super) static CITY_OF_DEMONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Tt]he[ ](?P<dem>[A-Z][a-z]+)[ ]city[ ]of[ ]$").expect("static regex"));

/// How far before a place its "the Kazakh city of" is looked for.
const MAX_DEMONYM_BYTES: usize = 48;

/// The demonym of "the Kazakh city of " right before `at`, as a range of
/// `prose`, and the knowledge's place it names. Only the bytes such a
/// phrase can span are read, not the whole text before every place.
fn demonym_before(prose: &str, places: &Places, at: usize) -> Option<(Range<usize>, usize)> {
    let head = prose.floor_char_boundary(at.saturating_sub(MAX_DEMONYM_BYTES));
    // `captures_at`: the search starts at `head`, but `\b` still sees the
    // byte before it.
    let dem = CITY_OF_DEMONYM.captures_at(&prose[..at], head)?.name("dem")?;
    let place = places.by_demonym(dem.as_str())?;
    Some((dem.range(), place))
}

pub(super) fn wrong_country(
    check: &Check,
    article: &Article,
    places: &Places,
    found: &[Found],
    date: Option<NaiveDate>,
) -> Vec<Diagnostic> {
    let prose = &article.prose;
    let mut claims: Vec<(usize, usize, Range<usize>, Claim)> = Vec::new(); // (place, claimed container, its range, claim)
    for (i, x) in found.iter().enumerate() {
        if places.places[x.index].kind == "country" {
            continue;
        }
        let after = &prose[x.range.end..];
        // "X, the Kazakh capital"
        if let Some(c) = DEMONYM_CAPITAL.captures(after)
            && let (Some(dem), Some(y)) = (c.name("dem"), c.name("dem").and_then(|d| places.by_demonym(d.as_str())))
        {
            let range = x.range.end + dem.start()..x.range.end + c.get(0).map_or(dem.end(), |m| m.end());
            claims.push((i, y, range, Claim::CapitalOf));
        }
        // The next place found, and what stands between.
        let Some(y) = found.get(i + 1) else { continue };
        let between = &prose[x.range.end..y.range.start];
        let container = places.places[y.index].kind != "city";
        if !container {
            continue;
        }
        let rest = prose[y.range.end..].trim_start();
        let ends_phrase = rest.is_empty() || rest.starts_with(['.', ',', ';', ':', ')']) && !rest.starts_with(", and");
        // "Beijing, Jiangsu, Guangdong and Shanghai": a list goes on with
        // more names and an "and"; "Hangzhou, Zhejiang, China." does not.
        let more_names = rest.strip_prefix(", ").is_some_and(|more| {
            let names = more
                .split(' ')
                .take_while(|w| w.starts_with(char::is_uppercase) && !w.ends_with([',', '.']))
                .count();
            // The word after the names, not every word to the text's end.
            names > 0 && matches!(more.split(' ').nth(names), Some("and" | "or"))
        });
        let continues_list = rest.starts_with("and ") || rest.starts_with("or ") || more_names;
        // "X in Y", or "X, Y" that ends a phrase and is not a list. Where
        // the sentence goes on after Y ("talks with Astana, China, which
        // …"), Y may be the subject of what follows: an address then needs
        // a preposition of place before X ("a plant in Astana, China,
        // which …"), as for the gazetteer's places.
        let goes_on = rest.starts_with(',');
        let address = between == ", "
            && ends_phrase
            && !after_list(prose, x.range.start)
            && (!goes_on || after_place_preposition(prose, x.range.start));
        let in_claim = (between == " in " || between == ", in ") || address;
        if CAPITAL_OF.is_match(between) {
            claims.push((i, y.index, y.range.clone(), Claim::CapitalOf));
        } else if in_claim && !continues_list {
            claims.push((i, y.index, y.range.clone(), Claim::In));
        }
    }
    // "the Chinese city of Almaty"
    for (i, x) in found.iter().enumerate() {
        if let Some((dem, y)) = demonym_before(prose, places, x.range.start) {
            claims.push((i, y, dem, Claim::In));
        }
    }
    let mut diagnostics = Vec::new();
    for (i, y, y_range, claim) in claims {
        let x = &found[i];
        let x_name = &article.text[x.range.clone()];
        let y_place = &places.places[y];
        let y_name = y_place.current_name();
        let message = match claim {
            Claim::In => {
                if places.lies_in(x.index, y) {
                    continue;
                }
                let real = x.place.within.map_or("?", |w| places.places[w].current_name());
                format!("{x_name} is in {real}, not in {y_name}")
            }
            Claim::CapitalOf => {
                let is_capital = x.place.capital_of.iter().any(|c| c.of == y && c.valid_on(date));
                if is_capital {
                    continue;
                }
                let real: Vec<&str> = x
                    .place
                    .capital_of
                    .iter()
                    .filter(|c| c.valid_on(date))
                    .map(|c| places.places[c.of].current_name())
                    .collect();
                match real.first() {
                    Some(real) => format!("{x_name} is the capital of {real}, not of {y_name}"),
                    None => format!("{x_name} is not the capital of {y_name}"),
                }
            }
        };
        diagnostics.push(
            Diagnostic::new(
                &check.meta.id,
                check.meta.severity,
                message,
                Label::new(article.span(y_range), format!("not where {x_name} is")),
            )
            .with_secondary(Label::new(article.span(x.range.clone()), x_name.to_string())),
        );
    }
    diagnostics
}

/// Whether `start` follows a comma-separated list item ("Moscow, Beijing,
/// Kazakhstan"): then "X, Y" is a list, not "X in Y".
pub(super) fn after_list(prose: &str, start: usize) -> bool {
    let before = prose[..start].trim_end();
    before.ends_with(',') || before.ends_with(" and") || before.ends_with(" between") || before.ends_with(" from")
}

/// How many words a place name of the gazetteer may have here ("Rio de
/// Janeiro" is three; longer ones are rare and left alone).
const MAX_NAME_WORDS: usize = 3;

/// `place-wrong-country` for the places of the world gazetteer: "X, Y",
/// the address form, where Y names a country and nothing else, and every
/// place called X lies in another country ("Almaty, China"); and "the
/// Kazakh city of X", with a demonym of a country the knowledge knows.
/// Left alone: a name shared by places of several countries (Paris, France
/// and Texas), a Y that is also a state (Georgia) or part of another
/// country's name ("Congo", "Korea"), a territory of Y ("Kowloon, China":
/// Hong Kong), an X that ends a longer capitalised name ("Val Gardena,
/// Italy", "the Red Sea, Yemen"), lists ("Moscow, Beijing, Kazakhstan"), an
/// X the knowledge knows (its `[[place]]` table judges it) and quoted
/// speech. "X in Y" is no address: people and bodies are in countries too
/// ("Police in Australia", "Le Pen in France").
pub(super) fn gazetteer_wrong_country(
    check: &Check,
    article: &Article,
    places: &Places,
    found: &[Found],
) -> Vec<Diagnostic> {
    let prose = &article.prose;
    let found_ranges = RangeSet::new(found.iter().map(|f| f.range.clone()));
    let known = |range: &Range<usize>| found_ranges.overlaps(range);
    let mut claims: Vec<GazetteerClaim> = Vec::new();
    // memchr's searcher: `str::match_indices` with a two-byte needle was
    // a fifth of the places stage on real news.
    let separator = ", ";
    for at in memchr::memmem::find_iter(prose.as_bytes(), separator) {
        let y_start = at + separator.len();
        let Some((y_range, y_code)) = country_after(prose, y_start) else {
            continue;
        };
        let Some((x_range, x_code)) = place_before(prose, at) else {
            continue;
        };
        if after_list(prose, x_range.start) || !ends_claim(&prose[y_range.end..]) {
            continue;
        }
        // Where the sentence goes on after the country, the country may
        // be the subject of its clause ("frustration with Pyongyang, China
        // last month banned …"): an address then needs a preposition of
        // place before it ("a plant in Lanzhou, China, which …").
        let sentence_goes_on =
            !prose[y_range.end..].starts_with(['.', ';', ':', ')', '!', '?']) && y_range.end < prose.len();
        if sentence_goes_on && !after_place_preposition(prose, x_range.start) {
            continue;
        }
        claims.push(GazetteerClaim {
            claimed_name: article.text[y_range.clone()].to_string(),
            place: x_range,
            place_country: x_code,
            claimed: y_range,
            claimed_country: y_code,
        });
    }
    claims.extend(demonym_city_claims(prose, places));
    let mut diagnostics = Vec::new();
    for GazetteerClaim {
        place: x_range,
        place_country: x_code,
        claimed: y_range,
        claimed_country: y_code,
        claimed_name: y_name,
    } in claims
    {
        // A place the knowledge knows is judged by its `[[place]]` table
        // (the country named may be known too: "Lanzhou, Kazakhstan" is
        // still the gazetteer's to judge).
        if gazetteer::lies_in_country(x_code, y_code)
            || known(&x_range)
            || quote::in_quotation(&article.text, x_range.start)
        {
            continue;
        }
        let x_name = &article.text[x_range.clone()];
        let real = gazetteer::country_name(x_code).unwrap_or(x_code);
        diagnostics.push(
            Diagnostic::new(
                &check.meta.id,
                check.meta.severity,
                format!("{x_name} is in {real}, not in {y_name}"),
                Label::new(article.span(y_range), format!("not where {x_name} is")),
            )
            .with_secondary(Label::new(article.span(x_range), x_name.to_string()))
            .with_note(format!(
                "every place called {x_name} in the world gazetteer (GeoNames, cities of 15,000 people or more; ISO 3166) is in {real}"
            )),
        );
    }
    diagnostics.sort_by_key(|d| d.primary.span.start);
    diagnostics
}

/// A claim that a place of the gazetteer lies in a country.
struct GazetteerClaim {
    /// The place's name, and the one country its namesakes lie in.
    place: Range<usize>,
    place_country: &'static str,
    /// The words that name the country claimed ("China", "Kazakh"), its
    /// code and its name.
    claimed: Range<usize>,
    claimed_country: &'static str,
    claimed_name: String,
}

/// Prepositions of place: "in Lanzhou, China" is an address wherever the
/// sentence goes on.
const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "from", "near", "outside", "to", "via", "into"];

/// Whether the word before `start` is a preposition of place.
fn after_place_preposition(prose: &str, start: usize) -> bool {
    let word = prose[..start].trim_end().rsplit(' ').next().unwrap_or_default();
    PLACE_PREPOSITIONS.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// "the Kazakh city of Lanzhou": a demonym of a country the knowledge
/// knows, and after "city of" the whole capitalised name of a place of
/// the gazetteer whose namesakes all lie in one country. (place, its
/// country, the demonym, the demonym's country.)
fn demonym_city_claims(prose: &str, places: &Places) -> Vec<GazetteerClaim> {
    let needle = " city of ";
    let mut claims = Vec::new();
    for at in memchr::memmem::find_iter(prose.as_bytes(), needle) {
        let x_start = at + needle.len();
        let Some((dem, country)) = demonym_before(prose, places, x_start)
            .map(|(dem, i)| (dem, &places.places[i]))
            .filter(|(_, p)| p.kind == "country")
        else {
            continue;
        };
        let Some(y_code) = gazetteer::country(country.current_name()) else {
            continue;
        };
        // The whole capitalised run is the name, or nothing is.
        let words = name_words_after(prose, x_start);
        let Some(last) = words.last() else { continue };
        let run_goes_on = prose[last.end..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(char::is_uppercase));
        if run_goes_on {
            continue;
        }
        let x_range = x_start..last.end;
        if let Some(x_code) = gazetteer::country_of_place(&prose[x_range.clone()]) {
            claims.push(GazetteerClaim {
                place: x_range,
                place_country: x_code,
                claimed: dem,
                claimed_country: y_code,
                claimed_name: country.current_name().to_string(),
            });
        }
    }
    claims
}

/// The capitalised words of a name starting at `start`: up to
/// [`MAX_NAME_WORDS`], each a capital and letters (hyphens and
/// apostrophes inside), one space apart.
fn name_words_after(prose: &str, start: usize) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut at = start;
    while words.len() < MAX_NAME_WORDS {
        let rest = &prose[at..];
        if !rest.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        let len = rest
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’'))
            .unwrap_or(rest.len());
        words.push(at..at + len);
        at += len;
        if !prose[at..].starts_with(' ') {
            break;
        }
        at += 1;
    }
    words
}

/// A country's name right after `start` ("China", "South Korea"), the
/// longest that the gazetteer takes for a country and nothing else.
fn country_after(prose: &str, start: usize) -> Option<(Range<usize>, &'static str)> {
    if !prose[start..].starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let words = name_words_after(prose, start);
    if !words
        .first()
        .is_some_and(|w| gazetteer::may_start_country(&prose[w.clone()]))
    {
        return None;
    }
    (1..=words.len()).rev().find_map(|n| {
        let range = start..words[n - 1].end;
        gazetteer::country(&prose[range.clone()]).map(|code| (range, code))
    })
}

/// A place's name ending right before `end` ("Almaty", "Rio de Janeiro"
/// is not: lower-case words end the walk), the longest whose every
/// namesake in the gazetteer lies in one country.
fn place_before(prose: &str, end: usize) -> Option<(Range<usize>, &'static str)> {
    let before = &prose[..end];
    let mut starts = Vec::new();
    let mut at = end;
    while starts.len() < MAX_NAME_WORDS {
        let word_start = before[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '’'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if word_start == at || !before[word_start..].starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        starts.push(word_start);
        if word_start == 0 || !before[..word_start].ends_with(' ') {
            break;
        }
        at = word_start - 1;
    }
    // The whole capitalised run is the name, or nothing is: "Copenhagen
    // Airport" names no town called Airport.
    let start = *starts.last()?;
    let run_goes_on = before[..start]
        .strip_suffix(' ')
        .and_then(|b| b.chars().next_back())
        .is_some_and(char::is_uppercase);
    // "across the Red Sea, Yemen": a name with "the" is a sea, a region or
    // a body, not a town in an address.
    let after_the = before[..start]
        .trim_end()
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    if run_goes_on || after_the || calendar_word(prose, start, end) {
        return None;
    }
    gazetteer::country_of_place(&prose[start..end]).map(|code| (start..end, code))
}

/// Whether the name `start..end` is a month's or a weekday's ("in March,
/// France said …", "on Sunday, Japan …"): news writes the month, not the
/// town of March in England, unless the text makes it a place ("the town
/// of March").
fn calendar_word(prose: &str, start: usize, end: usize) -> bool {
    let name = &prose[start..end];
    let calendar = calendar::weekday_named(name).is_some_and(|w| calendar::weekday_name(w) == name)
        || calendar::parse_month(name).is_some_and(|m| calendar::month_name(m) == name);
    let made_a_place = prose[..start].trim_end().rsplit(' ').next().is_some_and(|w| w == "of");
    calendar && !made_a_place
}

/// Whether the text after a country's name ends the claim: the sentence
/// or clause ends ("Almaty, China."), not a list or a longer name
/// ("Almaty, China and Russia", "China Daily").
fn ends_claim(rest: &str) -> bool {
    let rest = rest.strip_prefix(['\'', '’']).map_or(rest, |_| "x");
    match rest.chars().next() {
        None => true,
        Some(c) if ".;:)!?".contains(c) => true,
        Some(',') => {
            let after = rest[1..].trim_start();
            !(after.starts_with("and ") || after.starts_with("or ") || after.starts_with(char::is_uppercase))
        }
        Some(' ') => {
            let next = rest[1..].split(' ').next().unwrap_or_default();
            next.starts_with(char::is_lowercase) && !matches!(next, "and" | "or")
        }
        _ => false,
    }
}
