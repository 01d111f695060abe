#!/bin/bash
# Bring your own kernel through files: sweep --emit-inputs writes a suite's inputs (binary
# SCEBIN01 and .txt), a helper computes outputs with built-in implementations as an outside
# kernel would, and score must give the numbers a sweep of those implementations gives.
# usage: test_plugin_score.sh SCEBENCH HELPER
SCEBENCH=$1
HELPER=$2
source "$(dirname "$0")/test_lib.sh"

# same SWEEP SCORE: every run of SCORE equals the sweep's run of the same key (impl, type, mode,
# fn, targets): points, histogram and classes exactly, max and mean ULP to 1e-9 relative (the
# gate's tolerance), and the same suite, seed and reference tier.
same() {
    python3 - "$1" "$2" <<'PY'
import json, sys
sweep, score = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda r: (r["impl"], r["type"], r["mode"], r["fn"], r["targets"])
runs = {key(r): r for r in sweep["runs"]}
problems = []
for field in ("suite", "seed", "reference"):
    if score.get(field) != sweep.get(field):
        problems.append("%s: %s vs %s" % (field, score.get(field), sweep.get(field)))
if not score["runs"]:
    problems.append("no runs")
for r in score["runs"]:
    s = runs.get(key(r))
    if s is None:
        problems.append("no sweep run for %s" % (key(r),))
        continue
    for field in ("points", "histogram", "classes"):
        if r[field] != s[field]:
            problems.append("%s %s: %s vs %s" % (key(r), field, r[field], s[field]))
    for field in ("max_ulp", "mean_ulp"):
        a, b = r[field], s[field]
        if a != b and not (isinstance(a, float) and isinstance(b, float) and abs(a - b) <= 1e-9 * abs(b)):
            problems.append("%s %s: %s vs %s" % (key(r), field, a, b))
    if [w["x"] for w in r["worst"][:3]] != [w["x"] for w in s["worst"][:3]]:
        problems.append("%s worst inputs differ" % (key(r),))
print("\n".join(problems[:5]))
sys.exit(1 if problems else 0)
PY
}

exits "sweep --emit-inputs (binary)" 0 "written to" -- "$SCEBENCH" sweep --suite quick -t f32 --emit-inputs "$WORK/f32.bin"
exits "sweep --emit-inputs (text)" 0 "written to" -- "$SCEBENCH" sweep --suite quick -t f32 --emit-inputs "$WORK/f32.txt"
python3 - "$WORK/f32.bin" "$WORK/f32.txt" >"$WORK/layout.out" 2>&1 <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
magic, fmt, content, n, suite, seed, count, segments, _ = struct.unpack_from("<8s8s8sQ16sQQQQ", data, 0)
problems = []
if magic != b"SCEBIN01" or fmt.rstrip(b"\0") != b"f32" or content.rstrip(b"\0") != b"inputs":
    problems.append("header %r %r %r" % (magic, fmt, content))
if suite.rstrip(b"\0") != b"quick" or seed != 1 or segments != 3:
    problems.append("suite %r seed %d segments %d" % (suite, seed, segments))
names = [struct.unpack_from("<8sQ", data, 80 + 16 * s) for s in range(segments)]
if [x[0].rstrip(b"\0") for x in names] != [b"hard", b"soft", b"random"] or sum(x[1] for x in names) != n:
    problems.append("segments %r" % names)
offset = 80 + 16 * segments
if len(data) != offset + 2 * 4 * n:
    problems.append("size %d, expected %d" % (len(data), offset + 8 * n))
xs = struct.unpack_from("<%df" % n, data, offset)
zs = struct.unpack_from("<%df" % n, data, offset + 4 * n)
lines = [l.split() for l in open(sys.argv[2]) if not l.startswith("#")]
if len(lines) != n:
    problems.append("text has %d points, binary %d" % (len(lines), n))
import math
def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b
for i, (x, z) in enumerate(lines):
    if not same(float.fromhex(x) if x not in ("inf", "-inf", "nan") else float(x), xs[i]) or float.fromhex(z) != zs[i]:
        problems.append("point %d: text %s %s, binary %r %r" % (i, x, z, xs[i], zs[i]))
        break
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
if [ $? -eq 0 ]; then ok "the binary layout (header, segments, x[], z[]) and the text agree"; else not_ok "layout" "$(head -3 "$WORK/layout.out" | tr '\n' ' ')"; fi

# Outputs of caffe's f32 loss and of accurate's f32 gradient, computed outside scebench.
"$HELPER" caffe f32 native loss "$WORK/f32.bin" "$WORK/caffe.bin" || not_ok "helper (binary)"
"$HELPER" caffe f32 native loss "$WORK/f32.txt" "$WORK/caffe.txt" || not_ok "helper (text)"
"$HELPER" accurate f32 internal grad "$WORK/f32.bin" "$WORK/accurate.bin" || not_ok "helper (accurate)"
# score evaluates the MPFR references: the sweep to compare with does too.
"$SCEBENCH" sweep --suite quick -t f32 -i caffe,accurate --reference mpfr -o "$WORK/sweep.json" >/dev/null 2>&1 ||
    not_ok "reference sweep"

exits "score binary outputs" 0 "caffe +f32 +native +loss +hard" -- "$SCEBENCH" score --inputs "$WORK/f32.bin" \
    --outputs "$WORK/caffe.bin" -t f32 --fn loss --name caffe -o "$WORK/score.json"
