#!/usr/bin/env bash
# The GitHub Action's check step (action.yml): `factlint check` with the
# workflow's arguments, the report written as SARIF, the diagnostics shown
# as annotations in the log too; the exit code goes to the step's output so
# the SARIF upload runs before the job fails.
set -uo pipefail
sarif=${FACTLINT_SARIF:-factlint.sarif}
# The workflow's arguments, split as a shell would split them.
read -r -a args <<< "${FACTLINT_ARGS:-}"
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
