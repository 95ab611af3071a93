#!/usr/bin/env python3
"""docs/schemas/compare.schema.json (refsim-compare/3) against real output: the default selection, a
filtered one with periodic-reset (its period parameter) and another rate, and a width-8 debug one.
The schema is itself checked as a draft 2020-12 schema. Skips (exit 77) without the jsonschema module
(Debian: python3-jsonschema, in ci/deps).

usage: schema_test.py REFSIM SOURCE_DIR"""
import json
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("the python3 jsonschema module is not installed (Debian: python3-jsonschema): skipped")
    sys.exit(77)

refsim, source = sys.argv[1], sys.argv[2]
with open(source + "/docs/schemas/compare.schema.json", encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
selections = [[], ["--runtime", "3.14", "--strategy", "periodic-reset,as-shipped", "--rate", "3"],
              ["--width", "8,16", "--debug", "true", "--kind", "heap,static-type"]]
for args in selections:
    out = subprocess.run([refsim, "compare", "--format", "json", *args], capture_output=True, text=True, check=True).stdout
    document = json.loads(out)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    for error in errors[:10]:
        print(f"refsim compare {' '.join(args)}: {'/'.join(map(str, error.path))}: {error.message}")
    assert not errors, f"{len(errors)} schema errors"
    print(f"refsim compare --format json {' '.join(args)}: {len(document['rows'])} rows, "
          f"{len(document['claims'])} claims: valid refsim-compare/3")
# The schema rejects what the integer rule forbids: a count written as a JSON number.
document["rows"][0]["steps"] = int(document["rows"][0]["steps"])
assert not validator.is_valid(document), "a count as a JSON number passed the schema"
print("ok")
