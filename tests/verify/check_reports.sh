# Sourced by corpus.sh and ft_corpus.sh: check_reports TEST SCHEMA WORK checks every WORK/report-*.json
# against SCHEMA where python3 has jsonschema (else says it skipped); sets failed=1 on a mismatch.
check_reports() {
  local test=$1 schema=$2 work=$3 report
  if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "$test: skipped the schema check: python3 has no jsonschema"; return
  fi
  for report in "$work"/report-*.json; do
    [[ -f $report ]] || continue
    if ! python3 -c 'import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
        "$schema" "$report" 2>"$work/err.txt"; then
      echo "$test: FAILED: $report does not follow $schema: $(tail -n 1 "$work/err.txt")"; failed=1
    fi
  done
}
