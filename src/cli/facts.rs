//! `factlint facts`: what the corpus states — every title given to each
//! person, or every date and what it resolves to.

use std::io::Write;

use super::{EXIT_CLEAN, FactsArgs, load, options};
use crate::engine::Options;
use crate::model::error::Error;
use crate::render::{self, FactsFormat};

pub fn run(args: FactsArgs) -> Result<i32, Error> {
    if args.format == FactsFormat::Jsonl {
        return map(&args);
    }
    let options = Options {
        corpus: args.corpus.clone(),
        paths: args.paths.clone(),
        keep_facts: true,
        keep_texts: true,
        ..options(&args.sources)
    };
    let session = load(options, args.sources.color)?;
    let run = session.check()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let json = args.format == FactsFormat::Json;
    if args.dates {
        render::facts::render_dates(&run, json, &mut out)?;
    } else {
        render::facts::render_titles(&run, &session.rules.knowledge, args.person.as_deref(), json, &mut out)?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// `factlint facts --format jsonl`: the map — one facts line per article
/// reported on (the named paths, else the corpus), on standard output.
fn map(args: &FactsArgs) -> Result<i32, Error> {
    if args.person.is_some() || args.dates {
        return Err(Error::Usage {
            message: "`--format jsonl` writes every corpus fact of each article; `--person` and `--dates` choose what the other formats list".to_string(),
            help: vec!["leave out `--person` and `--dates`".to_string()],
        });
    }
    let options = Options {
        corpus: args.corpus.clone(),
        paths: args.paths.clone(),
        ..options(&args.sources)
    };
    let session = load(options, args.sources.color)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    session.map(&mut out)?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}
