//! A rule's test cases (`[check.tests]`): articles the rule must stay silent
//! on (`valid`), must report (`invalid`), or must judge together as one
//! corpus (`[[check.tests.corpus]]`). [`crate::verify`] runs them.

use toml::Spanned;

use super::error;
use crate::model::diagnostic::Diagnostic;
use crate::model::span::{FileId, Span};

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

/// The test cases of one `[check.tests]` table; every error is pushed to `errors`.
pub fn compile(file: FileId, raw: &super::raw::RawTests, errors: &mut Vec<Diagnostic>) -> Vec<TestCase> {
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

/// The cases of a knowledge entry's `tests` (`[[person]]`, `[[office]]`,
/// `[[place]]`): each text an article of the test's `date`.
pub fn compile_knowledge(
    file: FileId,
    tests: &[Spanned<super::raw::RawKnowledgeTest>],
    errors: &mut Vec<Diagnostic>,
) -> Vec<TestCase> {
    let mut cases = Vec::new();
    for test in tests {
        let test = test.get_ref();
        let date =
            super::knowledge::people::DateBound::from_toml(test.date.get_ref()).filter(|d| d.earliest == d.latest);
        let Some(date) = date else {
            errors.push(error(
                Span::new(file, test.date.span()),
                "a knowledge test's `date` must be a day",
                "expected e.g. `date = 2017-02-01`",
            ));
            continue;
        };
        for (expect, texts) in [(Expect::Valid, &test.valid), (Expect::Invalid, &test.invalid)] {
            for text in texts {
                cases.push(TestCase {
                    expect,
                    articles: vec![CaseArticle {
                        text: text.get_ref().clone(),
                        date: Some(date.earliest),
                        dateline: None,
                        markdown: false,
                    }],
                    span: Span::new(file, text.span()),
                });
            }
        }
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
