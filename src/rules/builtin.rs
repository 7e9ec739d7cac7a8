//! The default rules and knowledge, embedded in the binary at build time
//! from `rules/` (see `build.rs`), so that `factlint check` works from any
//! folder. Rule folders given with `--rules` or `rule-paths` add to them;
//! `--no-default-rules` or `extend-default-rules = false` replace them.

use std::path::{Path, PathBuf};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// The stored snapshot file of the default rule (or knowledge test) `id`,
/// as it was when factlint was built.
pub fn snapshot(id: &str) -> Option<&'static str> {
    generated::SNAPSHOTS
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, text)| *text)
}

/// What the source database calls an embedded rule file: `<builtin>/` and
/// its path under `rules/`. No real path starts with `<`.
pub const PREFIX: &str = "<builtin>";

/// The default rule files, as (name in the source database, text), in the
/// order they load: sorted by their path under `rules/`.
pub fn files() -> Vec<(PathBuf, String)> {
    generated::FILES
        .iter()
        .map(|(name, text)| (Path::new(PREFIX).join(name), (*text).to_string()))
        .collect()
}

/// The default rule files with their paths under `rules/`, for `factlint
/// init --rules`, which writes them out for editing.
pub fn sources() -> &'static [(&'static str, &'static str)] {
    generated::FILES
}

/// Whether `name` (a source database name) is an embedded rule file.
pub fn is_builtin(name: &str) -> bool {
    name.starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_of_the_repository_is_embedded() {
        let names: Vec<&str> = sources().iter().map(|(name, _)| *name).collect();
        for expected in [
            "dates.toml",
            "terms.toml",
            "knowledge/people.toml",
            "knowledge/places.toml",
        ] {
            assert!(names.contains(&expected), "{expected} missing from {names:?}");
        }
        // The same texts as on disk: `rules/` stays the source.
        for (name, text) in sources() {
            let on_disk =
                std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules").join(name)).unwrap();
            assert_eq!(&on_disk, text, "{name}");
        }
    }
}
