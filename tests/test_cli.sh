#!/usr/bin/env bash
# Command-line tests of scebench: usage errors (exit code 2, one line on stderr naming the
# argument, no output file left behind), eval's number syntax and JSON output, --points,
# the sweep results file (schema, atomic write, determinism over seeds and threads) and list.
#
# usage: bash tests/test_cli.sh PATH/TO/scebench
# Prints "ok - NAME" or "not ok - NAME: why" per check, then "N passed, M failed";
# exits 1 if any check failed.
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/scebench" >&2
    exit 2
fi
case "$1" in
    /*) SCEBENCH=$1 ;;
    *) SCEBENCH=$PWD/$1 ;;
esac
command -v python3 >/dev/null || { echo "test_cli.sh: python3 is required" >&2; exit 2; }

source "$(dirname "$0")/test_lib.sh"

# Every run has a time limit, so that a hang is a failure and not a stuck test.
LIMIT=60

# run DIR ARGS...: runs scebench with DIR as working directory and stdin from /dev/null;
# sets RC, OUT (stdout file) and ERR (stderr file), both outside DIR.
CASE=0
run() {
    local dir=$1
    shift
    CASE=$((CASE + 1))
    OUT=$WORK/stdout.$CASE
    ERR=$WORK/stderr.$CASE
    (cd "$dir" && timeout "$LIMIT" "$SCEBENCH" "$@" </dev/null >"$OUT" 2>"$ERR")
    RC=$?
}

# run_stdin DIR INPUT ARGS...: as run, with INPUT (a file) as stdin.
run_stdin() {
    local dir=$1 input=$2
    shift 2
    CASE=$((CASE + 1))
    OUT=$WORK/stdout.$CASE
    ERR=$WORK/stderr.$CASE
    (cd "$dir" && timeout "$LIMIT" "$SCEBENCH" "$@" <"$input" >"$OUT" 2>"$ERR")
    RC=$?
}

first_line() { head -n 1 "$1" | cut -c 1-200; }

fresh_dir() {
    local dir
    dir=$(mktemp -d "$WORK/case.XXXXXX")
    echo "$dir"
}

# ---------------------------------------------------------------------------------------
# Bad input: exit 2, exactly one line on stderr naming the argument (every NEEDLE must
# appear in it), nothing on stdout, and nothing written in the working directory (which
# is where -o points, when the command has one).
#
# usage_error NAME NEEDLE... -- ARGS...
usage_error() {
    local name=$1
    shift
    local needles=()
    while [ "$1" != "--" ]; do
        needles+=("$1")
        shift
    done
    shift
    local dir
    dir=$(fresh_dir)
    run "$dir" "$@"
    local lines why=""
    lines=$(wc -l <"$ERR")
    if [ "$RC" -ne 2 ]; then
        why="exit code $RC, expected 2 (stderr: $(first_line "$ERR"))"
    elif [ "$lines" -ne 1 ]; then
        why="$lines lines on stderr, expected 1: $(head -c 300 "$ERR" | tr '\n' '|')"
    elif [ -s "$OUT" ]; then
        why="stdout not empty: $(first_line "$OUT")"
    elif [ -n "$(ls -A "$dir")" ]; then
        why="files left in the output directory: $(ls -A "$dir" | tr '\n' ' ')"
    else
        local needle
        for needle in "${needles[@]}"; do
            if ! grep -qF -- "$needle" "$ERR"; then
                why="stderr does not name '$needle': $(first_line "$ERR")"
                break
            fi
        done
    fi
    if [ -z "$why" ]; then ok "$name"; else not_ok "$name" "$why"; fi
}

SWEEP_FAST=(--suite quick -t f32 -i accurate)

usage_error "sweep: unknown implementation" "-i" "nope" -- sweep --suite quick -t f32 -i nope -o out.json
usage_error "sweep: unknown implementation in a list" "-i" "nope" -- \
    sweep --suite quick -t f32 -i accurate,nope -o out.json
usage_error "sweep: empty item in a list" "-i" -- sweep --suite quick -t f32 -i accurate,,caffe -o out.json
usage_error "sweep: unknown format" "-t" "f8" -- sweep --suite quick -i accurate -t f8 -o out.json
usage_error "eval: unknown format" "-t" "f8" -- eval -i accurate -t f8 1 0
usage_error "eval: unknown implementation" "-i" "nope" -- eval -i nope -t f32 1 0
usage_error "sweep: unknown suite" "--suite" "nosuch" -- sweep -t f32 -i accurate --suite nosuch -o out.json
usage_error "sweep: unknown target set" "--targets" "wrong" -- \
    sweep "${SWEEP_FAST[@]}" --targets hard,wrong -o out.json
usage_error "sweep: unknown function" "--fn" "hess" -- sweep "${SWEEP_FAST[@]}" --fn loss,hess -o out.json
usage_error "sweep: non-numeric seed" "--seed" "abc" -- sweep "${SWEEP_FAST[@]}" --seed abc -o out.json
usage_error "sweep: negative seed" "--seed" "-1" -- sweep "${SWEEP_FAST[@]}" --seed -1 -o out.json
usage_error "sweep: seed with trailing text" "--seed" "12x" -- sweep "${SWEEP_FAST[@]}" --seed 12x -o out.json
usage_error "sweep: non-numeric count" "--count" "many" -- sweep "${SWEEP_FAST[@]}" --count many -o out.json
usage_error "sweep: zero threads" "--threads" -- sweep "${SWEEP_FAST[@]}" --threads 0 -o out.json
usage_error "sweep: -o without a value" "-o" -- sweep "${SWEEP_FAST[@]}" -o
usage_error "sweep: unwritable output path" "-o" "/nonexistent-dir/out.json" -- \
    sweep "${SWEEP_FAST[@]}" -o /nonexistent-dir/out.json
usage_error "sweep: unknown option" "--bogus" -- sweep "${SWEEP_FAST[@]}" --bogus -o out.json
usage_error "eval: unparsable X" "X" "abc" -- eval -i accurate -t f32 abc 0
usage_error "eval: unparsable X after --" "X" "abc" -- eval -i accurate -t f32 -- abc 0
usage_error "eval: unparsable X starting with a digit" "X" "1.5e" -- eval -i accurate -t f32 1.5e 0
usage_error "eval: unparsable Z" "Z" "0.5q" -- eval -i accurate -t f32 1 0.5q
usage_error "eval: missing Z" "Z" -- eval -i accurate -t f32 1
usage_error "eval: missing -i" "-i" -- eval -t f32 1 0
usage_error "eval: missing -t" "-t" -- eval -i accurate 1 0
usage_error "eval: -i without a value" "-i" -- eval -t f32 -i
usage_error "eval: a third number" "3" -- eval -i accurate -t f32 1 0 3
usage_error "eval: unknown mode" "--mode" "fast" -- eval -i caffe -t f16 --mode fast 1 0
usage_error "eval: unknown option" "--bogus" -- eval -i accurate -t f32 --bogus 1 0
usage_error "eval: missing points file" "--points" -- eval -i accurate -t f32 --points nonexistent.txt
usage_error "list: unknown option" "--bogus" -- list --bogus
usage_error "unknown command" "frobnicate" -- frobnicate

# ---------------------------------------------------------------------------------------
# eval: number syntax.
DIR=$(fresh_dir)

# json_field FILE LINE PATH: prints the field PATH (dot-separated) of JSON line LINE (from 1).
json_field() {
    python3 - "$1" "$2" "$3" <<'EOF' 2>/dev/null
import json, sys
lines = open(sys.argv[1]).read().splitlines()
value = json.loads(lines[int(sys.argv[2]) - 1])
for key in sys.argv[3].split("."):
    value = value[key]
print(value)
EOF
}

run "$DIR" eval -i caffe -t f32 -17 1
if [ "$RC" -ne 0 ]; then
    not_ok "eval: negative number unquoted" "exit code $RC: $(first_line "$ERR")"
elif ! grep -qF -- "x = -0x1.1p+4" "$OUT" || ! grep -qE '^ +loss ' "$OUT" || ! grep -qE '^ +grad ' "$OUT"; then
    not_ok "eval: negative number unquoted" "no table for x = -17: $(first_line "$OUT")"
else
    ok "eval: negative number unquoted"
fi
TABLE=$OUT

run "$DIR" eval -i caffe -t f32 -- -17 1
if [ "$RC" -ne 0 ]; then
    not_ok "eval: -- before the numbers" "exit code $RC: $(first_line "$ERR")"
elif ! cmp -s "$OUT" "$TABLE"; then
    not_ok "eval: -- before the numbers" "output differs from the one without --"
else
    ok "eval: -- before the numbers"
fi

# eval_x NAME TEXT EXPECTED_X [TYPE]: eval --json with X = TEXT gives x == EXPECTED_X.
eval_x() {
    local name=$1 text=$2 expected=$3 type=${4:-f32}
    run "$DIR" eval -i accurate -t "$type" --json -- "$text" 0.5
    local got
    got=$(json_field "$OUT" 1 x)
    if [ "$RC" -ne 0 ]; then
        not_ok "$name" "exit code $RC: $(first_line "$ERR")"
    elif [ "$got" != "$expected" ]; then
        not_ok "$name" "x = '$got', expected '$expected'"
    else
        ok "$name"
    fi
}
eval_x "eval: decimal" 0.125 0x1p-3
eval_x "eval: C99 hex" 0x1p-3 0x1p-3
eval_x "eval: negative C99 hex" -0x1.8p+1 -0x1.8p+1
eval_x "eval: decimal rounded once to the format (f16)" 0.1 0x1.998p-4 f16
eval_x "eval: inf" inf inf
eval_x "eval: -inf" -inf -inf
eval_x "eval: nan" nan nan

# Unquoted (no --) hex, inf and nan are numbers, not options.
run "$DIR" eval -i accurate -t f32 --json -0x1p-3 0x1p-1
if [ "$RC" -eq 0 ] && [ "$(json_field "$OUT" 1 x)" = "-0x1p-3" ] && [ "$(json_field "$OUT" 1 z)" = "0x1p-1" ]; then
    ok "eval: unquoted negative hex"
else
    not_ok "eval: unquoted negative hex" "exit code $RC, stdout: $(first_line "$OUT") stderr: $(first_line "$ERR")"
fi
run "$DIR" eval -i accurate -t f32 --json -inf nan
if [ "$RC" -eq 0 ] && [ "$(json_field "$OUT" 1 x)" = "-inf" ] && [ "$(json_field "$OUT" 1 z)" = "nan" ]; then
    ok "eval: unquoted -inf and nan"
else
    not_ok "eval: unquoted -inf and nan" "exit code $RC, stdout: $(first_line "$OUT") stderr: $(first_line "$ERR")"
fi

# ---------------------------------------------------------------------------------------
# eval --json: structure and known values.

# check_eval_json NAME FILE COUNT PYTHON_CONDITION: FILE has COUNT lines, each a JSON object
# with the eval keys; PYTHON_CONDITION (over `objects`, the list) must hold.  Prints why not.
check_eval_json() {
    python3 - "$1" "$2" "$3" <<'EOF'
import json, math, sys
path, count, condition = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(path).read().splitlines()
if len(lines) != count:
    sys.exit(f"{len(lines)} lines on stdout, expected {count}")
objects = []
for number, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except ValueError as e:
        sys.exit(f"line {number} is not JSON ({e}): {line[:120]}")
    if not isinstance(o, dict):
        sys.exit(f"line {number} is not an object")
    for key in ("impl", "type", "mode", "x", "z", "loss", "grad"):
        if key not in o:
            sys.exit(f"line {number}: no key {key!r}")
    for key in ("x", "z"):
        float.fromhex(o[key])
    for fn in ("loss", "grad"):
        entry = o[fn]
        for key in ("got", "exact", "ulp", "class"):
            if key not in entry:
                sys.exit(f"line {number}: no key {fn}.{key}")
        float.fromhex(entry["got"]), float.fromhex(entry["exact"])
        if not (isinstance(entry["ulp"], (int, float)) or entry["ulp"] == "inf"):
            sys.exit(f"line {number}: {fn}.ulp is {entry['ulp']!r}")
    objects.append(o)
if not eval("(" + condition + ")", {"math": math}, {"objects": objects, "o": objects[0] if objects else None}):
    sys.exit(f"condition failed: {condition}; got {lines[0][:300]}")
EOF
}

json_check() {
    local name=$1 count=$2 condition=$3
    local why
    if [ "$RC" -ne 0 ]; then
        not_ok "$name" "exit code $RC: $(first_line "$ERR")"
    elif why=$(check_eval_json "$OUT" "$count" "$condition" 2>&1); then
        ok "$name"
    else
        not_ok "$name" "$why"
    fi
}

run "$DIR" eval -i pytorch -t f32 --json -16 0
json_check "eval --json: pytorch f32 loss at (-16, 0) flushes to zero" 1 \
    'o["impl"] == "pytorch" and o["type"] == "f32" and o["x"] == "-0x1p+4" and o["z"] == "0x0p+0"
     and o["loss"]["got"] == "0x0p+0" and o["loss"]["class"] == "flush"
     and float.fromhex(o["loss"]["exact"]) > 0'

run "$DIR" eval -i accurate -t f32 --json -16 0
json_check "eval --json: accurate f32 loss at (-16, 0) is correctly rounded" 1 \
    'o["impl"] == "accurate" and o["mode"] == "internal" and o["loss"]["got"] == o["loss"]["exact"]
     and isinstance(o["loss"]["ulp"], float) and 0 <= o["loss"]["ulp"] <= 0.5 and o["loss"]["class"] == "ok"
     and o["grad"]["ulp"] <= 0.5'

# Exactly representable results: loss(0, 1/2) = log 2 rounded; grad(0, 1/2) = 0.
run "$DIR" eval -i accurate -t f64 --json 0 0.5
json_check "eval --json: accurate f64 at (0, 1/2)" 1 \
    'float.fromhex(o["loss"]["exact"]) == math.log(2) and float.fromhex(o["grad"]["exact"]) == 0
     and o["grad"]["got"] in ("0x0p+0", "-0x0p+0") and o["type"] == "f64"'

run "$DIR" eval -i caffe -t f16 --mode opmath --json 1 0
json_check "eval --json: --mode is reported" 1 'o["mode"] == "opmath" and o["type"] == "f16"'

# ---------------------------------------------------------------------------------------
# eval --points FILE and --points - (stdin).
POINTS=$WORK/points.txt
printf '# x z\n1 0\n\n-0x1p+4 1   # a comment after a point\n  0.5\t0.25\n' >"$POINTS"
POINTS_CONDITION='[p["x"] for p in objects] == ["0x1p+0", "-0x1p+4", "0x1p-1"]
     and [p["z"] for p in objects] == ["0x0p+0", "0x1p+0", "0x1p-2"]'

run "$DIR" eval -i accurate -t f32 --json --points "$POINTS"
json_check "eval --points FILE" 3 "$POINTS_CONDITION"

run_stdin "$DIR" "$POINTS" eval -i accurate -t f32 --json --points -
json_check "eval --points - (stdin)" 3 "$POINTS_CONDITION"

# A bad line: exit 2, the line number named, nothing printed on stdout (not even the good
# points before it).
points_error() {
    local name=$1 content=$2 line=$3
    local file=$WORK/bad.$CASE.txt
    printf '%b' "$content" >"$file"
    run "$DIR" eval -i accurate -t f32 --json --points "$file"
    if [ "$RC" -ne 2 ]; then
        not_ok "$name" "exit code $RC, expected 2"
    elif [ -s "$OUT" ]; then
        not_ok "$name" "stdout not empty: $(first_line "$OUT")"
    elif [ "$(wc -l <"$ERR")" -ne 1 ]; then
        not_ok "$name" "expected one line on stderr: $(head -c 300 "$ERR" | tr '\n' '|')"
    elif ! grep -qE "line $line([^0-9]|\$)" "$ERR"; then
        not_ok "$name" "stderr does not name line $line: $(first_line "$ERR")"
    else
        ok "$name"
    fi
}
points_error "eval --points: unparsable number" '# header\n1 0\n\nabc 0\n2 1\n' 4
points_error "eval --points: one field" '1 0\n2\n' 2
points_error "eval --points: three fields" '1 0\n2 1\n3 0 1\n' 3
points_error "eval --points: unparsable Z" '1 0\n2 1\n0 0.5.5\n' 3

# ---------------------------------------------------------------------------------------
# z outside [0, 1]: evaluated, with a warning.
run "$DIR" eval -i accurate -t f64 1 2
if [ "$RC" -ne 0 ]; then
    not_ok "eval: z outside [0,1] warns" "exit code $RC: $(first_line "$ERR")"
elif ! grep -qE '(^|[^A-Za-z])z([^A-Za-z]|$)' "$ERR"; then
    not_ok "eval: z outside [0,1] warns" "no warning mentioning z on stderr: '$(first_line "$ERR")'"
elif ! grep -qE '^ +loss ' "$OUT"; then
    not_ok "eval: z outside [0,1] warns" "no table on stdout"
else
    ok "eval: z outside [0,1] warns"
fi
run "$DIR" eval -i accurate -t f64 1 0.5
if [ "$RC" -eq 0 ] && [ ! -s "$ERR" ]; then
    ok "eval: z inside [0,1] does not warn"
else
    not_ok "eval: z inside [0,1] does not warn" "exit code $RC, stderr: $(first_line "$ERR")"
fi

# ---------------------------------------------------------------------------------------
# sweep: the results file.

# check_results FILE [EXPECTED_RUNS]: validates a results file; prints why not.
check_results() {
    python3 - "$@" <<'EOF'
import json, sys
path = sys.argv[1]
try:
    document = json.load(open(path))
except (OSError, ValueError) as e:
    sys.exit(f"not valid JSON: {e}")
if document.get("schema") != "scebench-results/1":
    sys.exit(f"schema is {document.get('schema')!r}")
timing = document.get("timing")
if not isinstance(timing, dict) or not isinstance(timing.get("points_per_second"), (int, float)) \
        or not timing["points_per_second"] > 0:
    sys.exit(f"timing.points_per_second is not > 0: {timing!r}")
runs = document.get("runs")
if not isinstance(runs, list) or not runs:
    sys.exit("no runs")
keys = ("impl", "type", "mode", "fn", "targets", "points", "max_ulp", "mean_ulp", "histogram", "classes",
        "worst", "contract_holds")
def hexes(case, where):
    for key in ("x", "z", "got", "exact"):
        try:
            float.fromhex(case[key])
        except (KeyError, TypeError, ValueError) as e:
            sys.exit(f"{where}: {key} = {case.get(key)!r} does not parse with float.fromhex ({e})")
for i, run in enumerate(runs):
    where = f"runs[{i}]"
    for key in keys:
        if key not in run:
            sys.exit(f"{where}: no key {key!r}")
    if not isinstance(run["points"], int) or run["points"] <= 0:
        sys.exit(f"{where}: points = {run['points']!r}")
    if not isinstance(run["contract_holds"], bool):
        sys.exit(f"{where}: contract_holds = {run['contract_holds']!r}")
    if sum(run["histogram"].values()) != run["points"]:
        sys.exit(f"{where}: histogram sums to {sum(run['histogram'].values())}, points = {run['points']}")
    if sum(run["classes"].values()) != run["points"]:
        sys.exit(f"{where}: classes sum to {sum(run['classes'].values())}, points = {run['points']}")
    if not run["worst"]:
        sys.exit(f"{where}: empty worst list")
    for j, case in enumerate(run["worst"]):
        hexes(case, f"{where}.worst[{j}]")
    for name, cases in run.get("examples", {}).items():
        for j, case in enumerate(cases):
            hexes(case, f"{where}.examples.{name}[{j}]")
if len(sys.argv) > 2:
    expected = set(sys.argv[2].split())
    got = {f"{r['impl']}/{r['type']}/{r['fn']}/{r['targets']}" for r in runs}
    if got != expected:
        sys.exit(f"runs {sorted(got)}, expected {sorted(expected)}")
EOF
}

SWEEP_DIR=$(fresh_dir)
run "$SWEEP_DIR" sweep --suite quick -i accurate -t f32 -o "$SWEEP_DIR/r.json"
EXPECTED_RUNS=""
for fn in loss grad; do
    for targets in hard soft random; do
        EXPECTED_RUNS="$EXPECTED_RUNS accurate/f32/$fn/$targets"
    done
done
if [ "$RC" -ne 0 ]; then
    not_ok "sweep: results file" "exit code $RC: $(first_line "$ERR")"
elif [ ! -f "$SWEEP_DIR/r.json" ]; then
    not_ok "sweep: results file" "no file written"
elif why=$(check_results "$SWEEP_DIR/r.json" "$EXPECTED_RUNS" 2>&1); then
    ok "sweep: results file"
else
    not_ok "sweep: results file" "$why"
fi
if [ "$(ls -A "$SWEEP_DIR")" = "r.json" ]; then
    ok "sweep: no temporary file left beside the results"
else
    not_ok "sweep: no temporary file left beside the results" "directory holds: $(ls -A "$SWEEP_DIR" | tr '\n' ' ')"
fi
if grep -qE '^accurate +f32 +internal +loss ' "$OUT" && grep -qE '^accurate +f32 +internal +grad ' "$OUT"; then
    ok "sweep: summary table on stdout"
else
    not_ok "sweep: summary table on stdout" "no accurate f32 rows: $(first_line "$OUT")"
fi

# An existing file is replaced, not appended to, and keeps no temporary beside it.
echo "old contents" >"$SWEEP_DIR/r.json"
run "$SWEEP_DIR" sweep --suite quick -i accurate -t f32 --fn loss --targets hard -o "$SWEEP_DIR/r.json"
if [ "$RC" -eq 0 ] && why=$(check_results "$SWEEP_DIR/r.json" "accurate/f32/loss/hard" 2>&1) \
        && [ "$(ls -A "$SWEEP_DIR")" = "r.json" ]; then
    ok "sweep: -o replaces an existing file"
else
    not_ok "sweep: -o replaces an existing file" "exit code $RC; ${why:-}; directory: $(ls -A "$SWEEP_DIR" | tr '\n' ' ')"
fi

# Interrupted (SIGTERM, SIGINT) while the sweep runs: the temporary beside the target is
# removed and no results file appears.
interrupted_sweep() {
    local signal=$1 dir
    dir=$(fresh_dir)
    (cd "$dir" && exec "$SCEBENCH" sweep --suite random --count 1000000 --targets hard --fn loss -i accurate \
        -t f64 --threads 1 -o "$dir/out.json" </dev/null >/dev/null 2>"$WORK/interrupted.err") &
    local pid=$! waited=0
    while [ -z "$(ls -A "$dir")" ] && [ "$waited" -lt 200 ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.05
        waited=$((waited + 1))
    done
    local seen
    seen=$(ls -A "$dir" | tr '\n' ' ')
    sleep 0.2 # the temporary appears just before the signal handlers are installed
    kill "-$signal" "$pid" 2>/dev/null
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do
        sleep 0.05
        waited=$((waited + 1))
    done
    local stopped=1
    if kill -0 "$pid" 2>/dev/null; then
        stopped=0
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid"
    local rc=$?
    local left
    left=$(ls -A "$dir" | tr '\n' ' ')
    if [ "$stopped" -eq 0 ]; then
        not_ok "sweep: interrupted by SIG$signal leaves nothing" "still running 5 s after the signal"
    elif [ -z "$seen" ]; then
        not_ok "sweep: interrupted by SIG$signal leaves nothing" "no temporary output file appeared (exit code $rc)"
    elif [ -n "$left" ]; then
        not_ok "sweep: interrupted by SIG$signal leaves nothing" "left: $left (exit code $rc)"
    elif [ "$rc" -eq 0 ]; then
        not_ok "sweep: interrupted by SIG$signal leaves nothing" "exit code 0 after the signal"
    else
        ok "sweep: interrupted by SIG$signal leaves nothing"
    fi
}
interrupted_sweep TERM
interrupted_sweep INT

# Determinism: the same seed gives the same runs; the thread count does not change them.
# different_seed=1 inverts the comparison (another seed must change the random points).
compare_runs() {
    python3 - "$1" "$2" "$3" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
want_equal = sys.argv[3] == "equal"
ra, rb = a["runs"], b["runs"]
if want_equal and ra != rb:
    if len(ra) != len(rb):
        sys.exit(f"{len(ra)} runs against {len(rb)}")
    for i, (x, y) in enumerate(zip(ra, rb)):
        if x != y:
            keys = [k for k in set(x) | set(y) if x.get(k) != y.get(k)]
            sys.exit(f"runs[{i}] ({x.get('impl')} {x.get('type')} {x.get('fn')} {x.get('targets')}) "
                     f"differs in {sorted(keys)}")
if not want_equal and ra == rb:
    sys.exit("identical runs")
EOF
}

DET_DIR=$(fresh_dir)
# shellcheck disable=SC2054 # commas are part of the arguments
DET=(sweep --suite quick -i accurate,caffe -t f32,bf16)
run "$DET_DIR" "${DET[@]}" --seed 7 --threads 2 -o "$DET_DIR/a.json"
RC_A=$RC
run "$DET_DIR" "${DET[@]}" --seed 7 --threads 2 -o "$DET_DIR/b.json"
RC_B=$RC
run "$DET_DIR" "${DET[@]}" --seed 7 --threads 1 -o "$DET_DIR/c.json"
RC_C=$RC
run "$DET_DIR" "${DET[@]}" --seed 8 --threads 2 -o "$DET_DIR/d.json"
RC_D=$RC
if [ "$RC_A" -ne 0 ] || [ "$RC_B" -ne 0 ] || [ "$RC_C" -ne 0 ] || [ "$RC_D" -ne 0 ]; then
    not_ok "sweep: determinism" "exit codes $RC_A $RC_B $RC_C $RC_D"
else
    if why=$(check_results "$DET_DIR/a.json" 2>&1); then
        ok "sweep: determinism run is a valid results file"
    else
        not_ok "sweep: determinism run is a valid results file" "$why"
    fi
    if why=$(compare_runs "$DET_DIR/a.json" "$DET_DIR/b.json" equal 2>&1); then
        ok "sweep: same seed, same runs"
    else
        not_ok "sweep: same seed, same runs" "$why"
    fi
    if why=$(compare_runs "$DET_DIR/a.json" "$DET_DIR/c.json" equal 2>&1); then
        ok "sweep: --threads 1 and --threads 2 give the same runs"
    else
        not_ok "sweep: --threads 1 and --threads 2 give the same runs" "$why"
    fi
    if why=$(compare_runs "$DET_DIR/a.json" "$DET_DIR/d.json" different 2>&1); then
        ok "sweep: another seed gives other random points"
    else
        not_ok "sweep: another seed gives other random points" "$why"
    fi
    seed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("seed"))' "$DET_DIR/d.json" 2>&1)
    if [ "$seed" = "8" ]; then
        ok "sweep: the seed is recorded"
    else
        not_ok "sweep: the seed is recorded" "seed = $seed, expected 8"
    fi
fi

# ---------------------------------------------------------------------------------------
# list.
NAMES="textbook seed-simplified caffe stable-branch branchless pytorch pytorch-legacy optax keras-probs accurate"
run "$DIR" list
missing=""
for name in $NAMES; do
    grep -qE "^$name( |\$)" "$OUT" || missing="$missing $name"
done
if [ "$RC" -ne 0 ]; then
    not_ok "list: every implementation" "exit code $RC"
elif [ -n "$missing" ]; then
    not_ok "list: every implementation" "missing:$missing"
else
    ok "list: every implementation"
fi

run "$DIR" list --json
if [ "$RC" -ne 0 ]; then
    not_ok "list --json" "exit code $RC"
elif why=$(python3 - "$OUT" "$NAMES" <<'EOF' 2>&1
import json, sys
try:
    entries = json.load(open(sys.argv[1]))
except ValueError as e:
    sys.exit(f"not valid JSON: {e}")
names = [e.get("name") for e in entries]
missing = [n for n in sys.argv[2].split() if n not in names]
if missing:
    sys.exit(f"missing: {missing}")
if len(set(names)) != len(names):
    sys.exit(f"duplicate names: {names}")
EOF
); then
    ok "list --json"
else
    not_ok "list --json" "$why"
fi

# help: exit 0 with the usage on stdout; no command: exit 2 with the usage on stderr.
run "$DIR" --help
if [ "$RC" -eq 0 ] && grep -q "usage" "$OUT"; then ok "--help"; else not_ok "--help" "exit code $RC"; fi
run "$DIR"
if [ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && grep -q "usage" "$ERR"; then
    ok "no command: usage on stderr, exit 2"
else
    not_ok "no command: usage on stderr, exit 2" "exit code $RC"
fi

finish
