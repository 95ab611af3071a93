#!/usr/bin/env python3
"""The claims schema (docs/schemas/refsim-claims-1.schema.json) accepts the built-in catalog and the
example of docs/CLAIMS.md, and rejects what refsim rejects; the campaign report schema
(refsim-campaign-2.schema.json) accepts the reports of two short campaigns of REFSIM (argv[2]): the
docs' false claim (a new counterexample) and the catalog. Skips (77) without python3-jsonschema."""
import json
import os
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
schema = json.load(open(f"{source}/docs/schemas/refsim-claims-1.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

catalog = json.load(open(f"{source}/campaign/catalog.json"))
validator.validate(catalog)
example = re.search(r"```json\n(.*?)```", open(f"{source}/docs/CLAIMS.md").read(), re.S).group(1)
validator.validate(json.loads(example))

claim = catalog["claims"][0]
bad = [
    {"format": "refsim-claims/2", "claims": [claim]},
    {"format": "refsim-claims/1", "claims": []},
    {"format": "refsim-claims/1", "claims": [dict(claim, id="Upper")]},
    {"format": "refsim-claims/1", "claims": [dict(claim, invariant="eternal")]},
    {"format": "refsim-claims/1", "claims": [dict(claim, scope={"kinds": ["nothing"]})]},
    {"format": "refsim-claims/1", "claims": [dict(claim, scope={"max_steps": "18446744073709551616x"})]},
    {"format": "refsim-claims/1", "claims": [dict(claim, extra=1)]},
]
for document in bad:
    if validator.is_valid(document):
        print("accepted a bad document:", json.dumps(document)[:200])
        sys.exit(1)
report_schema = json.load(open(f"{source}/docs/schemas/refsim-campaign-2.schema.json"))
jsonschema.Draft202012Validator.check_schema(report_schema)
if len(sys.argv) > 2:
    with tempfile.TemporaryDirectory() as scratch:
        with open(f"{scratch}/false.json", "w") as f:
            f.write(example)
        runs = [["--claims", f"{scratch}/false.json", "--known", f"{scratch}/known"], ["--claim", claim["id"]]]
        for i, args in enumerate(runs):
            out = f"{scratch}/out{i}"
            status = subprocess.run([sys.argv[2], "campaign", "--time", "2", "--seed", "1", "--out", out,
                                     "--minimize-time", "2"] + args, capture_output=True).returncode
            if status not in (0, 1):
                print("refsim campaign", args, "exited", status)
                sys.exit(1)
            report = json.load(open(f"{out}/report.json"))
            jsonschema.Draft202012Validator(report_schema).validate(report)
            if i == 0 and report["summary"]["new_counterexamples"] != 1:
                print("the false claim gave no new counterexample:", report["summary"])
                sys.exit(1)
print(f"ok: catalog ({len(catalog['claims'])} claims), the CLAIMS.md example, {len(bad)} bad documents rejected")
