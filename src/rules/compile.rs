//! Validation of raw rule tables into checks ready to run. Every error points
//! at the TOML span it is about.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use toml::Spanned;

use super::error;
use super::raw::RawCheck;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::fix::Applicability;
use crate::model::span::{FileId, Span};

/// What every check has, whatever its kind.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub enabled: bool,
    /// Message template; `{found}` and `{preferred}` are filled in.
    pub message: Option<String>,
    pub description: Option<String>,
    /// The rule file and the span of the rule's `id`.
    pub id_span: Span,
    /// The rule's test cases (`[check.tests]`).
    pub tests: Vec<TestCase>,
}

/// Whether a test case expects the rule to report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Valid,
    Invalid,
}

/// One article of a test case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseArticle {
    pub text: String,
    pub date: Option<chrono::NaiveDate>,
    /// Put before the text, e.g. `ASTANA, Nov. 27 (Xinhua) --`.
    pub dateline: Option<String>,
    /// Read as Markdown rather than plain text.
    pub markdown: bool,
}

impl CaseArticle {
    /// The article as a file's text: a `date` line, the dateline, the text.
    pub fn source(&self) -> String {
        let mut source = String::new();
        if let Some(date) = self.date {
            source.push_str(&format!("date {date}\n"));
        }
        if let Some(dateline) = &self.dateline {
            source.push_str(dateline);
            source.push(' ');
        }
        source.push_str(&self.text);
        if !source.ends_with('\n') {
            source.push('\n');
        }
        source
    }
}

/// A test case: one article (`valid`/`invalid`) or several (`corpus`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestCase {
    pub expect: Expect,
    pub articles: Vec<CaseArticle>,
    /// Where the case is written in the rule file.
    pub span: Span,
}

#[derive(Debug)]
pub struct Check {
    pub meta: RuleMeta,
    pub kind: CheckKind,
}

/// The kind-specific part of a check. One variant per file in `src/check/`.
#[derive(Debug)]
pub enum CheckKind {
    Term(TermRule),
    Title(TitleRule),
    Date(DateRule),
    Place(PlaceJudgement),
}

/// Every kind a rule file may name, with the id prefix its rules must carry.
pub const KINDS: &[(&str, &str)] = &[
    ("term", "term-"),
    ("title-mismatch", "title-"),
    ("title-not-held", "title-"),
    ("title-inconsistent", "title-"),
    ("title-name-spelling", "title-"),
    ("date-invalid", "date-"),
    ("date-weekday", "date-"),
    ("date-range", "date-"),
    ("date-after-publication", "date-"),
    ("date-dateline", "date-"),
    ("date-anniversary", "date-"),
    ("date-style", "date-"),
    ("place-name-outdated", "place-"),
    ("place-spelling", "place-"),
    ("place-wrong-country", "place-"),
    ("place-inconsistent", "place-"),
];

/// Which judgement of place names a `place-*` check makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceJudgement {
    /// A name not valid on the article's date.
    NameOutdated,
    /// A variant spelling of a known place.
    Spelling,
    /// A place put in a country or region it is not in.
    WrongCountry,
    /// The corpus spelling one unknown place two ways.
    Inconsistent,
}

/// Which judgement of dates a `date-*` check makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateJudgement {
    Invalid,
    Weekday,
    Range,
    AfterPublication,
    Dateline,
    Anniversary,
    Style,
}

/// House style for `date-style`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthStyle {
    /// AP: Jan., Feb., Aug., Sept., Oct., Nov., Dec. with a day; others in full.
    Ap,
    /// Every month in full.
    Full,
}

#[derive(Debug)]
pub struct DateRule {
    pub judgement: DateJudgement,
    /// `date-dateline`: the largest distance in days.
    pub max_days: u32,
    /// `date-style`: month names; `None` leaves them alone.
    pub months: Option<MonthStyle>,
    /// `date-style`: remove ordinal suffixes.
    pub remove_ordinals: bool,
}

