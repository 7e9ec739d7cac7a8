//! The registry of check kinds: the one table that names every kind a rule
//! file may use, the family it belongs to (its id prefix and the
//! [`CheckKind`] variant it compiles to), how its TOML is compiled, and which
//! kind-specific settings it takes; and the rules built into factlint's code.
//!
//! Adding a kind to an existing family is one line in [`KINDS`] and a
//! judgement in its `check/<family>/`; adding a family is a folder under
//! `check/`, a [`CheckKind`] variant and its lines here (see
//! `CONTRIBUTING.md`). Every `match` over kinds is exhaustive, so the
//! compiler names each place a new variant must be handled.

use crate::article;
use crate::check::date::rule::{DateJudgement, DateRule};
use crate::check::place::rule::{PlaceJudgement, PlaceRule};
use crate::check::term::rule::TermRule;
use crate::check::title::rule::{TitleJudgement, TitleRule};
use crate::check::{date, term};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::span::FileId;
use crate::rules::compile::RuleMeta;
use crate::rules::raw::RawCheck;

/// A loaded check: what every rule has, and its kind's compiled settings.
#[derive(Debug)]
pub struct Check {
    pub meta: RuleMeta,
    pub kind: CheckKind,
}

/// The kind-specific part of a check: one variant per family, one family
/// per folder under `src/check/`.
#[derive(Debug)]
pub enum CheckKind {
    Term(TermRule),
    Title(TitleRule),
    Date(DateRule),
    Place(PlaceRule),
}

impl CheckKind {
    /// The kind's settings as `factlint explain` lists them.
    pub fn settings(&self) -> String {
        match self {
            CheckKind::Term(rule) => rule.settings(),
            CheckKind::Title(rule) => rule.settings(),
            CheckKind::Date(rule) => rule.settings(),
            CheckKind::Place(rule) => rule.settings(),
        }
    }
}

/// A family of kinds: the checks of one folder under `src/check/`, whose
/// rule ids share a prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Term,
    Title,
    Date,
    Place,
}

impl Family {
    /// Every family, in the order an article's checks run.
    pub const ALL: [Family; 4] = [Family::Term, Family::Title, Family::Date, Family::Place];

    /// The prefix every rule id of the family starts with.
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Term => "term-",
            Family::Title => "title-",
            Family::Date => "date-",
            Family::Place => "place-",
        }
    }
}

/// What a kind judges, and so which family it is in and how its TOML is
/// compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Judgement {
    Term,
    Title(TitleJudgement),
    Date(DateJudgement),
    Place(PlaceJudgement),
}

impl Judgement {
    pub fn family(self) -> Family {
        match self {
            Judgement::Term => Family::Term,
            Judgement::Title(_) => Family::Title,
            Judgement::Date(_) => Family::Date,
            Judgement::Place(_) => Family::Place,
        }
    }

    /// Compiles the kind's own fields of a `[[check]]`; errors go to
    /// `errors` (each with its TOML span), and `None` means the check did
    /// not compile.
    pub fn compile(self, raw: &RawCheck, file: FileId, errors: &mut Vec<Diagnostic>) -> Option<CheckKind> {
        match self {
            Judgement::Term => term::rule::compile(raw, file, errors).map(CheckKind::Term),
            Judgement::Title(judgement) => Some(CheckKind::Title(TitleRule::compile(judgement, raw))),
            Judgement::Date(judgement) => date::rule::compile(judgement, raw, file, errors).map(CheckKind::Date),
            Judgement::Place(judgement) => Some(CheckKind::Place(PlaceRule { judgement })),
        }
    }
}

/// One kind a rule file may name in `kind = "…"`.
pub struct KindSpec {
    pub name: &'static str,
    pub judgement: Judgement,
    /// The kind-specific settings it accepts (`max-days = 2`); another
    /// kind's setting given to it is an error.
    pub settings: &'static [&'static str],
}

