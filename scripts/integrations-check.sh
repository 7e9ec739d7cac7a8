#!/usr/bin/env bash
# Exercises the CI integrations the README shows, where a tool can run them
# here:
# - pre-commit: installed from PyPI into the cache (skipped, saying so, when
#   PyPI cannot be reached); `.pre-commit-hooks.yaml` is validated, then
#   the hook runs as defined (entry, file types, serial, file names) in a
#   temporary git repository, with the built binary instead of pre-commit's
#   own cargo build (that build is `cargo install`, minutes long);
# - the GitHub Action: `action.yml` is read, every script it runs exists,
#   and its check step (scripts/action-check.sh) runs on a temporary corpus;
# - GitLab CI: the README's job is read and its script lines, all but the
#   install, run in a temporary git repository.
#
#   scripts/integrations-check.sh            # uses target/debug/factlint
#   FACTLINT_BIN=target/release/factlint scripts/integrations-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
bin=$(realpath "${FACTLINT_BIN:-${CARGO_TARGET_DIR:-target}/debug/factlint}")
[ -x "$bin" ] || { echo "integrations: no factlint binary at $bin (cargo build first)" >&2; exit 2; }
cache=${FACTLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factlint}
venv=$cache/pre-commit-venv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/factlint"
export PATH="$work/bin:$PATH"
fail() { echo "integrations: $*" >&2; exit 1; }

# A project: a corpus with one error, committed on main.
project() {
  local dir=$1
  mkdir -p "$dir/corpus"
  printf 'date 2024-06-12\nThe talks were held in Astana on Monday.\n' > "$dir/corpus/2024-06-12-clean.txt"
  git -C "$dir" init -q -b main
  git -C "$dir" -c user.name=ci -c user.email=ci@example.com add .
  git -C "$dir" -c user.name=ci -c user.email=ci@example.com commit -q -m corpus
}
bad='date 2024-06-12\nThe delegation flew in from Nur-Sultan on Monday.\n'

# --- release binaries ---------------------------------------------------
# The release workflow builds every target the download script knows, and
# names the archives as it fetches them.
workflow=.github/workflows/release.yml
for known in $(sed -n 's/^  [^)]*) target=\([a-z0-9_-]*\) ;;$/\1/p' scripts/release-binary.sh); do
  grep -q "target: $known }" "$workflow" || fail "$workflow builds no $known binary, which scripts/release-binary.sh fetches"
done
grep -q 'archive="factlint-$TAG-$TARGET.tar.gz"' "$workflow" || fail "$workflow names its archives otherwise than scripts/release-binary.sh"
grep -q 'archive="factlint-$TAG-$TARGET.zip"' "$workflow" || fail "$workflow names its Windows archive otherwise than scripts/release-binary.sh"

# The `factlint` hook's entry and the Action's install step fetch a release
# binary (scripts/release-binary.sh): here from a release folder laid out
# as the release workflow lays it out, at a file:// address.
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-gnu ;;
  *) target="" ;;
