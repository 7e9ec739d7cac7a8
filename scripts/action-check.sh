#!/usr/bin/env bash
# The GitHub Action's check step (action.yml): `factlint check` with the
# workflow's arguments, the report written as SARIF, the diagnostics shown
# as annotations in the log too; the exit code goes to the step's output so
# the SARIF upload runs before the job fails.
set -uo pipefail
sarif=${FACTLINT_SARIF:-factlint.sarif}
# The workflow's arguments, split as a shell splits words (quotes,
# backslashes; a newline is a space, so a YAML block can give one flag a
# line; `#` starts a comment), never run as shell code.
split_args() {
  python3 -c 'import shlex, sys; sys.stdout.write("".join(w + "\0" for w in shlex.split(sys.argv[1], comments=True)))' "$1"
}
args=()
if [ -n "${FACTLINT_ARGS:-}" ]; then
  split_args "$FACTLINT_ARGS" > /dev/null \
    || { echo "factlint: cannot split the args input (an unclosed quote?): $FACTLINT_ARGS" >&2; exit 2; }
  while IFS= read -r -d '' word; do args+=("$word"); done < <(split_args "$FACTLINT_ARGS")
fi
factlint check "${args[@]}" --format github --exit-zero
factlint check "${args[@]}" --format sarif --output-file "$sarif"
code=$?
# The HTML report, when asked for, from the same arguments.
if [ -n "${FACTLINT_HTML:-}" ]; then
  factlint check "${args[@]}" --format html --exit-zero --output-file "$FACTLINT_HTML"
  echo "factlint: HTML report in $FACTLINT_HTML"
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
echo "factlint: exit code $code, SARIF report in $sarif"
exit 0
