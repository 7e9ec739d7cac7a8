//! The rule file schema exactly as written in TOML, before validation.
//!
//! Flat structs with `deny_unknown_fields`, so a misspelt key is an error with
//! a span rather than silently ignored, and `Spanned` fields, so every later
//! validation error can point at the value it is about. Everything a kind
//! needs is an optional field here; [`super::compile`] checks which are
//! required for which kind.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One rule file: any number of `[[check]]` tables, and the knowledge tables
/// checks use: `[titles]` (how titles are written), `[[office]]`,
/// `[[person]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRuleFile {
    #[serde(default)]
    pub check: Vec<Spanned<RawCheck>>,
    pub titles: Option<RawTitles>,
    #[serde(default)]
    pub office: Vec<Spanned<RawOffice>>,
    #[serde(default)]
    pub person: Vec<Spanned<RawPerson>>,
    #[serde(default)]
    pub event: Vec<Spanned<RawEvent>>,
    #[serde(default)]
    pub place: Vec<Spanned<RawPlace>>,
    /// Where the knowledge of this file comes from, and until when it is
    /// known (`factlint knowledge import` writes it): a file with a
    /// `[source]` is of the imported layer.
    pub source: Option<RawSource>,
}

/// `[source]`: the provenance of a knowledge file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSource {
    /// Who keeps the data ("Wikidata").
    pub name: Spanned<String>,
    /// The last day the data is known to be right: after it, nothing is
    /// judged from this file.
    pub known_until: Option<Spanned<toml::Value>>,
    /// What was imported, how and when (free text).
    pub note: Option<String>,
}

/// A `[[place]]`: a country, region or city, its names over time, other
/// spellings, and where it lies.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPlace {
    pub id: Spanned<String>,
    /// `country`, `region`, `province` or `city`.
    pub kind: Spanned<String>,
    /// The `id` of the place it lies in.
    #[serde(rename = "in")]
    pub within: Option<Spanned<String>>,
    /// Its names, each valid `from`/`to` (open-ended allowed).
    pub names: Vec<Spanned<RawPlaceName>>,
    /// Other spellings and transliterations, each mapped to the name it
    /// spells: `{ "Nursultan" = "Nur-Sultan" }`.
    #[serde(default)]
    pub spellings: BTreeMap<String, Spanned<String>>,
    /// Adjectives for it: "Kazakh", "Kazakhstani".
    #[serde(default)]
    pub demonyms: Vec<Spanned<String>>,
    /// Places it is (or was) the capital of.
    #[serde(default)]
    pub capital_of: Vec<Spanned<RawCapital>>,
    /// Longer proper names that contain one of its names but are not the
    /// place: "Astana International Financial Centre", "FC Astana".
    #[serde(default)]
    pub not_the_place: Vec<Spanned<String>>,
    pub note: Option<String>,
    /// Texts with a date, run through the checks by `factlint test`.
    #[serde(default)]
    pub tests: Vec<Spanned<RawKnowledgeTest>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPlaceName {
    pub name: Spanned<String>,
    pub from: Option<Spanned<toml::Value>>,
    pub to: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCapital {
    /// The `id` of the place it is the capital of.
    pub place: Spanned<String>,
    pub from: Option<Spanned<toml::Value>>,
    pub to: Option<Spanned<toml::Value>>,
}

/// An `[[event]]`: something that happened on a known date, and the phrases
/// that name it, for the anniversary check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawEvent {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    /// A TOML date, a month (`"2019-09"`) or a year.
    pub date: Spanned<toml::Value>,
    /// Phrases that name the event in text ("diplomatic relations").
    pub mentions: Vec<Spanned<String>>,
    /// The `[[place]]` ids the event is between ("china", "kazakhstan"):
    /// a sentence must name each (by a name or a demonym) for a mention to
    /// be this event, since other countries' "diplomatic relations" have
    /// their own dates.
    #[serde(default)]
    pub between: Vec<Spanned<String>>,
    pub note: Option<String>,
}

/// How titles are written: the one place for synonyms, abbreviations,
/// demonyms and filler words, shared by every office.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawTitles {
    /// Role nouns a title is built around ("Vice Premier", "Governor").
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
    /// Groups of role words that mean the same; the first is canonical.
    #[serde(default)]
    pub synonyms: Vec<Vec<Spanned<String>>>,
    /// Phrases written for others: abbreviations and long forms
    /// (`NPC` = "National People's Congress").
    #[serde(default)]
    pub replace: BTreeMap<String, Spanned<String>>,
    /// Adjectives of nationality and the country they stand for.
    #[serde(default)]
    pub demonyms: BTreeMap<String, Spanned<String>>,
    /// Words that carry no meaning in a title ("the", "of").
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Words that mark a past office ("former", "then-").
    #[serde(default)]
    pub past_markers: Vec<Spanned<String>>,
    /// Names of countries that are a word of a title ("Estonia" in
    /// "President of Estonia"), besides those its demonyms name: a country
    /// in a title contradicts an office of another country.
    #[serde(default)]
    pub countries: Vec<Spanned<String>>,
}

/// An `[[office]]`: a post that people hold, with the ways it is written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawOffice {
    pub id: Spanned<String>,
    /// The preferred full title, used in messages.
    pub name: Spanned<String>,
    /// Other ways the title is written; `name` is always one of them.
    #[serde(default)]
    pub titles: Vec<Spanned<String>>,
    /// The office's Wikidata item ("Q14211"): an office of an earlier
    /// layer with the same item is this one.
    pub wikidata: Option<Spanned<String>>,
    /// Texts with a date, run through the checks by `factlint test`.
    #[serde(default)]
    pub tests: Vec<Spanned<RawKnowledgeTest>>,
}

