#!/usr/bin/env python3
"""The HTML pages of `refsim run --format html` and `refsim compare --format html`: each parses as XML
(well-formed), holds no script and fetches nothing, and what it plots equals the JSON report: every
event marker of the run page is one of the report's events (kind, step, words, action), in order, and
every heat-map cell of the compare page is its row's exact count, "never" or not applicable, and the
free-threaded table's cells are the JSON document's free_threaded rows (default and filtered pages).

usage: html_test.py REFSIM SOURCE_DIR"""
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def refsim(*args):
    done = subprocess.run([sys.argv[1], *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"refsim {' '.join(args)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def parse(page, what):
    root = ET.fromstring(page)  # raises on a page that is not well-formed
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        assert tag not in ("script", "link", "img", "iframe", "object"), f"{what}: <{tag}> in a self-contained page"
        for name, value in element.attrib.items():
            assert not value.startswith(("http:", "https:", "//")) or name == "xmlns", f"{what}: {name}={value} fetches"
    assert "@import" not in page and "url(" not in page, f"{what}: the style fetches something"
    return root


def as_int(value):
    return int(value, 0) if isinstance(value, str) else int(value)


def reports_of(document):
    """The report objects of `refsim run`'s JSON, whatever its envelope."""
    if isinstance(document, list):
        return [r for d in document for r in reports_of(d)]
    if isinstance(document, dict) and "events" in document:
        return [document]
    if isinstance(document, dict):
        return [r for v in document.values() if isinstance(v, (list, dict)) for r in reports_of(v)]
    return []


def check_run(source):
    scenario = f"{source}/corpus/scenarios/none-drain-3.14-32.json"
    root = parse(refsim("run", "--format", "html", scenario), "run page")
    (report,) = reports_of(json.loads(refsim("run", "--format", "json", scenario)))
    charts = [svg for svg in root.iter(SVG + "svg") if "data-object" in svg.attrib]
    assert [c.attrib["data-object"] for c in charts] == [o["id"] for o in report["objects"]], "one chart per object"
    plotted = []
    for chart in charts:
        for marker in chart.iter():
            if "data-kind" in marker.attrib:
                a = marker.attrib
                plotted.append((chart.attrib["data-object"], a["data-kind"], int(a["data-step"]),
                                int(a["data-word-before"], 16), int(a["data-word-after"], 16), a.get("data-action")))
        assert int(chart.attrib["data-steps"]) == as_int(report["steps"])
    expected = [(e["obj"], e["kind"], as_int(e["step"]), int(e["word_before"], 16), int(e["word_after"], 16),
                 (e.get("detail") or {}).get("action")) for e in report["events"]]
    assert plotted == expected, f"plotted {plotted}\n   report {expected}"
    assert len(plotted) == 3
    # The immortal refcount line is where the reset puts None back: the dealloc event's word after.
    (line,) = [e for e in root.iter(SVG + "line") if "data-immortal-refcnt" in e.attrib]
    reset = next(e for e in report["events"] if e["kind"] == "dealloc")
    assert int(line.attrib["data-immortal-refcnt"], 16) == int(reset["word_after"], 16), line.attrib
    # Each event is numbered beside its marker and listed under the chart with its step and words.
    texts = [t.text or "" for t in charts[0].iter(SVG + "text")]
    numbers = [t.text for t in charts[0].iter(SVG + "text") if t.attrib.get("class") == "event-number"]
    assert numbers == ["1", "2", "3"], numbers
    for i, e in enumerate(report["events"], 1):
        line = f"{i}. step {as_int(e['step']):,}: {e['kind']}"
        assert any(t.startswith(line) and e["word_after"] in t for t in texts), (line, texts)
    print(f"run page: {len(plotted)} event markers equal the report's events, numbered and listed")


def check_ft_run(source):
    """A free-threaded run: one chart per object, a marker per kept event with the report's fields."""
    scenarios = [f"{source}/corpus/scenarios/{name}.json" for name in
                 ("ft-3.14t-64-shared-negative-until-gc-merge", "ft-3.14t-64-over-release-frees-while-queued-use-after-free",
                  "none-drain-3.14-32")]
    root = parse(refsim("run", "--format", "html", *scenarios), "free-threaded run page")
    reports = json.loads(refsim("run", "--format", "json", *scenarios))["reports"]
    threaded = [r for r in reports if r["runtime"].get("free_threaded")]
    assert len(threaded) == 2, "the default-build scenario is not a free-threaded one"
    charts = [svg for svg in root.iter(SVG + "svg") if "data-object" in svg.attrib]
    expected_charts = [o["id"] for r in reports for o in r["objects"]]
    assert [c.attrib["data-object"] for c in charts] == expected_charts, "one chart per object, in report order"
    plotted = [(c.attrib["data-object"], m.attrib["data-kind"], m.attrib["data-step"], m.attrib["data-local"],
                m.attrib["data-shared-count"], m.attrib["data-owner"])
               for c in charts for m in c.iter() if "data-shared-count" in m.attrib]
    expected = [(e["obj"], e["kind"], e["step"], e["local"], e["shared_count"], e["owner"] or "none")
                for r in threaded for o in r["objects"] for e in r["events"] if e["obj"] == o["id"]]
    assert plotted == expected, f"plotted {plotted}\n   report {expected}"
    assert any(int(p[4]) < 0 for p in plotted), "the shared count's negative values are plotted"
    print(f"free-threaded run page: {len(plotted)} event markers equal the reports' events")


def check_compare():
    args = ["--runtime", "3.11,pep683-r2,3.12,3.14", "--threat", "ext311-decref"]
    root = parse(refsim("compare", "--format", "html", *args), "compare page")
    document = json.loads(refsim("compare", "--format", "json", *args))
    headline = next(p for p in root.iter(XHTML + "p") if p.attrib.get("class") == "headline")
    assert headline.text == document["headline"], "the headline is above the maps"
    rows = {(r["version"], r["width"], r["strategy"]): r for r in document["rows"]
            if r["kind"] == "none" and r["threat"] == "ext311-decref" and not r["debug"]}
    cells = [c for c in root.iter(SVG + "rect") if "data-event" in c.attrib]
    assert len(cells) == 3 * 4 * 2 * 7, len(cells)  # 3 maps x 4 runtimes x 2 widths x 7 strategies
    figures = 0
    for cell in cells:
        a = cell.attrib
        row = rows.get((a["data-runtime"], int(a["data-width"]), a["data-strategy"]))
        if row is None:
            assert a["data-n"] == "n/a", a
            continue
        if a["data-event"] == "mortal" and not row["created_immortal"]:
            assert a["data-n"] == "never-immortal", a
            continue
        threshold = row[a["data-event"]]
        assert a["data-n"] == (threshold["n"] if threshold else "never"), (a, threshold)
        figures += threshold is not None
    assert figures > 50, figures
    print(f"compare page: {len(cells)} cells equal the report's rows ({figures} with a count)")


def check_free_threaded(*args):
    """The free-threaded table equals the JSON rows of the same selection, cell for cell."""
    root = parse(refsim("compare", "--format", "html", *args), "compare page " + " ".join(args))
    document = json.loads(refsim("compare", "--format", "json", *args))
    expected = {(r["version"], r["width"], r["debug"], r["threat"]): r for r in document["free_threaded"]}
    tables = [t for t in root.iter(XHTML + "table") if t.attrib.get("data-free-threaded") == "rows"]
    assert len(tables) == 1, f"{args}: one free-threaded table, not {len(tables)}"
    plotted = {}
    for tr in tables[0].iter(XHTML + "tr"):
        if "data-threat" not in tr.attrib:
            continue
        a = tr.attrib
        key = (a["data-version"], int(a["data-width"]), a["data-debug"] == "true", a["data-threat"])
        cells = {td.attrib["data-event"]: td.attrib["data-n"] for td in tr.iter(XHTML + "td") if "data-event" in td.attrib}
        assert sorted(cells) == ["crash", "immortal", "leak", "premature"], cells
        plotted[key] = cells
    assert sorted(plotted) == sorted(expected), f"{args}: rows {sorted(plotted)}\n   JSON {sorted(expected)}"
    for key, cells in plotted.items():
        for event, n in cells.items():
            assert n == (expected[key][event] or "never"), (key, event, n, expected[key][event])
    counted = sum(n != "never" for cells in plotted.values() for n in cells.values())
    print(f"free-threaded table {' '.join(args) or '(default)'}: {len(plotted)} rows equal the JSON rows ({counted} with a count)")
    return len(plotted), counted


check_run(sys.argv[2])
check_ft_run(sys.argv[2])
check_compare()
rows, counted = check_free_threaded()
assert rows == 4 * 2 * 2 * 4 and counted > 40, (rows, counted)  # versions x widths x builds x families
assert check_free_threaded("--runtime", "3.14t,gh153202-proto", "--width", "32", "--debug", "true")[0] == 2 * 4
print("ok")
