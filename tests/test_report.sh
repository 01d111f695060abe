#!/usr/bin/env bash
# Tests of `scebench report`: the files it writes, the page's self-containment, the numbers of
# the accuracy table against the results file, graceful notes where data is absent, and its
# errors (exit 2 with one line naming the cause; no output directory, complete or not at all).
#
# usage: bash tests/test_report.sh PATH/TO/scebench [PYTHON]
# Prints "ok - NAME" or "not ok - NAME: why" per check, then "N passed, M failed";
# exits 1 if any check failed.
set -u

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/scebench [PYTHON]" >&2
    exit 2
fi
case "$1" in
    /*) SCEBENCH=$1 ;;
    *) SCEBENCH=$PWD/$1 ;;
esac
PYTHON=${2:-python3}
HERE=$(cd "$(dirname "$0")" && pwd)
command -v gnuplot >/dev/null || { echo "test_report.sh: gnuplot is required (scripts/setup installs it)" >&2; exit 2; }

source "$(dirname "$0")/test_lib.sh"
check() { # check NAME CONDITION-COMMAND...
    local name=$1
    shift
    if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

# report OUTDIR INPUTS...: runs the report; sets RC, OUT and ERR files.
CASE=0
report() {
    local out=$1
    shift
    CASE=$((CASE + 1))
    OUT=$WORK/stdout.$CASE
    ERR=$WORK/stderr.$CASE
    timeout 300 "$SCEBENCH" report "$@" -o "$out" </dev/null >"$OUT" 2>"$ERR"
    RC=$?
}
no_leftovers() { # no DIR.tmp-* or DIR.old-* beside DIR
    ! ls -d "$1".tmp-* "$1".old-* >/dev/null 2>&1
}

# ---- inputs: a quick sweep of a few implementations, with profiles and heat maps measured
#      by scebench eval where the sweep does not write them; synthetic bench and reduction ----
cd "$WORK" || exit 2
if ! timeout 300 "$SCEBENCH" sweep --suite quick -i textbook,caffe,pytorch,accurate -t f32,f16 --threads 2 \
        -o sweep.json >/dev/null 2>sweep.err; then
    echo "not ok - sweep for the report inputs: $(cat sweep.err)"
    echo "0 passed, 1 failed"
    exit 1
fi
"$PYTHON" "$HERE/test_report_fixture.py" "$SCEBENCH" sweep.json results.json --bench bench.json \
    --reduction reduction.json || { echo "not ok - fixture"; echo "0 passed, 1 failed"; exit 1; }
"$PYTHON" "$HERE/test_report_fixture.py" "$SCEBENCH" sweep.json stripped.json --strip || exit 2
# A measured peer, as `scebench score` writes it: one more results file whose implementation
# is not in the registry.
"$PYTHON" - <<'EOF' || exit 2
import json
results = json.load(open("stripped.json"))
runs = [dict(r, impl="numpy-test") for r in results["runs"] if r["impl"] == "pytorch" and r["type"] == "f32"]
results["runs"] = runs
results["command"] = "scebench score (test)"
json.dump(results, open("peer.json", "w"))
EOF

# ---- the full report ----
report full results.json bench.json reduction.json peer.json
check "full report exits 0" test "$RC" -eq 0
check "full report prints the page's path" grep -qx "full/index.html" "$OUT"
for file in index.html report.md accuracy.csv accuracy_by_targets.csv implementations.csv bench.csv reduction.csv \
    plots/plots.gp .scebench-report; do
    check "full report has $file" test -s "full/$file"
done
check "no temporary directory left" no_leftovers full

"$PYTHON" - "$WORK" <<'EOF' >"$WORK/checks.txt" 2>&1
import csv, glob, html, json, os, re, sys
work = sys.argv[1]
os.chdir(work)
def result(name, good, why=""):
    print(("ok - " if good else "not ok - ") + name + ("" if good else ": " + why))

plots = sorted(os.path.basename(p)[:-3] for p in glob.glob("full/plots/*.gp") if not p.endswith("/plots.gp"))
missing = [p for p in plots for k in ("svg", "png") if not os.path.getsize(f"full/plots/{p}.{k}") > 0]
result("every plot drawn as SVG and PNG", plots and not missing, f"plots {len(plots)}, missing {missing}")
bad_png = [p for p in plots if open(f"full/plots/{p}.png", "rb").read(8) != b"\x89PNG\r\n\x1a\n"]
result("PNG files are PNG", not bad_png, str(bad_png))
for kind in ("profile-", "heatmap-", "histogram-", "bench-", "scaling-", "reduction-error-", "reduction-throughput-"):
    result(f"plots of kind {kind}*", any(p.startswith(kind) for p in plots), str(plots))
for expected in ("profile-f16-native-loss-z0", "profile-f16-opmath-grad-z1", "profile-f32-loss-zsoft",
                 "heatmap-f32-grad", "histogram-f16-opmath-loss"):
    result(f"plot {expected}", expected in plots, str(plots))

page = open("full/index.html", encoding="utf-8").read()
svgs = re.findall(r'<svg class="gnuplot" data-plot="([^"]+)"', page)
result("index.html inlines every plot once", sorted(svgs) == plots, f"{len(svgs)} inline, {len(plots)} plots")
for tag in ("<script", "<link", "<img", "<iframe", "<object", "<embed", "@import"):
    result(f"index.html has no {tag}", tag not in page.lower())
refs = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']*)', page)
external = [r for r in refs if not (r.startswith("#") or r.startswith("data:"))]
result("every src/href is a fragment or data: URL", not external, str(external[:5]))
urls = re.findall(r'url\(\s*["\']?([^)"\']*)', page)
result("every CSS url() is a fragment", all(u.startswith("#") for u in urls), str([u for u in urls if not u.startswith("#")][:5]))
web = [m.start() for m in re.finditer(r"https?://", page)]
stray = [page[w - 20:w + 40] for w in web if not page[:w].endswith(('xmlns="', 'xmlns:xlink="'))]
result("http(s):// only in SVG namespace declarations", not stray, str(stray[:3]))
ids = re.findall(r'\sid=["\']([^"\']+)', page)
duplicates = sorted({i for i in ids if ids.count(i) > 1})
result("element ids are unique in the page", not duplicates, str(duplicates[:5]))
clips = set(re.findall(r"url\(#([^)]+)\)", page))
result("every url(#id) resolves", clips <= set(ids), str(sorted(clips - set(ids))[:5]))
for text in ("At a glance", "Accuracy", "Error against x", "Error over (x, z)", "Error histograms", "Throughput",
             "Reduction", "Implementations", "Provenance", "numpy-test", "(1-z)*x - log_sigmoid(x)",
             "scebench score (test)", "fixture CPU", "cpu_model"):
    result(f"index.html shows {text!r}", html.escape(text, quote=False) in page)

# The accuracy table against the results files: sums, maxima, the worst input.
runs = json.load(open("results.json"))["runs"] + json.load(open("peer.json"))["runs"]
rows = list(csv.DictReader(open("full/accuracy.csv")))
keys = {(r["impl"], r["type"], r["mode"], r["fn"]) for r in runs}
result("accuracy.csv: one row per implementation, format, mode, function", len(rows) == len(keys),
       f"{len(rows)} rows, {len(keys)} keys")
by_targets = list(csv.DictReader(open("full/accuracy_by_targets.csv")))
result("accuracy_by_targets.csv: one row per run", len(by_targets) == len(runs), f"{len(by_targets)} vs {len(runs)}")
def ulp(v): return float("inf") if v == "inf" else float(v)
mismatch = []
for row in rows:
    mine = [r for r in runs if (r["impl"], r["type"], r["mode"], r["fn"]) == (row["impl"], row["type"], row["mode"], row["fn"])]
    points = sum(r["points"] for r in mine)
    top = max(ulp(r["max_ulp"]) for r in mine)
    flush = sum(r["classes"]["flush"] for r in mine)
    buckets = sum(r["histogram"]["<=0.5"] for r in mine)
    infinite = lambda r: r["classes"]["overflow"] + r["classes"]["nan"] + r["classes"]["inf-mismatch"]
    finite = sum(r["points"] - infinite(r) for r in mine)
    mean = sum(r["mean_ulp"] * (r["points"] - infinite(r)) for r in mine) / finite if finite else 0
    worst = max(mine, key=lambda r: ulp(r["max_ulp"]))["worst"]
    got = (int(row["points"]), ulp(row["max_ulp"]), int(row["flush"]), int(row["hist_<=0.5"]))
    if got != (points, top, flush, buckets) or abs(float(row["mean_ulp"]) - mean) > 1e-9 * max(1, mean) or \
            (worst and row["worst_x"] != worst[0]["x"]):
        mismatch.append((row["impl"], row["type"], row["mode"], row["fn"]))
result("accuracy.csv merges the target sets exactly", not mismatch, str(mismatch[:3]))
pytorch = [r for r in rows if (r["impl"], r["type"], r["fn"]) == ("pytorch", "f32", "loss")]
result("the f32 pytorch loss flushes (x = -16, z = 0 kind)", pytorch and int(pytorch[0]["flush"]) > 0)
accurate = [r for r in rows if r["impl"] == "accurate"]
result("accurate keeps its contract in the table", accurate and all(r["contract"] == "kept" for r in accurate))
result("implementations.csv lists the registry", len(list(csv.DictReader(open("full/implementations.csv")))) >= 10)
bench = list(csv.DictReader(open("full/bench.csv")))
result("bench.csv has every measurement", len(bench) == len(json.load(open("bench.json"))["results"]))

md = open("full/report.md", encoding="utf-8").read()
images = re.findall(r"\]\((plots/[^)]+)\)", md)
result("report.md links every plot", sorted(i[6:-4] for i in images) == plots, f"{len(images)} links")
result("report.md links exist", all(os.path.exists("full/" + i) for i in images))
result("report.md has the accuracy table", "| implementation | type | mode | fn |" in md)
EOF
cat "$WORK/checks.txt"
PASSED=$((PASSED + $(grep -c '^ok - ' "$WORK/checks.txt")))
FAILED=$((FAILED + $(grep -c '^not ok - ' "$WORK/checks.txt")))
grep -q '^Traceback' "$WORK/checks.txt" && not_ok "page checks" "the checking script failed"

# ---- degrading gracefully: no profile, no heat map, no bench, no reduction ----
report plain stripped.json
check "report without profiles, bench or reduction exits 0" test "$RC" -eq 0
check "notes the missing profiles" grep -q 'no &quot;profile&quot; field' plain/index.html
check "notes the missing heat maps" grep -q 'no &quot;heatmap&quot; field' plain/index.html
check "notes the missing bench file" grep -q 'No bench file was given' plain/index.html
check "notes the missing reduction file" grep -q 'No reduction file was given' plain/index.html
check "still draws the histograms" test -s plain/plots/histogram-f32-loss.svg
check "draws no profile without data" test -z "$(ls plain/plots | grep '^profile-')"
check "writes no bench.csv without a bench file" test ! -e plain/bench.csv

# ---- replacing an earlier report; refusing a foreign directory ----
touch full/stale-file
report full results.json
check "an earlier report is replaced" test "$RC" -eq 0 -a ! -e full/stale-file -a -s full/index.html
check "no .tmp or .old directory left after replacing" no_leftovers full
check "the replaced report has no bench section" grep -q 'No bench file was given' full/index.html
mkdir -p foreign && echo precious >foreign/data.txt
report foreign results.json
check "a foreign non-empty directory is refused with exit 2" test "$RC" -eq 2
check "the refusal names the directory" grep -q "foreign.*not replacing" "$ERR"
check "the foreign directory is untouched" test "$(cat foreign/data.txt)" = precious -a ! -e foreign/index.html
mkdir -p empty
report empty stripped.json
check "an empty directory is filled" test "$RC" -eq 0 -a -s empty/index.html
echo x >afile
report afile stripped.json
check "an output path that is a file: exit 2" test "$RC" -eq 2

# ---- errors: exit 2, one line naming the cause, nothing written ----
expect_error() { # NAME PATTERN (then the report arguments)
    local name=$1 pattern=$2
    shift 2
    report out "$@"
    if [ "$RC" -ne 2 ]; then not_ok "$name" "exit $RC, expected 2"
    elif ! grep -q -- "$pattern" "$ERR"; then not_ok "$name" "stderr lacks '$pattern': $(cat "$ERR")"
    elif [ "$(wc -l <"$ERR")" -ne 1 ]; then not_ok "$name" "expected one line: $(cat "$ERR")"
    elif [ -e out ] || ! no_leftovers out; then not_ok "$name" "output written"
    else ok "$name"; fi
}
printf '{"schema": "scebench-results/1", "runs": [' >broken.json
expect_error "truncated JSON" "broken.json: not valid JSON" broken.json
expect_error "a missing file" "nothing.json: cannot read" nothing.json
echo '{"schema": "something-else/1"}' >other.json
expect_error "an unknown schema" "other.json: not a scebench results" other.json
"$PYTHON" -c 'import json; d=json.load(open("stripped.json")); del d["runs"][3]["max_ulp"]; json.dump(d, open("nomax.json","w"))'
expect_error "a run without max_ulp" "nomax.json: runs\[3\]: 'max_ulp'" nomax.json
"$PYTHON" -c 'import json; d=json.load(open("bench.json")); d["results"][0]["gelem_per_s"]={}; json.dump(d, open("badbench.json","w"))'
expect_error "a bench row without a median" "badbench.json: results\[0\]: 'gelem_per_s.median'" results.json badbench.json
expect_error "a bench file alone" "no results file" bench.json
expect_error "no input" "missing input"
expect_error "an unknown option" "unknown option '--colour'" results.json --colour
CASE=$((CASE + 1))
"$SCEBENCH" report results.json >"$WORK/stdout.$CASE" 2>"$WORK/stderr.$CASE"
RC=$?
check "no -o: exit 2 naming -o" test "$RC" -eq 2 -a -n "$(grep -- '-o DIR' "$WORK/stderr.$CASE")"

# gnuplot absent from PATH: exit 2 naming it; gnuplot failing: exit 1; nothing written either way.
CASE=$((CASE + 1))
env PATH="$WORK/no-such-dir" "$SCEBENCH" report results.json -o nognuplot >"$WORK/stdout.$CASE" 2>"$WORK/stderr.$CASE"
RC=$?
check "missing gnuplot: exit 2" test "$RC" -eq 2
check "missing gnuplot: the message says so" grep -q "gnuplot not found on PATH" "$WORK/stderr.$CASE"
check "missing gnuplot: nothing written" test ! -e nognuplot
mkdir -p fakebin && printf '#!/bin/sh\necho "plots.gp line 1: broken on purpose" >&2\nexit 1\n' >fakebin/gnuplot
chmod +x fakebin/gnuplot
CASE=$((CASE + 1))
env PATH="$WORK/fakebin:$PATH" "$SCEBENCH" report results.json -o failing >"$WORK/stdout.$CASE" 2>"$WORK/stderr.$CASE"
RC=$?
check "gnuplot failing: exit 1" test "$RC" -eq 1
check "gnuplot failing: its message is shown" grep -q "broken on purpose" "$WORK/stderr.$CASE"
check "gnuplot failing: nothing written, no temporary left" test ! -e failing -a -z "$(ls -d failing.* 2>/dev/null)"

finish
