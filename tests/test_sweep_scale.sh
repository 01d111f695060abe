#!/usr/bin/env bash
# Exhaustive sweeps at scale: the fast reference tier against MPFR on a whole suite, ranges,
# thread and rank counts that must not change the numbers, checkpoint and resume after a kill,
# progress, and the worst-case search.  Usage: test_sweep_scale.sh SCEBENCH
set -u
scebench=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1${2:+: $2}"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }

# Compares two results files: identical runs ("exact") or identical apart from ULP values
# within a tolerance ("close": the fast tier's errors are MPFR's within 2^-20 ulp).
same_runs() {
    python3 - "$@" <<'PY'
import json, sys
a, b, how = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
ra, rb = a["runs"], b["runs"]
if how == "exact":
    sys.exit(0 if ra == rb else 1)
def close(u, v):
    if isinstance(u, str) or isinstance(v, str):
        return u == v
    return abs(u - v) <= 2 ** -20 * max(1.0, abs(u))
bad = 0
for u, v in zip(ra, rb):
    for key in ("impl", "type", "mode", "fn", "targets", "points", "histogram", "classes", "contract_holds"):
        if u[key] != v[key]:
            print("differs:", u["impl"], u["type"], u["fn"], key, u[key], v[key]); bad += 1
    for key in ("max_ulp", "mean_ulp"):
        if not close(u[key], v[key]):
            print("differs:", u["impl"], u["type"], u["fn"], key, u[key], v[key]); bad += 1
    if [(w["x"], w["z"]) for w in u["worst"]] != [(w["x"], w["z"]) for w in v["worst"]]:
        wu = [w["ulp"] for w in u["worst"]]; wv = [w["ulp"] for w in v["worst"]]
        if not all(close(p, q) for p, q in zip(wu, wv)):
            print("worst differs:", u["impl"], u["fn"]); bad += 1
sys.exit(1 if bad or len(ra) != len(rb) else 0)
PY
}

# 1. The fast tier gives MPFR's classes and histograms on the whole f16 and bf16 exhaustive
#    hard-label suites, every implementation.
for type in f16 bf16; do
    "$scebench" sweep --suite exhaustive -t $type --reference fast -o "$work/fast-$type.json" > /dev/null 2>&1
    "$scebench" sweep --suite exhaustive -t $type --reference mpfr -o "$work/mpfr-$type.json" > /dev/null 2>&1
    check "exhaustive $type: fast tier = MPFR (classes, histograms, worst inputs; errors within 2^-20)" \
        "same_runs '$work/fast-$type.json' '$work/mpfr-$type.json' close" "see the differences above"
done
check "exhaustive f16: every x with hard labels (65536 x 2 points per run)" \
    "python3 -c \"import json,sys; r=json.load(open('$work/fast-f16.json'))['runs']; sys.exit(0 if r and all(x['points']==131072 for x in r) else 1)\""
check "exhaustive f16: the results record the fast tier's fallbacks" \
    "python3 -c \"import json,sys; t=json.load(open('$work/fast-f16.json'))['timing']['reference']; sys.exit(0 if t['fast_tier_values'] > 0 and 0 < t['mpfr_values'] < t['values'] else 1)\""

# 2. Ranges restrict the bit patterns; threads and ranks do not change the numbers.
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch,caffe --range 0x41000000:0x41100000 --threads 1 \
    -o "$work/t1.json" > /dev/null 2>&1
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch,caffe --range 0x41000000:0x41100000 --threads 2 \
    -o "$work/t2.json" > /dev/null 2>&1
check "--range 0x41000000:0x41100000: 2^20 x times 2 targets" \
    "python3 -c \"import json,sys; r=json.load(open('$work/t1.json'))['runs']; sys.exit(0 if all(x['points']==2**21 for x in r) else 1)\""
check "1 thread and 2 threads: identical runs" "same_runs '$work/t1.json' '$work/t2.json' exact"
if command -v mpirun > /dev/null; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
    mpirun -np 2 --oversubscribe "$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch,caffe \
        --range 0x41000000:0x41100000 --threads 1 -o "$work/r2.json" > "$work/mpi.out" 2>&1
    check "mpirun -np 2: identical runs to one rank" "same_runs '$work/t1.json' '$work/r2.json' exact" \
        "$(tail -3 "$work/mpi.out")"
    check "mpirun -np 2: the results record 2 ranks" \
        "python3 -c \"import json,sys; sys.exit(0 if json.load(open('$work/r2.json'))['parallel']['ranks']==2 else 1)\""
else
    echo "ok - mpirun -np 2 # SKIP mpirun not installed"
fi

# 2b. A block's runs with equal outputs (these three formulas share their gradient, s - z with
#     s = 1/(1+exp(-x)); most of their losses agree beyond |x| = 16) are measured once: each
#     run's numbers must equal those of a sweep of that implementation alone.
together=textbook,pytorch,stable-branch
"$scebench" sweep --suite exhaustive -t f32 -i $together --range 0x41000000:0x41a00000 --threads 1 \
    -o "$work/together.json" > /dev/null 2>&1
