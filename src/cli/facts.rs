//! `factlint facts`: what the corpus states — every title given to each
//! person, or every date and what it resolves to.

use std::io::Write;

use super::{EXIT_CLEAN, FactsArgs, load, options};
use crate::engine::Options;
use crate::model::error::Error;
use crate::render::{self, ListFormat};

pub fn run(args: FactsArgs) -> Result<i32, Error> {
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
    let json = args.format == ListFormat::Json;
    if args.dates {
        render::facts::render_dates(&run, json, &mut out)?;
    } else {
        render::facts::render_titles(&run, &session.rules.knowledge, args.person.as_deref(), json, &mut out)?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}