/// Default of `max-days`.
pub const DEFAULT_MAX_DAYS: u32 = 2;

/// Which judgement of officials' titles a `title-*` check makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleJudgement {
    /// The title is none of the person's offices.
    Mismatch,
    /// The title is one of the person's offices, but not on the article's date.
    NotHeld,
    /// A person the knowledge does not know is given conflicting titles.
    Inconsistent,
    /// A known person's name in a non-preferred spelling.
    NameSpelling,
}

#[derive(Debug)]
pub struct TitleRule {
    pub judgement: TitleJudgement,
    /// `title-inconsistent`: how many days apart two articles may be for a
    /// back-and-forth of titles to count as a conflict.
    pub window_days: u32,
}

/// Default of `window-days`.
pub const DEFAULT_WINDOW_DAYS: u32 = 90;

/// A preferred term and the variants to replace with it, or (with no
/// preferred form) a set of variants the corpus should not mix.
#[derive(Debug)]
pub struct TermRule {
    pub preferred: Option<String>,
    /// Literal variants; found by the shared phrase matcher.
    pub variants: Vec<String>,
    /// Regex variants; found by their regexes.
    pub patterns: Vec<Regex>,
    pub case_sensitive: bool,
    pub whole_word: bool,
    /// The fix's applicability; `None` when the rule offers no fix.
    pub fix: Option<Applicability>,
}

impl TermRule {
    /// How a variant is named in messages: the literal, or the regex source.
    pub fn variant_name(&self, index: usize) -> &str {
        self.variants
            .get(index)
            .map(String::as_str)
            .or_else(|| self.patterns.get(index - self.variants.len()).map(Regex::as_str))
            .unwrap_or("")
    }

    pub fn variant_count(&self) -> usize {
        self.variants.len() + self.patterns.len()
    }
}

static RULE_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$").expect("static regex"));

