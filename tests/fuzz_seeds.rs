//! The fuzz targets' inputs kept in the repository — seeds, every crash a
//! campaign found, and the inputs of the recorded campaigns that reach code
//! nothing else reaches (`fuzz/seeds/<target>/`, folders included) — replayed
//! through what each target must hold (`factlint::verify::fuzz`), so that
//! `cargo test` on a stable toolchain keeps checking what fuzzing found.

use std::path::{Path, PathBuf};

use factlint::verify::fuzz::TARGETS;

/// Every file under `dir`, sorted, folders walked.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_kept_fuzz_input_still_holds() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for (target, holds) in TARGETS {
        let inputs = files_under(&seeds.join(target));
        assert!(!inputs.is_empty(), "no inputs kept for `{target}`");
        for input in inputs {
            let data = std::fs::read(&input).unwrap();
            let outcome = std::panic::catch_unwind(|| holds(&data));
            assert!(
                outcome.is_ok(),
                "`{target}` fails on {} (reproduce: cd fuzz && cargo fuzz run {target} {})",
                input.display(),
                input.strip_prefix(seeds.parent().unwrap()).unwrap_or(&input).display()
            );
        }
    }
}