for impl in ${together//,/ }; do
    "$scebench" sweep --suite exhaustive -t f32 -i $impl --range 0x41000000:0x41a00000 --threads 1 \
        -o "$work/alone-$impl.json" > /dev/null 2>&1
done
check "equal outputs measured once: every run equals its implementation's sweep alone" "python3 - '$work' <<'PY'
import json, sys
work = sys.argv[1]
together = {(r['impl'], r['fn']): r for r in json.load(open(work + '/together.json'))['runs']}
alone = {}
for impl in ('textbook', 'pytorch', 'stable-branch'):
    alone.update({(r['impl'], r['fn']): r for r in json.load(open(work + '/alone-' + impl + '.json'))['runs']})
repeated = json.load(open(work + '/together.json'))['timing']['repeated_points']
print('repeated points:', repeated)
sys.exit(0 if together and together == alone and repeated > 0 else 1)
PY"

# 3. A run killed by SIGINT saves its checkpoint and exits; the resumed run gives the numbers
#    of an uninterrupted one.
range=0x3f000000:0x40000000
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range $range --threads 2 -o "$work/whole.json" \
    > /dev/null 2>&1
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range $range --threads 2 \
    --checkpoint "$work/run.ckpt" --checkpoint-seconds 1 -o "$work/resumed.json" > /dev/null 2>"$work/kill.err" &
pid=$!
for _ in $(seq 1 300); do [ -f "$work/run.ckpt" ] && break; sleep 0.05; done
kill -INT $pid
wait $pid
status=$?
check "SIGINT: exit 130 after saving the checkpoint" "[ $status -eq 130 ] && [ -f '$work/run.ckpt' ]" \
    "exit $status; $(cat "$work/kill.err")"
check "SIGINT: no results file and no temporary left" "[ ! -e '$work/resumed.json' ] && ! ls '$work'/*.tmp.* > /dev/null 2>&1"
cp "$work/run.ckpt" "$work/copy.ckpt"
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range $range --threads 2 \
    --checkpoint "$work/copy.ckpt" --resume "$work/copy.ckpt" --harvest -o "$work/harvest.json" > /dev/null 2>&1
shard=$(python3 -c "import json; r=json.load(open('$work/harvest.json'))['range']; print('%#x:%#x' % (r[0], r[1]))")
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range "$shard" --threads 1 -o "$work/shard.json" \
    > /dev/null 2>&1
check "--harvest: the part done is the shard it names ($shard), run for itself" \
    "same_runs '$work/harvest.json' '$work/shard.json' exact"
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range $range --threads 2 \
    --checkpoint "$work/run.ckpt" --resume "$work/run.ckpt" -o "$work/resumed.json" > /dev/null 2>&1
check "resume: the same runs as an uninterrupted sweep" "same_runs '$work/whole.json' '$work/resumed.json' exact"
"$scebench" sweep --suite exhaustive -t f32 -i accurate --range $range --checkpoint "$work/other.ckpt" \
    --resume "$work/run.ckpt" -o "$work/x.json" > /dev/null 2>"$work/mismatch.err"
check "resume of another sweep's checkpoint: exit 2 and a reason" \
    "[ \$? -eq 2 ] && grep -q 'different sweep' '$work/mismatch.err'"

# 4. Progress: nothing when stderr is not a terminal, a line with --progress.
"$scebench" sweep --suite quick -t f16 -i accurate -o "$work/p.json" > /dev/null 2>"$work/quiet.err"
"$scebench" sweep --suite quick -t f16 -i accurate --progress -o "$work/p.json" > /dev/null 2>"$work/progress.err"
check "progress: silent when stderr is not a terminal" "[ ! -s '$work/quiet.err' ]"
check "progress: --progress forces the line (points, rate, time left)" \
    "grep -q 'points/s' '$work/progress.err' && grep -q 'left' '$work/progress.err'"

# 5. The worst-case search is reproducible by seed and finds large errors where they are.
"$scebench" sweep --suite worst -t f32 -i pytorch,accurate --count 300 --seed 5 -o "$work/w1.json" > /dev/null 2>&1
"$scebench" sweep --suite worst -t f32 -i pytorch,accurate --count 300 --seed 5 -o "$work/w2.json" > /dev/null 2>&1
check "worst: the same seed gives the same runs" "same_runs '$work/w1.json' '$work/w2.json' exact"
check "worst: pytorch f32 loss has a soft-label error above 1000 ulp; accurate stays within 0.501" \
    "python3 -c \"import json,sys; r={(x['impl'],x['fn']):x for x in json.load(open('$work/w1.json'))['runs']}; sys.exit(0 if float(r[('pytorch','loss')]['max_ulp'])>1000 and float(r[('accurate','loss')]['max_ulp'])<=0.501 and float(r[('accurate','grad')]['max_ulp'])<=0.501 else 1)\""

# 6. Bad requests.
"$scebench" sweep --suite exhaustive -t f64 -o "$work/bad.json" > /dev/null 2>"$work/bad.err"
check "exhaustive f64: exit 2 naming -t, no file" "[ \$? -eq 2 ] && grep -q -- '-t' '$work/bad.err' && [ ! -e '$work/bad.json' ]"
"$scebench" sweep --suite exhaustive -t f32 --range 5:3 -o "$work/bad.json" > /dev/null 2>"$work/bad.err"
check "--range 5:3: exit 2 naming --range" "[ \$? -eq 2 ] && grep -q -- '--range' '$work/bad.err'"
"$scebench" sweep --suite exhaustive -t f32 --targets every -o "$work/bad.json" > /dev/null 2>"$work/bad.err"
check "exhaustive f32 --targets every: exit 2 naming --targets" "[ \$? -eq 2 ] && grep -q -- '--targets' '$work/bad.err'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
