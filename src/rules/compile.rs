//! Validation of raw rule tables into checks ready to run. Every error points
//! at the TOML span it is about.

use std::sync::LazyLock;

use regex::Regex;
use toml::Spanned;

use super::cases::{self, TestCase};
use super::error;
use super::raw::RawCheck;
use super::registry::{self, Check, Family, KINDS, KindSpec};
use crate::model::diagnostic::{Diagnostic, Severity};
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

/// Lower-case words joined by `-` (one word too: then the family's
/// prefix is what is missing, and the error says so).
static RULE_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$").expect("static regex"));

/// Validates one `[[check]]` table from `file`: what every check has here,
/// its kind's own fields through the registry.
pub fn compile(file: FileId, raw: RawCheck) -> Result<Check, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let kind = registry::kind(raw.kind.get_ref());
    if kind.is_none() {
        let known: Vec<_> = KINDS.iter().map(|k| format!("`{}`", k.name)).collect();
        errors.push(
            error(
                Span::new(file, raw.kind.span()),
                format!("unknown check kind `{}`", raw.kind.get_ref()),
                "unknown kind",
            )
            .with_note(format!("help: the kinds are {}", known.join(", "))),
        );
    }
    check_id(file, &raw, kind, &mut errors);
    let severity = match &raw.severity {
        None => Severity::Warning,
        Some(text) => Severity::parse(text.get_ref()).unwrap_or_else(|| {
            errors.push(error(
                Span::new(file, text.span()),
                format!("unknown severity `{}`", text.get_ref()),
                "expected `error`, `warning` or `info`",
            ));
            Severity::Warning
        }),
    };
    let compiled = kind.and_then(|k| k.judgement.compile(&raw, file, &mut errors));
    if let Some(kind) = kind {
        if kind.judgement.family() != Family::Term {
            reject_term_fields(&raw, file, &mut errors);
        }
        reject_other_settings(&raw, file, kind, &mut errors);
    }
    let tests = raw
        .tests
        .as_ref()
        .map(|t| cases::compile(file, t.get_ref(), &mut errors))
        .unwrap_or_default();
    let (Some(spec), Some(kind), true) = (kind, compiled, errors.is_empty()) else {
        return Err(errors);
    };
    Ok(Check {
        meta: RuleMeta {
            id: raw.id.get_ref().clone(),
            kind: spec.name,
            severity,
            enabled: raw.enabled.unwrap_or(true),
            message: raw.message.map(Spanned::into_inner),
            description: raw.description.map(Spanned::into_inner),
            id_span: Span::new(file, raw.id.span()),
            tests,
        },
        kind,
    })
}

/// A rule id is kebab-case and starts with its family's prefix.
fn check_id(file: FileId, raw: &RawCheck, kind: Option<&KindSpec>, errors: &mut Vec<Diagnostic>) {
    let id = raw.id.get_ref();
    let span = Span::new(file, raw.id.span());
    if !RULE_ID.is_match(id) {
        // The id as it would be: lower case, words joined by `-`.
        let kebab = id
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let prefix = kind.map(|k| k.judgement.family().prefix()).unwrap_or_default();
        let suggestion = if kebab.starts_with(prefix) {
            kebab
        } else {
            format!("{prefix}{kebab}")
        };
        errors.push(
            error(
                span,
                format!("rule id `{id}` is not kebab-case"),
                format!("did you mean `{suggestion}`?"),
            )
            .with_note("help: ids are lower-case words joined by `-`, starting with the kind's family"),
        );
        return;
    }
    let Some(kind) = kind else {
        if !id.contains('-') {
            errors.push(
                error(
                    span,
                    format!("rule id `{id}` has no family prefix"),
                    "expected e.g. `term-belt-and-road`",
                )
                .with_note("help: an id starts with its kind's family: `term-`, `title-`, `place-`, `date-`"),
            );
        }
        return;
    };
    let prefix = kind.judgement.family().prefix();
    if !id.starts_with(prefix) {
        errors.push(
            error(
                span,
                format!("rule id `{id}` does not start with `{prefix}`"),
                format!(
                    "did you mean `{prefix}{}`?",
                    id.split_once('-').map_or(id.as_str(), |(_, rest)| rest)
                ),
            )
            .with_note(format!("help: a `{}` rule's id starts with `{prefix}`", kind.name)),
        );
    }
}

/// A setting of another kind (`max-days` on a `date-weekday` check) is an
/// error, not ignored: the registry says which kind owns each setting.
fn reject_other_settings(raw: &RawCheck, file: FileId, kind: &KindSpec, errors: &mut Vec<Diagnostic>) {
    let given = [
        ("max-days", raw.max_days.is_some()),
        ("months", raw.months.is_some()),
        ("ordinals", raw.ordinals.is_some()),
        ("window-days", raw.window_days.is_some()),
    ];
    for (field, present) in given {
        if !present || kind.settings.contains(&field) {
            continue;
        }
        let owner = KINDS
            .iter()
            .find(|k| k.settings.contains(&field))
            .map_or("", |k| k.name);
        errors.push(error(
            Span::new(file, raw.kind.span()),
            format!("`{field}` is a setting of `{owner}` checks"),
            "not this kind",
        ));
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
    reject("in-quotes", raw.in_quotes.as_ref().map(Spanned::span));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fix::Applicability;
    use crate::rules::CheckKind;
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