/// Compiled regexes are capped so a rule cannot make factlint use unbounded
/// memory; the regex crate already guarantees linear-time matching.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Validates one `[[check]]` table from `file`.
pub fn compile(file: FileId, raw: RawCheck) -> Result<Check, Vec<Diagnostic>> {
    let span = |s: std::ops::Range<usize>| Span::new(file, s);
    let mut errors = Vec::new();

    let kind = KINDS.iter().find(|(name, _)| *name == raw.kind.get_ref().as_str());
    if kind.is_none() {
        let known: Vec<_> = KINDS.iter().map(|(name, _)| format!("`{name}`")).collect();
        errors.push(
            error(
                span(raw.kind.span()),
                format!("unknown check kind `{}`", raw.kind.get_ref()),
                "unknown kind",
            )
            .with_note(format!("help: the kinds are {}", known.join(", "))),
        );
    }

    let id = raw.id.get_ref();
    if !RULE_ID.is_match(id) {
        errors.push(
            error(
                span(raw.id.span()),
                format!("rule id `{id}` is not kebab-case"),
                "expected e.g. `term-belt-and-road`",
            )
            .with_note("help: ids are lower-case words joined by `-`, starting with the kind's family"),
        );
    } else if let Some((name, prefix)) = kind
        && !id.starts_with(prefix)
    {
        errors.push(
            error(
                span(raw.id.span()),
                format!("rule id `{id}` does not start with `{prefix}`"),
                format!("a `{name}` rule's id starts with `{prefix}`"),
            )
            .with_note(format!(
                "help: rename it, e.g. `{prefix}{}`",
                id.split_once('-').map_or(id.as_str(), |(_, rest)| rest)
            )),
        );
    }

    let severity = match &raw.severity {
        None => Severity::Warning,
        Some(text) => Severity::parse(text.get_ref()).unwrap_or_else(|| {
            errors.push(error(
                span(text.span()),
                format!("unknown severity `{}`", text.get_ref()),
                "expected `error`, `warning` or `info`",
            ));
            Severity::Warning
        }),
    };

    let title = |judgement| TitleRule {
        judgement,
        window_days: raw.window_days.unwrap_or(DEFAULT_WINDOW_DAYS),
    };
    let compiled = match kind.map(|(name, _)| *name) {
        Some("term") => compile_term(&raw, file, &mut errors).map(CheckKind::Term),
        Some("title-mismatch") => Some(CheckKind::Title(title(TitleJudgement::Mismatch))),
        Some("title-not-held") => Some(CheckKind::Title(title(TitleJudgement::NotHeld))),
        Some("title-inconsistent") => Some(CheckKind::Title(title(TitleJudgement::Inconsistent))),
        Some("title-name-spelling") => Some(CheckKind::Title(title(TitleJudgement::NameSpelling))),
        Some(name) if name.starts_with("date-") => compile_date(name, &raw, file, &mut errors).map(CheckKind::Date),
        Some("place-name-outdated") => Some(CheckKind::Place(PlaceJudgement::NameOutdated)),
        Some("place-spelling") => Some(CheckKind::Place(PlaceJudgement::Spelling)),
        Some("place-wrong-country") => Some(CheckKind::Place(PlaceJudgement::WrongCountry)),
        Some("place-inconsistent") => Some(CheckKind::Place(PlaceJudgement::Inconsistent)),
        _ => None,
    };
    if kind.is_some_and(|(name, _)| *name != "term") {
        reject_term_fields(&raw, file, &mut errors);
    }
    let setting_of = |field: &str, owner: &str, present: bool, errors: &mut Vec<Diagnostic>| {
        if present && kind.is_some_and(|(name, _)| *name != owner) {
            errors.push(error(
                span(raw.kind.span()),
                format!("`{field}` is a setting of `{owner}` checks"),
                "not this kind",
            ));
        }
    };
    setting_of("max-days", "date-dateline", raw.max_days.is_some(), &mut errors);
    setting_of("months", "date-style", raw.months.is_some(), &mut errors);
    setting_of("ordinals", "date-style", raw.ordinals.is_some(), &mut errors);
    if raw.window_days.is_some() && kind.is_some_and(|(name, _)| *name != "title-inconsistent") {
        errors.push(error(
            span(raw.kind.span()),
            "`window-days` is a setting of `title-inconsistent` checks",
            "not this kind",
        ));
    }
    let tests = raw
        .tests
        .as_ref()
        .map(|t| compile_tests(file, t.get_ref(), &mut errors))
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some((kind_name, _)), Some(kind)) = (kind, compiled) else {
        return Err(errors);
    };
    Ok(Check {
        meta: RuleMeta {
            id: id.clone(),
            kind: kind_name,
            severity,
            enabled: raw.enabled.unwrap_or(true),
            message: raw.message.map(Spanned::into_inner),
            description: raw.description.map(Spanned::into_inner),
            id_span: span(raw.id.span()),
            tests,
        },
        kind,
    })
}

fn compile_date(name: &str, raw: &RawCheck, file: FileId, errors: &mut Vec<Diagnostic>) -> Option<DateRule> {
    let judgement = match name {
        "date-invalid" => DateJudgement::Invalid,
        "date-weekday" => DateJudgement::Weekday,
        "date-range" => DateJudgement::Range,
        "date-after-publication" => DateJudgement::AfterPublication,
        "date-dateline" => DateJudgement::Dateline,
        "date-anniversary" => DateJudgement::Anniversary,
        _ => DateJudgement::Style,
    };
    let months = match raw.months.as_ref().map(|m| (m.get_ref().as_str(), m.span())) {
        None => (judgement == DateJudgement::Style).then_some(MonthStyle::Ap),
        Some(("ap", _)) => Some(MonthStyle::Ap),
        Some(("full", _)) => Some(MonthStyle::Full),
        Some((other, value_span)) => {
            errors.push(error(
                Span::new(file, value_span),
                format!("unknown month style `{other}`"),
                "expected `ap` or `full`",
            ));
            None
        }
    };
    let remove_ordinals = match raw.ordinals.as_ref().map(|o| (o.get_ref().as_str(), o.span())) {
        None | Some(("remove", _)) => true,
        Some(("keep", _)) => false,
        Some((other, value_span)) => {
            errors.push(error(
                Span::new(file, value_span),
                format!("unknown ordinals setting `{other}`"),
                "expected `remove` or `keep`",
            ));
            true
        }
    };
    Some(DateRule {
        judgement,
        max_days: raw.max_days.unwrap_or(DEFAULT_MAX_DAYS),
        months,
        remove_ordinals,
    })
}

