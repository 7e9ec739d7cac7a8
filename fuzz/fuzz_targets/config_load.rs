//! `factlint.toml` and baseline files: any bytes, split at the first NUL
//! into a config and a baseline. Neither may panic; a config error points
//! inside the config's text; a baseline parses only at this build's
//! version.
#![no_main]

use std::path::PathBuf;

use factlint::config::Config;
use factlint::engine::baseline;
use factlint::model::source::SourceDb;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |b| *b == 0);
    let config = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let baseline_text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let mut db = SourceDb::new();
    match Config::from_text(PathBuf::from("factlint.toml"), PathBuf::from("."), config.clone(), &mut db) {
        Ok(config) => {
            // Globs and paths that load are usable.
            let _ = config.ignores("corpus/a.md", "term-x");
        }
        Err(errors) => {
            for error in errors {
                let range = error.primary.span.range();
                assert!(
                    error.primary.span.file.0 == u32::MAX || range.end <= config.len(),
                    "error outside the config: {range:?}"
                );
            }
        }
    }
    if let Ok(parsed) = baseline::parse(&baseline_text) {
        // Only this build's version is accepted.
        assert_eq!(parsed.version, baseline::VERSION);
    }
});
