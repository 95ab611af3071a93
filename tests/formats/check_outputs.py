#!/usr/bin/python3
"""Output formats against their consumers: the JSON Schemas in docs/schemas/ (draft 2020-12, with
Debian's python3-jsonschema) against real `refsim run`, `refsim decode` and `refsim replay` output
and every bundled scenario; exact counts above 2^53 through jq; the JUnit XML through a real XML
parser; the SARIF log's references. Writes only inside a temporary directory of its own.

Usage: check_outputs.py REFSIM REFSIM_FUZZ_REPLAY SOURCE_DIR
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

try:
    import jsonschema
except ImportError:
    sys.exit("check_outputs.py: python3-jsonschema is missing (ci/deps installs it)")

REFSIM, FUZZ_REPLAY, SOURCE = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def refsim(*args, status=0):
    run = subprocess.run([REFSIM, *args], capture_output=True, text=True, errors="replace")
    check(run.returncode == status, f"refsim {args}: exit {run.returncode}, wanted {status}: {run.stderr}")
    return run.stdout


def validator(name):
    with open(os.path.join(SOURCE, "docs", "schemas", name)) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)  # the meta-schema ships with the package
    return jsonschema.Draft202012Validator(schema)


def valid(v, document, what):
    errors = sorted(v.iter_errors(document), key=lambda e: list(e.absolute_path))
    check(not errors, f"{what}: " + "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:3]))
    return not errors


scenario_schemas = {"refsim-scenario/1": validator("refsim-scenario-1.schema.json"),
                    "refsim-scenario/2": validator("refsim-scenario-2.schema.json")}


def valid_scenario(document, what):
    """A scenario against the schema of the format it names (/2 adds the runtime's own operations)."""
    v = scenario_schemas.get(document.get("format") if isinstance(document, dict) else None)
    check(v is not None, f"{what}: unknown scenario format")
    return v is not None and valid(v, document, what)


report_schema = validator("refsim-report-2.schema.json")
replay_schema = validator("refsim-replay-2.schema.json")
sidecar_schema = validator("refsim-regression.schema.json")
work = tempfile.mkdtemp(prefix="refsim-formats-")
try:
    # Every bundled scenario and every decoded fuzz input is a refsim-scenario/1 or /2 document.
    scenarios = sorted(glob.glob(os.path.join(SOURCE, "corpus", "scenarios", "*.json")))
    scenarios += [f for f in sorted(glob.glob(os.path.join(SOURCE, "tests", "golden", "*.json")))
                  if not f.endswith(".report.json")]
    # Free-threaded scenarios (docs/SCENARIO-THREADS.md) have their own schema.
    def free_threaded(f):
        with open(f) as text:
            return json.load(text).get("runtime", {}).get("version", "") in ("3.13t", "3.14t", "3.15t", "gh153202-proto")
    threaded_schema = validator("refsim-scenario-2-free-threaded.schema.json")
    for f in [f for f in scenarios if free_threaded(f)]:
        with open(f) as text:
            valid(threaded_schema, json.load(text), f)
    scenarios = [f for f in scenarios if not free_threaded(f)]
    check(len(scenarios) > 20, f"only {len(scenarios)} scenarios found")
    for f in scenarios:
        with open(f) as text:
            valid_scenario(json.load(text), f)
    decoded = 0
    for target in ("engine_equivalence", "immortal_safety", "mortal_accounting"):
        for f in sorted(glob.glob(os.path.join(SOURCE, "corpus", target, "*", "*"))):
            if f.endswith(".expected"):
                continue
            valid_scenario(json.loads(refsim("decode", f)), f"refsim decode {f}")
            decoded += 1
    check(decoded > 10, f"only {decoded} fuzz inputs decoded")

    # Regression sidecars: the committed ones, and the one refsim_fuzz_replay --sidecar writes for
    # each regression input now (refsim-regression/2), which records the same behaviour.
    sidecars = sorted(glob.glob(os.path.join(SOURCE, "corpus", "*", "regression", "*.expected")))
    check(len(sidecars) >= 3, f"only {len(sidecars)} sidecars found")
    for f in sidecars:
        with open(f) as text:
            committed = json.load(text)
        valid(sidecar_schema, committed, f)
        run = subprocess.run([FUZZ_REPLAY, "--sidecar", committed["target"], f[:-len(".expected")], "note"],
                             capture_output=True, text=True)
        now = json.loads(run.stdout)
        valid(sidecar_schema, now, f"refsim_fuzz_replay --sidecar for {f}")
        check(now["format"] == "refsim-regression/2", f"{f}: --sidecar writes {now['format']}")
        check(now["signatures"] == committed["signatures"] and int(now.get("step") or 0) == int(committed.get("step") or 0),
              f"{f}: the input's behaviour now is not the recorded one")

    # refsim run: one document for all the scenarios, and for one.
    everything = json.loads(refsim("run", *scenarios))
    valid(report_schema, everything, "refsim run (all scenarios)")
    check(len(everything["reports"]) == len(scenarios), "a report per scenario")
    one = json.loads(refsim("run", scenarios[0]))
    valid(report_schema, one, "refsim run (one scenario)")
    check(len(one["reports"]) == 1, "one file still gives a reports array")
    for f in glob.glob(os.path.join(SOURCE, "tests", "golden", "*.report.json")):
        with open(f) as text:
            valid(report_schema, json.load(text), f)
    # The schema can fail: a bare number where a decimal string belongs.
    broken = json.loads(json.dumps(one))
    broken["reports"][0]["steps"] = int(broken["reports"][0]["steps"])
    check(not report_schema.is_valid(broken), "the report schema accepts a bare number of steps")

    # Counts above 2^53 survive jq exactly: 2^60 + 1 increfs of a 64-bit heap object.
    big = os.path.join(work, "big.json")
    with open(big, "w") as f:
        json.dump({"format": "refsim-scenario/1", "runtime": {"version": "3.12", "width": 64},
                   "objects": [{"id": "h", "kind": "heap"}],
                   "ops": [{"op": "incref", "obj": "h", "count": str(2**60 + 1)}]}, f)
    report = os.path.join(work, "big.report.json")
    refsim("run", "--report", report, big)
    jq = subprocess.run(["jq", "-r", ".reports[0].steps, .reports[0].objects[0].logical_refs", report],
                        capture_output=True, text=True)
    check(jq.stdout.split() == [str(2**60 + 1), str(2**60 + 2)], f"jq -r read {jq.stdout.split()}")

    # refsim replay: the report, JUnit and SARIF of the bundled corpus and of a failing one.
    corpus = os.path.join(work, "corpus")
    shutil.copytree(os.path.join(SOURCE, "corpus"), corpus)
    # A file name with markup, a control character and a byte that is not UTF-8.
    with open(os.path.join(os.fsencode(corpus), b"scenarios", b"wrong <&> \x01\xff.json"), "w") as f:
        json.dump({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32},
                   "objects": [{"id": "none", "kind": "none"}], "ops": [], "expect": {"outcome": "crashed"}}, f)
    odd = json.loads(refsim("run", os.path.join(os.fsencode(corpus), b"scenarios", b"wrong <&> \x01\xff.json"), status=1))
    check(odd["reports"][0]["scenario"]["name"] == "wrong <&> \x01\ufffd", "a name from a file name is valid UTF-8")
    paths = {kind: os.path.join(work, "replay." + kind) for kind in ("json", "xml", "sarif")}
    refsim("replay", "--report", paths["json"], "--junit", paths["xml"], "--sarif", paths["sarif"], corpus, status=1)
    with open(paths["json"]) as f:
        replay = json.load(f)
    valid(replay_schema, replay, "refsim replay --report")
    for group in replay["groups"]:
        valid_scenario(group["reproducer"]["scenario"], "a replay reproducer")

    suites = ElementTree.parse(paths["xml"]).getroot()
    check(suites.tag == "testsuites", f"JUnit root is <{suites.tag}>")
    cases = suites.findall("./testsuite/testcase")
    check(len(cases) == replay["inputs"]["total"] == int(suites.get("tests")), "a JUnit test case per input")
    failed = [c for c in cases if c.find("failure") is not None]
    check(len(failed) == 1 == int(suites.get("failures")), f"{len(failed)} failed JUnit cases")
    check(failed and failed[0].get("name").endswith("wrong <&> \\x01\ufffd.json"), "the failed case names its input")
    check(failed and "expected \"crashed\"" in failed[0].find("failure").get("message"), "the failure's message")
    check(all(float(c.get("time")) >= 0 and c.get("classname").startswith("replay.") for c in cases), "case attributes")

    with open(paths["sarif"]) as f:
        sarif = json.load(f)
    check(sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1, "SARIF version and run")
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    check(len(run["results"]) == len(replay["groups"]) > 0, "a SARIF result per finding group")
    for result in run["results"]:
        check(rules[result["ruleIndex"]]["id"] == result["ruleId"], "ruleIndex points at the rule")
        check(result["level"] in ("error", "warning", "note") and result["message"]["text"], "level and message")
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        check(location["uri"].startswith("file:///"), "absolute inputs are file:// URIs")
        attached = run["artifacts"][result["attachments"][0]["artifactLocation"]["index"]]
        valid_scenario(json.loads(attached["contents"]["text"]), "a SARIF reproducer")
finally:
    shutil.rmtree(work)

for failure in failures:
    print("check_outputs.py: FAILED:", failure)
print(f"check_outputs.py: {'FAILED' if failures else 'passed'}")
sys.exit(1 if failures else 0)
