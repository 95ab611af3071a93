#!/usr/bin/env python3
"""docs/schemas/refsim-scenario-2-free-threaded.schema.json against real input: every free-threaded
corpus scenario and what `refsim decode` prints for every ft_engine seed, and a scenario the schema
must refuse; docs/schemas/refsim-report-2-free-threaded-entry.schema.json against the report entry
`refsim run` writes for every free-threaded corpus scenario. Exit 77 (skipped) without jsonschema.

usage: ft_schema_test.py REFSIM SOURCE_DIR"""
import importlib.util
import json
import os
import subprocess
import sys

if importlib.util.find_spec("jsonschema") is None:
    print("skipped: no jsonschema module (Debian: python3-jsonschema)")
    sys.exit(77)
import jsonschema  # noqa: E402


def validator_of(source, name):
    """The draft 2020-12 validator of docs/schemas/NAME, itself checked as a schema."""
    with open(os.path.join(source, "docs", "schemas", name), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


refsim, source = sys.argv[1], sys.argv[2]
validator = validator_of(source, "refsim-scenario-2-free-threaded.schema.json")
entries = validator_of(source, "refsim-report-2-free-threaded-entry.schema.json")

checked = 0
scenarios = os.path.join(source, "corpus/scenarios")
for name in sorted(os.listdir(scenarios)):
    if not name.startswith("ft-"):
        continue
    with open(os.path.join(scenarios, name), encoding="utf-8") as f:
        validator.validate(json.load(f))
    report = subprocess.run([refsim, "run", "--format", "json", os.path.join(scenarios, name)],
                            capture_output=True, text=True, check=True)
    for entry in json.loads(report.stdout)["reports"]:
        entries.validate(entry)
    checked += 1
seeds = os.path.join(source, "corpus/ft_engine/seeds")
for name in sorted(os.listdir(seeds)):
    out = subprocess.run([refsim, "decode", os.path.join(seeds, name)], capture_output=True, text=True, check=True)
    validator.validate(json.loads(out.stdout))
    checked += 1
if checked < 20:
    sys.exit(f"only {checked} documents: the corpus lost its free-threaded scenarios or seeds")

bad = {"format": "refsim-scenario/2", "runtime": {"version": "3.14t"},
       "ops": [{"op": "merge", "thread": "main", "at": "later"}]}
if validator.is_valid(bad):
    sys.exit("the schema accepts a merge at an unknown place")
entry["events"][0]["shared_state"] = "half-merged"
if entries.is_valid(entry):
    sys.exit("the report entry schema accepts an unknown shared state")
print(f"{checked} free-threaded scenarios valid refsim-scenario/2 (free-threaded schema), their report entries valid")