fn compile_tests(file: FileId, raw: &super::raw::RawTests, errors: &mut Vec<Diagnostic>) -> Vec<TestCase> {
    let mut cases = Vec::new();
    for (expect, values) in [(Expect::Valid, &raw.valid), (Expect::Invalid, &raw.invalid)] {
        for value in values {
            if let Some(article) = case_article(file, value, errors) {
                cases.push(TestCase {
                    expect,
                    articles: vec![article],
                    span: Span::new(file, value.span()),
                });
            }
        }
    }
    for corpus in &raw.corpus {
        let corpus_case = corpus.get_ref();
        let expect = match corpus_case.expect.get_ref().as_str() {
            "valid" => Expect::Valid,
            "invalid" => Expect::Invalid,
            other => {
                errors.push(error(
                    Span::new(file, corpus_case.expect.span()),
                    format!("unknown expectation `{other}`"),
                    "expected `valid` or `invalid`",
                ));
                continue;
            }
        };
        let articles: Vec<CaseArticle> = corpus_case
            .articles
            .iter()
            .filter_map(|a| case_article(file, a, errors))
            .collect();
        if articles.len() < 2 {
            errors.push(error(
                Span::new(file, corpus.span()),
                "a corpus case needs at least two articles",
                "too few `articles`",
            ));
            continue;
        }
        cases.push(TestCase {
            expect,
            articles,
            span: Span::new(file, corpus.span()),
        });
    }
    cases
}

/// A case written as a string, or as `{ text, date, dateline, markdown }`.
fn case_article(file: FileId, value: &Spanned<toml::Value>, errors: &mut Vec<Diagnostic>) -> Option<CaseArticle> {
    let span = Span::new(file, value.span());
    let mut fail = |message: String, label: &str| {
        errors.push(error(span, message, label.to_string()));
        None
    };
    match value.get_ref() {
        toml::Value::String(text) => Some(CaseArticle {
            text: text.clone(),
            date: None,
            dateline: None,
            markdown: false,
        }),
        toml::Value::Table(table) => {
            if let Some(unknown) = table
                .keys()
                .find(|k| !["text", "date", "dateline", "markdown"].contains(&k.as_str()))
            {
                return fail(
                    format!("unknown field `{unknown}` in a test case"),
                    "expected `text`, `date`, `dateline` or `markdown`",
                );
            }
            let Some(text) = table.get("text").and_then(toml::Value::as_str) else {
                return fail("a test case needs a `text` string".to_string(), "no `text`");
            };
            let date = match table.get("date") {
                None => None,
                Some(date) => {
                    match super::knowledge::people::DateBound::from_toml(date).filter(|d| d.earliest == d.latest) {
                        Some(bound) => Some(bound.earliest),
                        None => {
                            return fail(
                                "a test case's `date` must be a day".to_string(),
                                "expected e.g. `date = 2023-11-28`",
                            );
                        }
                    }
                }
            };
            let dateline = match table.get("dateline") {
                None => None,
                Some(toml::Value::String(d)) => Some(d.clone()),
                Some(_) => {
                    return fail(
                        "`dateline` must be a string".to_string(),
                        "expected e.g. `dateline = \"ASTANA, Nov. 27 (Xinhua) --\"`",
                    );
                }
            };
            let markdown = match table.get("markdown") {
                None => false,
                Some(toml::Value::Boolean(b)) => *b,
                Some(_) => return fail("`markdown` must be true or false".to_string(), "expected a boolean"),
            };
            Some(CaseArticle {
                text: text.to_string(),
                date,
                dateline,
                markdown,
            })
        }
        _ => fail(
            "a test case is a string or a table".to_string(),
            "expected \"text\" or { text = \"…\", date = 2023-11-28 }",
        ),
    }
}