if same "$WORK/sweep.json" "$WORK/score.json" >"$WORK/same.out"; then ok "score (binary) = sweep for caffe f32 loss, per target set"; else not_ok "score = sweep (binary)" "$(head -3 "$WORK/same.out" | tr '\n' ' ')"; fi
exits "score text inputs and outputs" 0 "caffe" -- "$SCEBENCH" score --inputs "$WORK/f32.txt" \
    --outputs "$WORK/caffe.txt" -t f32 --fn loss --name caffe -o "$WORK/score_text.json"
if same "$WORK/sweep.json" "$WORK/score_text.json" >"$WORK/same.out"; then ok "score (text) = sweep"; else not_ok "score = sweep (text)" "$(head -3 "$WORK/same.out" | tr '\n' ' ')"; fi
exits "score with a contract" 0 "accurate +f32 +internal +grad +hard .* kept" -- "$SCEBENCH" score --inputs "$WORK/f32.bin" \
    --outputs "$WORK/accurate.bin" -t f32 --fn grad --name accurate --mode internal --contract 0.501 -o "$WORK/acc.json"
if same "$WORK/sweep.json" "$WORK/acc.json" >"$WORK/same.out"; then ok "score = sweep for accurate f32 grad (mode, contract)"; else not_ok "score = sweep (accurate)" "$(head -3 "$WORK/same.out" | tr '\n' ' ')"; fi
exits "the score results pass the gate against the sweep's" 0 "gate: passed" -- \
    "$SCEBENCH" gate --baseline "$WORK/acc.json" "$WORK/acc.json"

# Inputs without target sets (a user's own "X Z" lines): one run, targets "given".
printf '# my points\n-0x1p+4 0x0p+0\n17 1\n-100 0.25\n' >"$WORK/mine.txt"
printf '0x1.0000p-23\n0\n100\n' >"$WORK/mine_out.txt"
exits "score inputs of one's own: targets given" 0 "given" -- "$SCEBENCH" score --inputs "$WORK/mine.txt" \
    --outputs "$WORK/mine_out.txt" -t f32 --fn loss --name mine -o "$WORK/mine.json"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d["runs"]; sys.exit(not(len(r)==1 and r[0]["targets"]=="given" and r[0]["points"]==3 and d["suite"]=="given" and r[0]["classes"]["flush"]==1))' "$WORK/mine.json"; then
    ok "one run of 3 points, targets given, the flush counted"
else
    not_ok "given inputs" "$(head -c 300 "$WORK/mine.json")"
fi

# Errors: one line, exit 2.
head -c 1000 "$WORK/caffe.bin" >"$WORK/short.bin"
exits "outputs of another count (exit 2)" 2 "count mismatch|bytes, but" -- "$SCEBENCH" score --inputs "$WORK/f32.bin" \
    --outputs "$WORK/short.bin" -t f32 --fn loss --name caffe
head -n 100 "$WORK/caffe.txt" >"$WORK/short.txt"
exits "text outputs of another count (exit 2)" 2 "count" -- "$SCEBENCH" score --inputs "$WORK/f32.bin" \
    --outputs "$WORK/short.txt" -t f32 --fn loss --name caffe
exits "inputs of another format (exit 2)" 2 "holds f32 values, not f64" -- "$SCEBENCH" score --inputs "$WORK/f32.bin" \
    --outputs "$WORK/caffe.bin" -t f64 --fn loss --name caffe
exits "text inputs of another format (exit 2)" 2 "holds f32 values, not bf16" -- "$SCEBENCH" score --inputs "$WORK/f32.txt" \
    --outputs "$WORK/caffe.txt" -t bf16 --fn loss --name caffe
exits "inputs given as outputs (exit 2)" 2 "holds inputs, not outputs" -- "$SCEBENCH" score --inputs "$WORK/f32.bin" \
    --outputs "$WORK/f32.bin" -t f32 --fn loss --name caffe
exits "not a scebench file (exit 2)" 2 "not a scebench binary file" -- "$SCEBENCH" score --inputs "$WORK/sweep.json" \
    --outputs "$WORK/caffe.bin" -t f32 --fn loss --name caffe
printf '1 2\nabc 0\n' >"$WORK/badline.txt"
exits "a bad text line (exit 2)" 2 "line 2: not a number" -- "$SCEBENCH" score --inputs "$WORK/badline.txt" \
    --outputs "$WORK/mine_out.txt" -t f32 --fn loss --name mine
exits "--fn loss,grad (exit 2)" 2 "one of them" -- "$SCEBENCH" score --inputs "$WORK/f32.bin" --outputs "$WORK/caffe.bin" \
    -t f32 --fn loss,grad --name caffe
exits "no --name (exit 2)" 2 "--name: missing" -- "$SCEBENCH" score --inputs "$WORK/f32.bin" --outputs "$WORK/caffe.bin" \
    -t f32 --fn loss
exits "--emit-inputs with several formats (exit 2)" 2 "give one -t" -- "$SCEBENCH" sweep --suite quick --emit-inputs "$WORK/all.bin"
if [ ! -e "$WORK/all.bin" ]; then ok "a refused --emit-inputs writes nothing"; else not_ok "a refused --emit-inputs writes nothing"; fi

finish
