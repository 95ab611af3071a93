#!/usr/bin/env python3
"""The claims schemas (docs/schemas/refsim-claims-2.schema.json, and -1 for the files refsim still
reads) accept the built-in catalog and the examples of docs/CLAIMS.md, and reject what refsim
rejects; the campaign report schema (refsim-campaign-4.schema.json) accepts the reports of three
short campaigns of REFSIM (argv[2]): the docs' false claim and their false free-threaded claim (a new
counterexample each; the free-threaded one's scenario checked against
refsim-scenario-2-free-threaded.schema.json), and the catalog. Skips (77) without python3-jsonschema."""
import json
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("jsonschema is not installed (python3-jsonschema): skipped")
    sys.exit(77)

source = sys.argv[1]


def validator(name):
    schema = json.load(open(f"{source}/docs/schemas/{name}"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


v1, v2 = validator("refsim-claims-1.schema.json"), validator("refsim-claims-2.schema.json")
catalog = json.load(open(f"{source}/campaign/catalog.json"))
v2.validate(catalog)
examples = [json.loads(e) for e in re.findall(r"```json\n(.*?)```", open(f"{source}/docs/CLAIMS.md").read(), re.S)]
example, ft_example = examples[0], examples[1]
v2.validate(example)
v1.validate(dict(example, format="refsim-claims/1"))  # a /1 file without free-threaded scopes
v2.validate(ft_example)

claim = catalog["claims"][0]
ft_claim = next(c for c in catalog["claims"] if c["scope"].get("versions", [""])[0].endswith("t"))
bad = [
    (v1, {"format": "refsim-claims/2", "claims": [claim]}),
    (v1, {"format": "refsim-claims/1", "claims": [ft_claim]}),
    (v2, {"format": "refsim-claims/2", "claims": []}),
    (v2, {"format": "refsim-claims/2", "claims": [dict(claim, id="Upper")]}),
    (v2, {"format": "refsim-claims/2", "claims": [dict(claim, invariant="eternal")]}),
    (v2, {"format": "refsim-claims/2", "claims": [dict(claim, scope={"kinds": ["nothing"]})]}),
    (v2, {"format": "refsim-claims/2", "claims": [dict(claim, scope={"max_steps": "18446744073709551616x"})]}),
    (v2, {"format": "refsim-claims/2", "claims": [dict(claim, extra=1)]}),
    (v2, {"format": "refsim-claims/2", "claims": [dict(ft_claim, scope={"versions": ["3.14t", "3.14"]})]}),
    (v2, {"format": "refsim-claims/2", "claims": [dict(ft_claim, scope={"versions": ["3.14t"], "origins": ["core"]})]}),
    (v2, {"format": "refsim-claims/2", "claims": [dict(ft_claim, scope={"versions": ["3.14t"], "threads": ["nobody"]})]}),
]
for schema, document in bad:
    if schema.is_valid(document):
        print("accepted a bad document:", json.dumps(document)[:200])
        sys.exit(1)
report_schema = validator("refsim-campaign-4.schema.json")
ft_scenario_schema = validator("refsim-scenario-2-free-threaded.schema.json")
if len(sys.argv) > 2:
    with tempfile.TemporaryDirectory() as scratch:
        for name, document in (("false.json", example), ("ft-false.json", ft_example)):
            with open(f"{scratch}/{name}", "w") as f:
                json.dump(document, f)
        runs = [["--claims", f"{scratch}/false.json", "--known", f"{scratch}/known"],
                ["--claims", f"{scratch}/ft-false.json", "--known", f"{scratch}/known"], ["--claim", claim["id"]]]
        for i, args in enumerate(runs):
            out = f"{scratch}/out{i}"
            status = subprocess.run([sys.argv[2], "campaign", "--time", "2", "--seed", "1", "--out", out,
                                     "--minimize-time", "2"] + args, capture_output=True).returncode
            if status not in (0, 1):
                print("refsim campaign", args, "exited", status)
                sys.exit(1)
            report = json.load(open(f"{out}/report.json"))
            report_schema.validate(report)
            if i < 2 and report["summary"]["new_counterexamples"] != 1:
                print("a false claim gave no new counterexample:", args, report["summary"])
                sys.exit(1)
            if i == 1:
                ft_scenario_schema.validate(report["claims"][0]["counterexamples"][0]["scenario"])
print(f"ok: catalog ({len(catalog['claims'])} claims), the CLAIMS.md examples, {len(bad)} bad documents rejected")