/// A field of `term` checks given to another kind is an error, not ignored.
fn reject_term_fields(raw: &RawCheck, file: FileId, errors: &mut Vec<Diagnostic>) {
    let span = |s: std::ops::Range<usize>| Span::new(file, s);
    let mut reject = |name: &str, field_span: Option<std::ops::Range<usize>>| {
        if let Some(field_span) = field_span {
            errors.push(error(
                span(field_span),
                format!("`{name}` is a field of `term` checks"),
                format!("not used by `{}` checks", raw.kind.get_ref()),
            ));
        }
    };
    reject("preferred", raw.preferred.as_ref().map(Spanned::span));
    reject(
        "variants",
        raw.variants.as_ref().and_then(|v| v.first()).map(Spanned::span),
    );
    reject(
        "patterns",
        raw.patterns.as_ref().and_then(|v| v.first()).map(Spanned::span),
    );
    reject("fix", raw.fix.as_ref().map(Spanned::span));
}

fn compile_term(raw: &RawCheck, file: FileId, errors: &mut Vec<Diagnostic>) -> Option<TermRule> {
    let span = |s: std::ops::Range<usize>| Span::new(file, s);
    let case_sensitive = raw.case_sensitive.unwrap_or(false);
    let same = |a: &str, b: &str| {
        if case_sensitive {
            a == b
        } else {
            a.to_lowercase() == b.to_lowercase()
        }
    };
    let before = errors.len();

    let variants: Vec<&Spanned<String>> = raw.variants.iter().flatten().collect();
    let patterns: Vec<&Spanned<String>> = raw.patterns.iter().flatten().collect();
    if variants.is_empty() && patterns.is_empty() {
        errors.push(
            error(
                span(raw.kind.span()),
                "a `term` check needs `variants` or `patterns`",
                "this check has neither",
            )
            .with_note("help: add e.g. `variants = [\"OBOR\", \"One Belt, One Road\"]`"),
        );
    }
    for variant in &variants {
        if variant.get_ref().trim().is_empty() {
            errors.push(error(
                span(variant.span()),
                "empty variant",
                "a variant must contain text",
            ));
        }
        if let Some(preferred) = &raw.preferred
            && same(variant.get_ref(), preferred.get_ref())
        {
            errors.push(error(
                span(variant.span()),
                format!("variant `{}` is the preferred term", variant.get_ref()),
                "every use of the preferred term would be reported",
            ));
        }
    }
    let compiled_patterns: Vec<Regex> = patterns
        .iter()
        .filter_map(|pattern| {
            match RegexBuilder::new(pattern.get_ref())
                .case_insensitive(!case_sensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
            {
                Ok(regex) if regex.is_match("") => {
                    errors.push(error(
                        span(pattern.span()),
                        "pattern matches the empty string",
                        "this would match everywhere",
                    ));
                    None
                }
                Ok(regex) => Some(regex),
                Err(err) => {
                    errors.push(error(span(pattern.span()), "invalid regex", regex_error_text(&err)));
                    None
                }
            }
        })
        .collect();
    if raw.preferred.is_none() && variants.len() + patterns.len() < 2 {
        errors.push(
            error(
                span(raw.kind.span()),
                "a consistency `term` check needs at least two variants",
                "no `preferred` and fewer than two variants",
            )
            .with_note(
                "help: set `preferred` to replace variants with it, or list the variants the corpus should not mix",
            ),
        );
    }
    let fix = match &raw.fix {
        None => Some(Applicability::Safe),
        Some(text) => match text.get_ref().as_str() {
            "safe" => Some(Applicability::Safe),
            "unsafe" => Some(Applicability::Unsafe),
            "none" => None,
            other => {
                errors.push(error(
                    span(text.span()),
                    format!("unknown fix applicability `{other}`"),
                    "expected `safe`, `unsafe` or `none`",
                ));
                None
            }
        },
    };
    if errors.len() > before {
        return None;
    }
    Some(TermRule {
        preferred: raw.preferred.as_ref().map(|p| p.get_ref().clone()),
        variants: variants.iter().map(|v| v.get_ref().clone()).collect(),
        patterns: compiled_patterns,
        case_sensitive,
        whole_word: raw.whole_word.unwrap_or(true),
        fix: raw.preferred.as_ref().and(fix),
    })
}

/// The regex crate's error, without its leading "regex parse error:" line.
fn regex_error_text(error: &regex::Error) -> String {
    let text = error.to_string();
    text.strip_prefix("regex parse error:")
        .unwrap_or(&text)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::raw::RawRuleFile;

    fn compile_str(toml_text: &str) -> Result<Check, Vec<Diagnostic>> {
        let mut raw: RawRuleFile = toml::from_str(toml_text).unwrap();
        compile(FileId(0), raw.check.remove(0).into_inner())
    }

    fn error_messages(toml_text: &str) -> Vec<(String, String)> {
        compile_str(toml_text)
            .unwrap_err()
            .into_iter()
            .map(|d| (d.message, toml_text[d.primary.span.range()].to_string()))
            .collect()
    }

    #[test]
    fn a_term_rule_compiles() {
        let check = compile_str("[[check]]\nid = \"term-bri\"\nkind = \"term\"\npreferred = \"Belt and Road Initiative\"\nvariants = [\"OBOR\"]\npatterns = ['One Belt,? One Road']\n").unwrap();
        assert_eq!(check.meta.severity, Severity::Warning);
        let CheckKind::Term(term) = check.kind else {
            panic!("not a term check")
        };
        assert_eq!(term.variant_count(), 2);
        assert_eq!(term.variant_name(1), "One Belt,? One Road");
        assert_eq!(term.fix, Some(Applicability::Safe));
    }

    #[test]
    fn unknown_kind_and_severity_point_at_their_values() {
        let errors = error_messages("[[check]]\nid = \"term-x\"\nkind = \"spelling\"\nseverity = \"fatal\"\n");
        assert_eq!(
            errors[0],
            ("unknown check kind `spelling`".to_string(), "\"spelling\"".to_string())
        );
        assert_eq!(errors[1].1, "\"fatal\"");
    }

    #[test]
    fn ids_are_kebab_case_with_the_family_prefix() {
        let errors = error_messages("[[check]]\nid = \"Term_X\"\nkind = \"term\"\nvariants = [\"a\", \"b\"]\n");
        assert!(errors[0].0.contains("kebab-case"));
        let errors = error_messages("[[check]]\nid = \"place-x\"\nkind = \"term\"\nvariants = [\"a\", \"b\"]\n");
        assert!(errors[0].0.contains("does not start with `term-`"));
    }

    #[test]
    fn invalid_regex_carries_the_regex_error() {
        let text = "[[check]]\nid = \"term-x\"\nkind = \"term\"\npreferred = \"a\"\npatterns = ['b(']\n";
        let errors = compile_str(text).unwrap_err();
        assert_eq!(errors[0].message, "invalid regex");
        assert!(
            errors[0].primary.message.contains("unclosed group"),
            "{}",
            errors[0].primary.message
        );
        assert_eq!(&text[errors[0].primary.span.range()], "'b('");
    }

    #[test]
    fn variant_equal_to_preferred_is_an_error() {
        let errors = error_messages(
            "[[check]]\nid = \"term-x\"\nkind = \"term\"\npreferred = \"Astana\"\nvariants = [\"astana\"]\n",
        );
        assert_eq!(errors[0].1, "\"astana\"");
    }

    #[test]
    fn consistency_needs_two_variants() {
        let errors = error_messages("[[check]]\nid = \"term-x\"\nkind = \"term\"\nvariants = [\"a\"]\n");
        assert!(errors[0].0.contains("at least two"));
    }
}