/// A test of a knowledge entry: an article's text and date, and whether the
/// checks must flag it (`invalid`) or stay silent (`valid`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawKnowledgeTest {
    pub date: Spanned<toml::Value>,
    #[serde(default)]
    pub valid: Vec<Spanned<String>>,
    #[serde(default)]
    pub invalid: Vec<Spanned<String>>,
}

/// A `[[person]]`: an official, the ways their name is written, and the
/// offices they held.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPerson {
    pub id: Spanned<String>,
    /// The preferred full name.
    pub name: Spanned<String>,
    /// Other accepted spellings of the full name.
    #[serde(default)]
    pub spellings: Vec<Spanned<String>>,
    /// Forms used after a first mention ("Tokayev").
    #[serde(default)]
    pub short: Vec<Spanned<String>>,
    /// Other accepted names (Wikidata's aliases): a mention, never a
    /// misspelling, unlike `spellings`.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub offices: Vec<Spanned<RawTenure>>,
    /// From when the knowledge knows the person's career: before it, "never
    /// held" cannot be said. Default: the start of their first recorded
    /// office.
    pub known_from: Option<Spanned<toml::Value>>,
    /// The person's Wikidata item ("Q7747"): a person of an earlier layer
    /// (the world layer, an import) with the same item, or the same `id`,
    /// is this one, merged as `merge` says.
    pub wikidata: Option<Spanned<String>>,
    /// `"replace"` (the default): this record stands for the earlier one;
    /// `"extend"`: its offices, spellings and short forms are added to it.
    pub merge: Option<Spanned<String>>,
    /// Texts with a date, run through the checks by `factlint test`.
    #[serde(default)]
    pub tests: Vec<Spanned<RawKnowledgeTest>>,
    /// Free text for the rule author (sources, caveats).
    pub note: Option<String>,
}

/// A period in office. Dates are TOML dates (`2019-03-20`), a month
/// (`"2022-01"`) or a year (`2019`); a missing `to` means still in office.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawTenure {
    /// The `id` of an `[[office]]`.
    pub office: Spanned<String>,
    pub from: Option<Spanned<toml::Value>>,
    pub to: Option<Spanned<toml::Value>>,
    pub note: Option<String>,
}

/// A `[[check]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCheck {
    /// Kebab-case id starting with the kind's family, e.g. `term-belt-and-road`.
    pub id: Spanned<String>,
    /// What the check does: `term`, `title-mismatch`, `title-not-held`,
    /// `title-inconsistent`, `title-name-spelling`, `date-invalid`,
    /// `date-weekday`, `date-range`, `date-after-publication`, `date-dateline`,
    /// `date-anniversary`, `date-style`.
    pub kind: Spanned<String>,
    /// `error`, `warning` (default) or `info`.
    pub severity: Option<Spanned<String>>,
    /// The diagnostic message; `{found}` and `{preferred}` are filled in.
    pub message: Option<Spanned<String>>,
    /// Documentation shown by `factlint explain`, with the headings
    /// `## What it does`, `## Why is this bad?`, `## Example`.
    pub description: Option<Spanned<String>>,
    /// `false` ships the rule switched off (house-style rules); `factlint.toml`
    /// can switch it on.
    pub enabled: Option<bool>,

    // --- kind = "term" ---
    /// The form to use. Without it, the check is a corpus-wide consistency
    /// check: the variants the corpus uses least are reported.
    pub preferred: Option<Spanned<String>>,
    /// Literal forms to find.
    pub variants: Option<Vec<Spanned<String>>>,
    /// Regular expressions (Rust `regex` syntax) to find.
    pub patterns: Option<Vec<Spanned<String>>>,
    /// Match case exactly (default `false`).
    pub case_sensitive: Option<bool>,
    /// Match only whole words (default `true`).
    pub whole_word: Option<bool>,
    /// Judge uses inside quoted speech too (default `false`: a quotation is
    /// the speaker's words).
    pub in_quotes: Option<Spanned<bool>>,
    /// How safe the fix to `preferred` is: `safe` (default), `unsafe`, `none`.
    pub fix: Option<Spanned<String>>,

    // --- kind = "date-dateline" ---
    /// How many days a dateline's date may be from the publication date (default 2).
    pub max_days: Option<u32>,

    // --- kind = "date-style" ---
    /// Month names with a day: `ap` (Jan., Feb., Aug., Sept., Oct., Nov.,
    /// Dec.; the others in full) or `full`.
    pub months: Option<Spanned<String>>,
    /// Ordinal suffixes on days ("May 29th"): `remove` or `keep` (default `remove`).
    pub ordinals: Option<Spanned<String>>,

    /// Test cases: texts on which the check must be silent (`valid`), must
    /// report (`invalid`), and small corpora for corpus-wide checks.
    pub tests: Option<Spanned<RawTests>>,

    // --- kind = "title-inconsistent" ---
    /// How many days apart articles may be for a back-and-forth of titles
    /// (A, B, A) to count as a conflict (default 90).
    pub window_days: Option<u32>,
}

/// `[check.tests]`: the rule's test cases. A case is a string (the article's
/// text) or a table `{ text, date, dateline, markdown }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawTests {
    #[serde(default)]
    pub valid: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    pub invalid: Vec<Spanned<toml::Value>>,
    /// Cases of several articles, checked together.
    #[serde(default)]
    pub corpus: Vec<Spanned<RawCorpusCase>>,
}

/// `[[check.tests.corpus]]`: several small articles checked as one corpus.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCorpusCase {
    /// `valid` (no diagnostic from the rule) or `invalid` (at least one).
    pub expect: Spanned<String>,
    pub articles: Vec<Spanned<toml::Value>>,
}
