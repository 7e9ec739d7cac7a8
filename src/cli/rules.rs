//! `factlint rules` and `factlint explain`: what the loaded rules are and
//! what each one does.

use std::io::Write;

use serde::Serialize;

use super::{EXIT_CLEAN, ExplainArgs, RulesArgs, load, options};
use crate::engine::Session;
use crate::model::error::Error;
use crate::render::{self, ListFormat};
use crate::rules::registry::BUILTIN_RULES;
use crate::rules::{Expect, TestCase};

/// One row of `factlint rules`.
#[derive(Serialize)]
struct RuleRow {
    id: String,
    kind: String,
    /// The effective severity, or `off`.
    severity: String,
    /// `builtin`, or the rule file's path.
    origin: String,
    path: Option<String>,
}

fn rule_rows(session: &Session) -> Vec<RuleRow> {
    session
        .rule_infos()
        .into_iter()
        .map(|info| RuleRow {
            origin: info.origin().to_string(),
            id: info.id,
            kind: info.kind,
            severity: info.severity.map_or("off".to_string(), |s| s.to_string()),
            path: info.path,
        })
        .collect()
}

/// `factlint rules`: every rule, its kind, severity and file.
pub fn list(args: RulesArgs) -> Result<i32, Error> {
    let session = load(options(&args.sources), args.sources.color)?;
    let rows = rule_rows(&session);
    let mut out = std::io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Listing {
                rules: Vec<RuleRow>,
            }
            render::write_json(&mut out, &Listing { rules: rows }, true)?;
            writeln!(out)?;
        }
        ListFormat::Human => {
            let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for row in &rows {
                writeln!(
                    out,
                    "{:<width$}  {:<8} {:<8} {}",
                    row.id, row.kind, row.severity, row.origin
                )?;
            }
        }
    }
    Ok(EXIT_CLEAN)
}

/// `factlint explain ID`: a rule's documentation, settings and examples.
pub fn explain(args: ExplainArgs) -> Result<i32, Error> {
    let session = load(options(&args.sources), args.sources.color)?;
    let Some(text) = explanation(&args.id, &session) else {
        let close: Vec<String> = rule_rows(&session)
            .into_iter()
            .map(|r| r.id)
            .filter(|id| id.contains(args.id.as_str()) || args.id.contains(id.as_str()) || shares_family(id, &args.id))
            .collect();
        let mut help = Vec::new();
        if !close.is_empty() {
            help.push(format!("did you mean one of: {}", close.join(", ")));
        }
        help.push("`factlint rules` lists every rule".to_string());
        return Err(Error::Usage {
            message: format!("no rule `{}`", args.id),
            help,
        });
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(EXIT_CLEAN)
}

fn shares_family(a: &str, b: &str) -> bool {
    a.split('-').next() == b.split('-').next()
}

/// The text `factlint explain ID` prints.
pub fn explanation(id: &str, session: &Session) -> Option<String> {
    let level = session
        .levels
        .get(id)
        .copied()
        .flatten()
        .map_or("off".to_string(), |s| s.to_string());
    if let Some(builtin) = BUILTIN_RULES.iter().find(|b| b.id == id) {
        return Some(format!("{id} (built in, {level})\n\n{}\n", builtin.description));
    }
    let check = session.rules.get(id)?;
    let mut text = format!(
        "{id} ({} rule, {level}) — {}\n\n",
        check.meta.kind,
        session.db.name(check.meta.id_span.file)
    );
    match &check.meta.description {
        Some(description) => text.push_str(description.trim_end()),
        None => text.push_str("(no description)"),
    }
    text.push_str("\n\n## Settings\n");
    text.push_str(&check.kind.settings());
    if !check.meta.tests.is_empty() {
        text.push_str("\n## Examples (the rule's test cases)\n");
        for (expect, heading) in [(Expect::Invalid, "Reported:"), (Expect::Valid, "Not reported:")] {
            let cases: Vec<&TestCase> = check.meta.tests.iter().filter(|c| c.expect == expect).collect();
            if cases.is_empty() {
                continue;
            }
            text.push_str(heading);
            text.push('\n');
            for case in cases {
                let shown: Vec<String> = case
                    .articles
                    .iter()
                    .map(|a| match a.date {
                        Some(date) => format!(
                            "({date}) {}",
                            a.dateline.as_deref().map_or(String::new(), |d| format!("{d} ")) + a.text.trim()
                        ),
                        None => a.text.trim().to_string(),
                    })
                    .collect();
                text.push_str(&format!("- {}\n", shown.join("\n  + ")));
            }
        }
    }
    Some(text)
}