const fn kind_spec(name: &'static str, judgement: Judgement, settings: &'static [&'static str]) -> KindSpec {
    KindSpec {
        name,
        judgement,
        settings,
    }
}

use Judgement::{Date, Place, Title};

/// Every kind, in the order `factlint` lists them.
pub const KINDS: &[KindSpec] = &[
    kind_spec("term", Judgement::Term, &[]),
    kind_spec("title-mismatch", Title(TitleJudgement::Mismatch), &[]),
    kind_spec("title-not-held", Title(TitleJudgement::NotHeld), &[]),
    kind_spec(
        "title-inconsistent",
        Title(TitleJudgement::Inconsistent),
        &["window-days"],
    ),
    kind_spec("title-name-spelling", Title(TitleJudgement::NameSpelling), &[]),
    kind_spec("date-invalid", Date(DateJudgement::Invalid), &[]),
    kind_spec("date-weekday", Date(DateJudgement::Weekday), &[]),
    kind_spec("date-range", Date(DateJudgement::Range), &[]),
    kind_spec("date-after-publication", Date(DateJudgement::AfterPublication), &[]),
    kind_spec("date-dateline", Date(DateJudgement::Dateline), &["max-days"]),
    kind_spec("date-anniversary", Date(DateJudgement::Anniversary), &[]),
    kind_spec("date-style", Date(DateJudgement::Style), &["months", "ordinals"]),
    kind_spec("date-month-spelling", Date(DateJudgement::MonthSpelling), &[]),
    kind_spec("place-name-outdated", Place(PlaceJudgement::NameOutdated), &[]),
    kind_spec("place-spelling", Place(PlaceJudgement::Spelling), &[]),
    kind_spec("place-wrong-country", Place(PlaceJudgement::WrongCountry), &[]),
    kind_spec("place-inconsistent", Place(PlaceJudgement::Inconsistent), &[]),
];

/// The kind named `name`, if there is one.
pub fn kind(name: &str) -> Option<&'static KindSpec> {
    KINDS.iter().find(|k| k.name == name)
}

/// The id of the note on an inline suppression that suppressed nothing.
pub const SUPPRESSION_UNUSED: &str = "suppression-unused";
/// The id of the note on a baseline entry that matches nothing any more.
pub const BASELINE_STALE: &str = "baseline-stale";

/// A rule implemented in code rather than TOML: listed by `factlint rules`,
/// explained by `factlint explain`, configurable in `factlint.toml`.
pub struct BuiltinRule {
    pub id: &'static str,
    pub severity: Severity,
    pub description: &'static str,
}

