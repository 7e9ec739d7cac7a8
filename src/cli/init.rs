//! `factlint init`: a commented `factlint.toml` in the working directory,
//! and on request (`--copy-rules`) the default rules written out for
//! editing, with the config set to load that copy instead of the defaults.

use std::io::Write;
use std::path::Path;

use super::{EXIT_CLEAN, InitArgs};
use crate::config::CONFIG_FILE_NAME;
use crate::model::error::Error;
use crate::rules::builtin;

/// Where the articles are, as `init` finds the folder: `corpus/` when
/// there is one; else the folder itself when it holds articles (Markdown
/// or text files other than its README and such); else `corpus/`, to be
/// made. With what to tell the user.
fn corpus_here(folder: &Path) -> (&'static str, Option<&'static str>) {
    if folder.join("corpus").is_dir() {
        return ("corpus", None);
    }
    // What `check` would find here with no corpus folder.
    let exclude: Vec<String> = crate::discover::REPOSITORY_DOCS.iter().map(|g| g.to_string()).collect();
    let found = crate::discover::discover(&[folder.to_path_buf()], &exclude, folder);
    if found.is_ok_and(|found| !found.articles.is_empty()) {
        (".", Some("the articles here are the corpus (`corpus = [\".\"]`)"))
    } else {
        (
            "corpus",
            Some("no articles here yet: put them in `corpus/` (Markdown or text, a first line `date YYYY-MM-DD`)"),
        )
    }
}

/// The config `factlint init` writes: every setting, commented, with its
/// default.
fn template(rules_folder: Option<&str>, corpus: &str) -> String {
    let rule_lines = match rules_folder {
        // The folder as a TOML string, quoted and escaped as TOML wants (a
        // quotation mark or a line end in its name cannot end the string,
        // nor the comment, and write settings of its own).
        Some(folder) => format!(
            "# The rules: the copy of the default rules in the folder below (edit\n\
             # them there), instead of the defaults built into factlint.\n\
             rule-paths = [{}]\n\
             extend-default-rules = false\n",
            toml::Value::from(folder)
        ),
        None => "# Rule folders or files added to the default rules built into factlint\n\
                 # (`factlint rules` lists them all); `extend-default-rules = false`\n\
                 # loads only these.\n\
                 # rule-paths = [\"house-rules\"]\n\
                 # extend-default-rules = true\n\
                 \n\
                 # The officials of Wikidata among the default rules (the world\n\
                 # layer); false judges titles by the house and your own knowledge.\n\
                 # world-knowledge = true\n"
            .to_string(),
    };
    format!(
        "# factlint's configuration. factlint finds this file in the folder it runs\n\
         # in or the nearest parent (up to the git root); every path here is\n\
         # relative to this file's folder.\n\
         \n\
         # The folders of articles to check.\n\
         corpus = [\"{corpus}\"]\n\
         \n\
         # Globs of paths to leave out.\n\
         # exclude = [\"corpus/drafts/**\"]\n\
         \n\
         {rule_lines}\
         \n\
         # A rule's severity (`error`, `warning`, `info`), or switched off.\n\
         # [rule.term-belt-and-road]\n\
         # severity = \"error\"\n\
         #\n\
         # [rule.article-date-missing]\n\
         # enabled = false\n\
         \n\
         # Rules not to report on some articles (`\"all\"` for every rule).\n\
         # [per-path-ignores]\n\
         # \"corpus/archive/**\" = [\"place-name-outdated\"]\n"
    )
}

pub fn run(args: InitArgs) -> Result<i32, Error> {
    let config = Path::new(CONFIG_FILE_NAME);
    if config.exists() && !args.force {
        return Err(Error::Usage {
            message: format!("`{CONFIG_FILE_NAME}` already exists here"),
            help: vec!["`factlint init --force` writes it again".to_string()],
        });
    }
    let folder = args.copy_rules.as_deref();
    let mut out = std::io::stderr().lock();
    if let Some(folder) = folder {
        let root = Path::new(folder);
        let mut written = 0;
        for (name, text) in builtin::sources() {
            let path = root.join(name);
            if path.exists() && !args.force {
                return Err(Error::Usage {
                    message: format!("`{}` already exists", path.display()),
                    help: vec!["`factlint init --force` writes over the copy".to_string()],
                });
            }
            let write = |path: &Path| -> std::io::Result<()> {
                std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
                std::fs::write(path, text)
            };
            write(&path).map_err(|source| Error::Write {
                what: "rule file",
                path: path.clone(),
                source,
            })?;
            written += 1;
        }
        writeln!(out, "wrote {written} rule files to `{folder}/`")?;
    }
    let (corpus, tell) = corpus_here(Path::new("."));
    std::fs::write(config, template(folder, corpus)).map_err(|source| Error::Write {
        what: "config",
        path: config.to_path_buf(),
        source,
    })?;
    writeln!(out, "wrote `{CONFIG_FILE_NAME}`")?;
    if let Some(tell) = tell {
        writeln!(out, "note: {tell}")?;
    }
    Ok(EXIT_CLEAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template is a valid config that names no rule (so it loads with
    /// any rules), with and without a copy of the rules.
    #[test]
    fn the_template_parses_as_a_config() {
        for folder in [None, Some("rules")] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(CONFIG_FILE_NAME);
            std::fs::write(&path, template(folder, "corpus")).unwrap();
            let mut db = crate::model::source::SourceDb::new();
            let config = crate::config::Config::load(Some(&path), &mut db).expect("the template loads");
            assert_eq!(config.extend_default_rules, folder.is_none());
            assert_eq!(config.rule_paths.len(), usize::from(folder.is_some()));
        }
    }

    #[test]
    fn a_rules_folder_with_quotes_and_line_ends_is_one_toml_string() {
        let dir = tempfile::tempdir().unwrap();
        let folder = "house \"rules\"\nworld-knowledge = false";
        let path = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(&path, template(Some(folder), "corpus")).unwrap();
        let mut db = crate::model::source::SourceDb::new();
        let config = crate::config::Config::load(Some(&path), &mut db).expect("the template loads");
        assert_eq!(config.rule_paths, [dir.path().join(folder)]);
        assert!(config.world_knowledge, "the folder's name set nothing");
    }

    #[test]
    fn init_names_the_corpus_it_finds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("README.md"), "# notes").unwrap();
        assert_eq!(corpus_here(dir.path()).0, "corpus", "a README is not an article");
        std::fs::write(dir.path().join("story.md"), "date 2024-01-01\nText.").unwrap();
        assert_eq!(corpus_here(dir.path()).0, ".");
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        assert_eq!(corpus_here(dir.path()), ("corpus", None));
    }
}