esac
if [ -n "$target" ]; then
  releases=$work/releases
  mkdir -p "$releases/v$version" "$work/stage"
  cp "$bin" "$work/stage/factlint"
  archive=factlint-v$version-$target.tar.gz
  tar -czf "$releases/v$version/$archive" -C "$work/stage" factlint
  (cd "$releases/v$version" && sha256sum "$archive" > "$archive.sha256")
  dir=$work/release-hook
  project "$dir"
  printf "$bad" > "$dir/corpus/2024-06-13-new.txt"
  hook() { (cd "$dir" && FACTLINT_RELEASES=file://$releases FACTLINT_CACHE=$work/hook-cache "$repo/scripts/pre-commit-factlint.sh" check --format short corpus/2024-06-13-new.txt 2>&1); }
  if out=$(hook); then fail "the release hook passed an article with an error: $out"; fi
  grep -q "error\[place-name-outdated\]" <<< "$out" || fail "the release hook did not run the release binary: $out"
  [ -x "$work/hook-cache/bin/v$version/factlint" ] || fail "the release hook did not cache the binary"
  # Once cached, no download: the releases may be gone.
  rm -rf "$releases/v$version"
  out=$(hook) && fail "the cached hook passed an article with an error: $out"
  grep -q "error\[place-name-outdated\]" <<< "$out" || fail "the cached hook did not run: $out"
  # A checksum that does not match is refused.
  mkdir -p "$releases/v9.9.9"
  tar -czf "$releases/v9.9.9/factlint-v9.9.9-$target.tar.gz" -C "$work/stage" factlint
  echo "0000  factlint-v9.9.9-$target.tar.gz" > "$releases/v9.9.9/factlint-v9.9.9-$target.tar.gz.sha256"
  if FACTLINT_RELEASES=file://$releases scripts/release-binary.sh v9.9.9 "$work/bad" 2>/dev/null; then fail "a release with a wrong checksum was installed"; fi
  # The Action at a release tag installs that release, not a cargo build.
  tar -czf "$releases/v9.9.9/factlint-v9.9.9-$target.tar.gz" -C "$work/stage" factlint
  (cd "$releases/v9.9.9" && sha256sum "factlint-v9.9.9-$target.tar.gz" > "factlint-v9.9.9-$target.tar.gz.sha256")
  out=$(RUNNER_TEMP=$work/runner FACTLINT_REF=v9.9.9 FACTLINT_SOURCE=$repo FACTLINT_RELEASES=file://$releases bash scripts/action-install.sh 2>&1) \
    || fail "the Action's install step failed: $out"
  grep -q "factlint: release v9.9.9" <<< "$out" || fail "the Action did not install the release of its tag: $out"
  [ -x "$work/runner/factlint/bin/factlint" ] || fail "the Action's install step left no binary"
  echo "integrations: release binaries ok (the hook's download and cache, the Action at a tag)"
else
  echo "integrations: release binaries skipped: no release target for $(uname -s)-$(uname -m) here"
fi

# --- pre-commit ---------------------------------------------------------
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/pip" install -q pre-commit >/dev/null 2>&1 || rm -rf "$venv"
fi
if [ -x "$venv/bin/pre-commit" ]; then
  "$venv/bin/pre-commit" validate-manifest .pre-commit-hooks.yaml || fail "pre-commit rejects .pre-commit-hooks.yaml"
  dir=$work/pre-commit
  project "$dir"
  # The `factlint-system` hook as defined, with the built binary on PATH;
  # the others differ from it only in how they get the binary (checked
  # below).
  "$venv/bin/python" - "$repo/.pre-commit-hooks.yaml" "$dir/.pre-commit-config.yaml" <<'PY'
import sys, yaml
hooks = {h["id"]: h for h in yaml.safe_load(open(sys.argv[1]))}
hook = hooks["factlint-system"]
for other in hooks.values():
    for key in ("types_or", "exclude", "require_serial", "pass_filenames"):
        assert other.get(key) == hook.get(key), (other["id"], key)
    assert other["entry"].endswith("check --format short"), other["id"]
yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, open(sys.argv[2], "w"))
PY
  printf "$bad" > "$dir/corpus/2024-06-13-new.txt"
  printf 'not an article\n' > "$dir/notes.rst"
  printf '# The project, not an article\n' > "$dir/README.md"
  mkdir -p "$dir/docs" && printf 'Notes on Nur-Sultan, not an article.\n' > "$dir/docs/howto.md"
  git -C "$dir" add .
  if out=$(cd "$dir" && PRE_COMMIT_HOME=$cache/pre-commit-home "$venv/bin/pre-commit" run 2>&1); then
    fail "pre-commit passed a staged article with an error: $out"
  fi
  grep -q "corpus/2024-06-13-new.txt:2:29: error\[place-name-outdated\]" <<< "$out" || fail "pre-commit output lacks the diagnostic: $out"
  grep -q "checked 1 article of 2 read" <<< "$out" || fail "the hook did not report on the staged article only: $out"
  if grep -q "README\|docs/howto" <<< "$out"; then fail "the hook passed the README or docs: $out"; fi
  printf 'date 2024-06-13\nThe delegation flew in from Astana.\n' > "$dir/corpus/2024-06-13-new.txt"
  git -C "$dir" add .
  (cd "$dir" && PRE_COMMIT_HOME=$cache/pre-commit-home "$venv/bin/pre-commit" run > /dev/null 2>&1) || fail "pre-commit failed a clean article"
  echo "integrations: pre-commit hook ok ($("$venv/bin/pre-commit" --version))"
else
  echo "integrations: pre-commit skipped: cannot install it from PyPI"
fi

# --- GitHub Action ------------------------------------------------------
python3 - "$repo/action.yml" "$repo" <<'PY' || fail "action.yml"
import os, re, sys
text = open(sys.argv[1]).read()
# Every script the action runs is in the repository.
scripts = re.findall(r'(scripts/[\w.-]+\.sh)', text)
assert scripts, "action.yml runs no script"
for script in scripts:
    assert os.path.isfile(os.path.join(sys.argv[2], script)), f"{script} missing"
for key in ("using: composite", "inputs:", "github/codeql-action/upload-sarif"):
    assert key in text, f"action.yml lacks {key}"
# Inputs reach scripts through env, never spliced into `run:` text.
for run in re.findall(r'run: (.*)', text):
    assert "inputs." not in run, f"an input is spliced into a script: {run}"
PY
dir=$work/action
project "$dir"
printf "$bad" > "$dir/corpus/2024-06-13-new.txt"
(cd "$dir" && GITHUB_OUTPUT=$dir/output FACTLINT_ARGS="--fail-on error" FACTLINT_SARIF=report.sarif FACTLINT_HTML=report.html bash "$repo/scripts/action-check.sh" > "$dir/log") || fail "the action's check step failed"
grep -q '^exit-code=1$' "$dir/output" || fail "the check step did not record exit code 1: $(cat "$dir/output")"
grep -q '^::error file=corpus/2024-06-13-new.txt' "$dir/log" || fail "no annotation in the log: $(cat "$dir/log")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runs"][0]["results"], "no results"' "$dir/report.sarif" || fail "no SARIF report"
grep -q 'class="diag ' "$dir/report.html" || fail "no HTML report with diagnostics"
# A multi-line `args` (a YAML block: one flag a line, a quoted path with a
# space, a comment), split as a shell splits words, never run.
mkdir -p "$dir/corpus/my desk"
printf "$bad" > "$dir/corpus/my desk/second.txt"
args=$'"corpus/my desk/second.txt"\n--fail-on error   # errors only\n--select place'
(cd "$dir" && GITHUB_OUTPUT=$dir/output2 FACTLINT_ARGS="$args" FACTLINT_SARIF=two.sarif bash "$repo/scripts/action-check.sh" > "$dir/log2" 2>&1)
grep -q '^::error file=corpus/my desk/second.txt' "$dir/log2" || fail "a multi-line args was not passed as written: $(cat "$dir/log2")"
grep -q '^exit-code=1$' "$dir/output2" || fail "the multi-line args run did not record exit code 1"
(cd "$dir" && GITHUB_OUTPUT=$dir/output3 FACTLINT_ARGS='$(touch pwned) `touch pwned`' bash "$repo/scripts/action-check.sh" > /dev/null 2>&1)
[ ! -e "$dir/pwned" ] || fail "an args input ran as shell code"
echo "integrations: GitHub Action check step ok"

# --- GitLab CI ----------------------------------------------------------
dir=$work/gitlab
project "$dir"
# The baseline, written once on main and committed, as the README says.
(cd "$dir" && factlint check --write-baseline factlint-baseline.json 2> /dev/null)
git -C "$dir" add . && git -C "$dir" -c user.name=ci -c user.email=ci@example.com commit -q -m baseline
git -C "$dir" checkout -q -b feature
printf "$bad" > "$dir/corpus/2024-06-13-new.txt"
git -C "$dir" add . && git -C "$dir" -c user.name=ci -c user.email=ci@example.com commit -q -m new
git -C "$dir" update-ref refs/remotes/origin/main main
python3 - "$repo/README.md" > "$dir/job.sh" <<'PY'
import re, sys
readme = open(sys.argv[1]).read()
section = readme[readme.index("### GitLab CI"):]
block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
lines, in_script = [], False
for line in block.splitlines():
    stripped = line.strip()
    if stripped in ("script:", "after_script:"):
        in_script = True
        continue
    if in_script and stripped.startswith("- "):
        command = stripped[2:]
        # The install and the fetch need the network and a real remote.
        if not command.startswith(("cargo install", "git fetch")):
            lines.append(command)
    elif not line.startswith("    "):
        in_script = False
print("set -e")
print("\n".join(lines))
PY
grep -q "factlint check" "$dir/job.sh" || fail "no factlint command in the README's GitLab job"
if (cd "$dir" && CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main bash job.sh > "$dir/log" 2>&1); then
  fail "the GitLab job passed with a new error: $(cat "$dir/log")"
fi
grep -q 'failures="1"' "$dir/factlint-junit.xml" || fail "no failing test case in the JUnit report"
# The after_script's Code Quality report (set -e stopped the job before it).
grep -q -- "--format gitlab" "$dir/job.sh" || fail "no Code Quality report in the README's GitLab job"
(cd "$dir" && factlint check --format gitlab --output-file gl-code-quality-report.json --exit-zero)
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d and all(i["fingerprint"] and i["location"]["path"] for i in d)' "$dir/gl-code-quality-report.json" \
  || fail "no Code Quality issues"
echo "integrations: GitLab CI job ok"