pub const BUILTIN_RULES: &[BuiltinRule] = &[
    BuiltinRule {
        id: article::BINARY,
        severity: Severity::Info,
        description: "## What it does\nNotes a file with an article extension (`.md`, `.markdown`, `.txt`) that holds binary data (a NUL byte near its start); the file is skipped.\n\n## Why is this bad?\nA binary file in the corpus is usually an export gone wrong or a misnamed attachment; it cannot be checked.\n\n## Example\nA PDF saved as `story.md`.",
    },
    BuiltinRule {
        id: article::READ,
        severity: Severity::Error,
        description: "## What it does\nReports an article file that was found but could not be read: no permission, deleted while factlint ran, a broken link.\n\n## Why is this bad?\nAn article that cannot be read is not checked; the run goes on with the rest of the corpus and fails so the gap is noticed.\n\n## Example\n`chmod 000 corpus/story.md`.",
    },
    BuiltinRule {
        id: crate::discover::UNREADABLE,
        severity: Severity::Error,
        description: "## What it does\nReports a folder of the corpus that could not be opened (no permission, removed while factlint ran, too deep to open). The rest of the corpus is checked; the run fails.\n\n## Why is this bad?\nThe articles in the folder were not checked at all: a clean run would say they are fine when nobody read them.\n\n## Example\n`chmod 000 corpus/2019`.",
    },
    BuiltinRule {
        id: article::TOO_LARGE,
        severity: Severity::Info,
        description: "## What it does\nNotes an article file larger than `max-article-bytes` (default 10 MiB, set in factlint.toml); it is not read or checked.\n\n## Why is this bad?\nA news article is a few kilobytes: a file that large is an export or a dump, and reading it whole would cost memory in proportion.\n\n## Example\nA 1 GB `archive.txt` in the corpus; split it into articles, or raise the limit.",
    },
    BuiltinRule {
        id: SUPPRESSION_UNUSED,
        severity: Severity::Info,
        description: "## What it does\nReports an inline suppression (`<!-- factlint-disable-next-line RULE -->`, `factlint: disable-next-line RULE`, `factlint-disable` … `factlint-enable`) that suppressed nothing.\n\n## Why is this bad?\nA stale suppression hides nothing today and may hide a real problem tomorrow; a misspelt rule id suppresses nothing at all.\n\n## Example\n`<!-- factlint-disable-next-line term-mazhilis -->` above a line that no longer says \"Majilis\".",
    },
    BuiltinRule {
        id: BASELINE_STALE,
        severity: Severity::Info,
        description: "## What it does\nReports an entry of the `--baseline` file that matches no diagnostic any more: the problem was fixed.\n\n## Why is this bad?\nThe baseline should only shrink; stale entries make it look worse than the corpus is.\n\n## Example\nWrite the baseline again with `--write-baseline` to drop them.",
    },
    BuiltinRule {
        id: article::INTERNAL,
        severity: Severity::Error,
        description: "## What it does\nReports an article on which one of factlint's checks failed with an internal error. The article's other findings are lost; the rest of the corpus is checked as usual.\n\n## Why is this bad?\nIt is a bug in factlint, not in the article: please report it with the article attached.\n\n## Example\nNone known: every such case found so far has been fixed and has a test.",
    },
    BuiltinRule {
        id: article::ENCODING,
        severity: Severity::Error,
        description: "## What it does\nReports an article that is not valid UTF-8 (or is UTF-16), with the byte offset of the first bad byte. The article is left out of all other checks.\n\n## Why is this bad?\nfactlint reads articles as UTF-8; a file in another encoding would be misread, so it is not checked at all rather than checked wrongly.\n\n## Example\nA Latin-1 file with `Almat\\xff`; convert it with `iconv -f latin1 -t utf-8`.",
    },
    BuiltinRule {
        id: article::FRONT_MATTER,
        severity: Severity::Error,
        description: "## What it does\nReports front matter that does not parse: TOML between `+++` lines with a syntax error, a YAML-style block between `---` lines with a line that is not `key: value`, or front matter that is never closed.\n\n## Why is this bad?\nThe publication date is read from front matter; when it does not parse, date-dependent checks cannot run on the article.\n\n## Example\n```\n---\ntitle: Talks in Astana\nthis line is not key: value\n---\n```",
    },
    BuiltinRule {
        id: article::DATE_INVALID,
        severity: Severity::Error,
        description: "## What it does\nReports a publication date (in front matter or a `date` line) that is not a real calendar date, such as `2023-02-29`.\n\n## Why is this bad?\nEvery fact is judged as of the article's date; an impossible date makes those judgements impossible.\n\n## Example\n`date: 2023-02-29` (2023 is not a leap year).",
    },
    BuiltinRule {
        id: article::DATE_MISSING,
        severity: Severity::Warning,
        description: "## What it does\nWarns about an article with no publication date: no front matter `date`, no `date YYYY-MM-DD` first line, no date at the start of the file name and no date-only line near the top.\n\n## Why is this bad?\nTitles and place names are judged as of the article's date (\"Nur-Sultan\" is right in 2021 and wrong in 2024); without a date those checks are skipped for the article.\n\n## Example\nAdd `date: 2024-06-12` to the front matter, a first line `date 2024-06-12`, or name the file `2024-06-12-talks.md`.",
    },
];
