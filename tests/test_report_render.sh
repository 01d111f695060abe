#!/usr/bin/env bash
# The report page as a browser shows it: headless Chromium opens DIR/index.html with every
# network request bound to fail (a proxy on a closed port, every host name unresolvable) and
# the test checks, in the rendered page, that every plot is there, laid out with a real size,
# visible and drawn, and that the page asked for no resource at all; it also checks the served
# DOM (--dump-dom) and saves screenshots: OUTDIR/report.png (the top of the page) and
# OUTDIR/report-plots.png (the same page with the tables hidden, so the plots show).
#
# usage: bash tests/test_report_render.sh PATH/TO/scebench OUTDIR [PYTHON]
# Exit 77 (ctest: skipped) when Chromium is not installed.  Prints "ok - NAME" / "not ok -
# NAME: why", then "N passed, M failed"; exits 1 if any check failed.
set -u

if [ $# -lt 2 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/scebench OUTDIR [PYTHON]" >&2
    exit 2
fi
case "$1" in
    /*) SCEBENCH=$1 ;;
    *) SCEBENCH=$PWD/$1 ;;
esac
OUTDIR=$2
PYTHON=${3:-python3}
HERE=$(cd "$(dirname "$0")" && pwd)

CHROMIUM=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null; then
        CHROMIUM=$(command -v "$candidate")
        break
    fi
done
if [ -z "$CHROMIUM" ]; then
    echo "SKIPPED: Chromium is not installed, so the rendered report is not checked" \
        "(scripts/setup installs it: apt-get install chromium)"
    exit 77
fi
command -v gnuplot >/dev/null || { echo "test_report_render.sh: gnuplot is required" >&2; exit 2; }

mkdir -p "$OUTDIR" && OUTDIR=$(cd "$OUTDIR" && pwd) || exit 2
source "$(dirname "$0")/test_lib.sh"
cd "$WORK" || exit 2

# Every request the page could make fails: no proxy answers on port 9 and no name resolves.
# Chromium's own background traffic is switched off.
OFFLINE=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --mute-audio
         --disable-background-networking --disable-component-update --disable-sync --disable-extensions
         --disable-default-apps --user-data-dir="$WORK/profile" --proxy-server=127.0.0.1:9
         '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost' --virtual-time-budget=15000)
chrome() { timeout 180 "$CHROMIUM" "${OFFLINE[@]}" "$@" 2>>"$WORK/chromium.log"; }

# The report: every implementation and format of the quick suite, profiles and heat maps
# (measured by the fixture where the sweep has none), a bench and a reduction file.
if ! timeout 300 "$SCEBENCH" sweep --suite quick --threads 2 -o sweep.json >/dev/null 2>sweep.err ||
   ! "$PYTHON" "$HERE/test_report_fixture.py" "$SCEBENCH" sweep.json results.json --bench bench.json \
        --reduction reduction.json; then
    not_ok "report inputs" "$(cat sweep.err)"
    finish
fi
rm -rf "$OUTDIR/report"
if timeout 300 "$SCEBENCH" report results.json bench.json reduction.json -o "$OUTDIR/report" >/dev/null 2>report.err; then
    ok "report written"
else
    not_ok "report written" "$(cat report.err)"
    finish
fi
PAGE=$OUTDIR/report/index.html

# 1. The DOM Chromium builds from the page: each plot an <svg> with a nonzero width and
#    height and drawn paths.
chrome --dump-dom "file://$PAGE" >dom.html
"$PYTHON" - "$OUTDIR/report" dom.html <<'EOF' >dom-checks.txt 2>&1
import glob, os, re, sys
report, dom = sys.argv[1], open(sys.argv[2], encoding="utf-8", errors="replace").read()
def result(name, good, why=""):
    print(("ok - " if good else "not ok - ") + name + ("" if good else ": " + why))
plots = sorted(os.path.basename(p)[:-3] for p in glob.glob(report + "/plots/*.gp") if not p.endswith("/plots.gp"))
result("Chromium loaded the page (dump-dom)", "<h1>scebench report</h1>" in dom, dom[:200])
svgs = re.findall(r'<svg class="gnuplot" data-plot="([^"]+)"(.*?)</svg>', dom, re.S)
result("the DOM has one <svg> per plot", sorted(n for n, _ in svgs) == plots, f"{len(svgs)} svg, {len(plots)} plots")
bad = []
for name, body in svgs:
    size = re.search(r'width="(\d+(?:\.\d+)?)"\s+height="(\d+(?:\.\d+)?)"', body)
    paths = body.count("<path")
    if not size or float(size.group(1)) <= 0 or float(size.group(2)) <= 0 or paths < 5:
        bad.append((name, size.groups() if size else None, paths))
result("every <svg> has a nonzero width and height and drawn paths", svgs and not bad, str(bad[:3]))
EOF
cat dom-checks.txt
PASSED=$((PASSED + $(grep -c '^ok - ' dom-checks.txt)))
FAILED=$((FAILED + $(grep -c '^not ok - ' dom-checks.txt)))

# 2. The rendered layout: a copy of the page with a probe script (the report itself has no
#    script) that records each plot's laid-out box, visibility and drawn elements, and every
#    resource the page fetched (Resource Timing), into the DOM that --dump-dom prints.
PROBE='<script>
window.addEventListener("load", function () {
  var figures = [];
  document.querySelectorAll("figure.plot").forEach(function (figure) {
    var svg = figure.querySelector("svg"), box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    var style = svg ? getComputedStyle(svg) : null;
    figures.push({id: figure.id, width: box.width, height: box.height,
                  visible: !!svg && style.display !== "none" && style.visibility !== "hidden" && style.opacity !== "0",
                  drawn: svg ? svg.querySelectorAll("path, image").length : 0});
  });
  var fetched = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
  var pre = document.createElement("pre");
  pre.id = "scebench-probe";
  pre.textContent = JSON.stringify({figures: figures, fetched: fetched, width: document.body.scrollWidth});
  document.body.appendChild(pre);
});
</script>'
"$PYTHON" - "$PAGE" "$OUTDIR/report/probe.html" "$PROBE" <<'EOF'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", sys.argv[3] + "\n</body>"))
EOF
chrome --window-size=1400,1000 --dump-dom "file://$OUTDIR/report/probe.html" >probe-dom.html
rm -f "$OUTDIR/report/probe.html"
"$PYTHON" - "$OUTDIR/report" probe-dom.html <<'EOF' >probe-checks.txt 2>&1
import glob, html, json, os, re, sys
report, dom = sys.argv[1], open(sys.argv[2], encoding="utf-8", errors="replace").read()
def result(name, good, why=""):
    print(("ok - " if good else "not ok - ") + name + ("" if good else ": " + why))
plots = sorted(os.path.basename(p)[:-3] for p in glob.glob(report + "/plots/*.gp") if not p.endswith("/plots.gp"))
match = re.search(r'<pre id="scebench-probe">(.*?)</pre>', dom, re.S)
result("the probe ran in the rendered page", match is not None, dom[-300:])
if match:
    probe = json.loads(html.unescape(match.group(1)))
    figures = probe["figures"]
    result("every plot is laid out in the page", sorted(f["id"][4:] for f in figures) == plots,
           f"{len(figures)} figures, {len(plots)} plots")
    hidden = [f for f in figures if not (f["visible"] and f["width"] >= 200 and f["height"] >= 100 and f["drawn"] >= 5)]
    result("every plot is visible, at least 200x100 px, and drawn", figures and not hidden, str(hidden[:3]))
    fetched = [u for u in probe["fetched"] if not u.startswith("data:")]
    result("the page fetched nothing (no resource at all)", not fetched, str(fetched[:5]))
    result("the page fits the window width (no sideways scrolling)", probe["width"] <= 1400, str(probe["width"]))
EOF
cat probe-checks.txt
PASSED=$((PASSED + $(grep -c '^ok - ' probe-checks.txt)))
FAILED=$((FAILED + $(grep -c '^not ok - ' probe-checks.txt)))

# 3. Screenshots, offline: the page as it opens, and with the tables hidden so the plots show.
rm -f "$OUTDIR/report.png" "$OUTDIR/report-plots.png"
chrome --window-size=1400,4000 --screenshot="$OUTDIR/report.png" "file://$PAGE" >/dev/null
"$PYTHON" - "$PAGE" "$OUTDIR/report/plots-only.html" <<'EOF'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
hide = "<style>table, nav, p, dl, ul {display: none}</style>\n</head>"
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</head>", hide, 1))
EOF
chrome --window-size=1400,6000 --screenshot="$OUTDIR/report-plots.png" "file://$OUTDIR/report/plots-only.html" >/dev/null
rm -f "$OUTDIR/report/plots-only.html"
for shot in report.png report-plots.png; do
    if [ "$(head -c 8 "$OUTDIR/$shot" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
       [ "$(stat -c %s "$OUTDIR/$shot")" -gt 50000 ]; then
        ok "screenshot $OUTDIR/$shot"
    else
        not_ok "screenshot $OUTDIR/$shot" "missing, not a PNG or nearly blank ($(tail -3 "$WORK/chromium.log"))"
    fi
done
finish
