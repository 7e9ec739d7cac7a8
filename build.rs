//! Embeds the default rules: every `.toml` file under `rules/` becomes a
//! `(name, text)` entry of `$OUT_DIR/builtin_rules.rs`, so the installed
//! binary checks with them from any folder while `rules/` stays their one
//! source. (`rules/knowledge/gazetteer.txt` is embedded by its reader.)
//! The snapshots of their test cases (`snapshots/rules/`) are embedded
//! beside them, for `factlint test --include-defaults` in any folder.

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    files.sort();
    let mut code = String::from(
        "/// The default rule files: (name under `rules/`, text).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .strip_prefix(&rules)
            .expect("under rules/")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    code.push_str(&snapshots(&root.join("snapshots").join("rules")));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(out, code).expect("write builtin_rules.rs");
}

/// The default rules' snapshots (`snapshots/rules/<id>.snap`) as a
/// `SNAPSHOTS` table of (id, file text): `factlint test --include-defaults`
/// compares the default rules' cases with them in a folder that keeps no
/// copy of them.
fn snapshots(folder: &Path) -> String {
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|path| path.extension().is_some_and(|e| e == "snap"));
    found.sort();
    let mut code = String::from(
        "/// The default rules' snapshots: (rule or knowledge test id, snapshot file text).\npub static SNAPSHOTS: &[(&str, &str)] = &[\n",
    );
    for path in found {
        println!("cargo:rerun-if-changed={}", path.display());
        let id = path.file_stem().expect("a file name").to_string_lossy().into_owned();
        code.push_str(&format!(
            "    ({id:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    code
}

/// Every `.toml` file under `folder`, hidden ones left out (as the loader does).
fn collect(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Folders are watched too: a new rule file in them reruns this script.
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}
