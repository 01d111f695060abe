#!/usr/bin/env bash
# Exhaustive sweeps at scale: the fast reference tier against MPFR on a whole suite, ranges,
# thread and rank counts that must not change the numbers, checkpoint and resume after a kill,
# progress, and the worst-case search.  Usage: test_sweep_scale.sh SCEBENCH
set -u
scebench=$1
source "$(dirname "$0")/test_lib.sh"
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
    "$scebench" sweep --suite exhaustive -t $type --reference fast -o "$WORK/fast-$type.json" > /dev/null 2>&1
    "$scebench" sweep --suite exhaustive -t $type --reference mpfr -o "$WORK/mpfr-$type.json" > /dev/null 2>&1
    check "exhaustive $type: fast tier = MPFR (classes, histograms, worst inputs; errors within 2^-20)" \
        "same_runs '$WORK/fast-$type.json' '$WORK/mpfr-$type.json' close" "see the differences above"
done
check "exhaustive f16: every x with hard labels (65536 x 2 points per run)" \
    "python3 -c \"import json,sys; r=json.load(open('$WORK/fast-f16.json'))['runs']; sys.exit(0 if r and all(x['points']==131072 for x in r) else 1)\""
check "exhaustive f16: the results record the fast tier's fallbacks" \
    "python3 -c \"import json,sys; t=json.load(open('$WORK/fast-f16.json'))['timing']['reference']; sys.exit(0 if t['fast_tier_values'] > 0 and 0 < t['mpfr_values'] < t['values'] else 1)\""

# 2. Ranges restrict the bit patterns; threads and ranks do not change the numbers.
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch,caffe --range 0x41000000:0x41100000 --threads 1 \
    -o "$WORK/t1.json" > /dev/null 2>&1
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch,caffe --range 0x41000000:0x41100000 --threads 2 \
    -o "$WORK/t2.json" > /dev/null 2>&1
check "--range 0x41000000:0x41100000: 2^20 x times 2 targets" \
    "python3 -c \"import json,sys; r=json.load(open('$WORK/t1.json'))['runs']; sys.exit(0 if all(x['points']==2**21 for x in r) else 1)\""
check "1 thread and 2 threads: identical runs" "same_runs '$WORK/t1.json' '$WORK/t2.json' exact"
if command -v mpirun > /dev/null; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
    mpirun -np 2 --oversubscribe "$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch,caffe \
        --range 0x41000000:0x41100000 --threads 1 -o "$WORK/r2.json" > "$WORK/mpi.out" 2>&1
    check "mpirun -np 2: identical runs to one rank" "same_runs '$WORK/t1.json' '$WORK/r2.json' exact" \
        "$(tail -3 "$WORK/mpi.out")"
    check "mpirun -np 2: the results record 2 ranks" \
        "python3 -c \"import json,sys; sys.exit(0 if json.load(open('$WORK/r2.json'))['parallel']['ranks']==2 else 1)\""
else
    echo "ok - mpirun -np 2 # SKIP mpirun not installed"
fi

# 2b. A block's runs with equal outputs (these three formulas share their gradient, s - z with
#     s = 1/(1+exp(-x)); most of their losses agree beyond |x| = 16) are measured once: each
#     run's numbers must equal those of a sweep of that implementation alone.
together=textbook,pytorch,stable-branch
"$scebench" sweep --suite exhaustive -t f32 -i $together --range 0x41000000:0x41a00000 --threads 1 \
    -o "$WORK/together.json" > /dev/null 2>&1
for impl in ${together//,/ }; do
    "$scebench" sweep --suite exhaustive -t f32 -i $impl --range 0x41000000:0x41a00000 --threads 1 \
        -o "$WORK/alone-$impl.json" > /dev/null 2>&1
done
check "equal outputs measured once: every run equals its implementation's sweep alone" "python3 - '$WORK' <<'PY'
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
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range $range --threads 2 -o "$WORK/whole.json" \
    > /dev/null 2>&1
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range $range --threads 2 \
    --checkpoint "$WORK/run.ckpt" --checkpoint-seconds 1 -o "$WORK/resumed.json" > /dev/null 2>"$WORK/kill.err" &
pid=$!
for _ in $(seq 1 300); do [ -f "$WORK/run.ckpt" ] && break; sleep 0.05; done
kill -INT $pid
wait $pid
status=$?
check "SIGINT: exit 130 after saving the checkpoint" "[ $status -eq 130 ] && [ -f '$WORK/run.ckpt' ]" \
    "exit $status; $(cat "$WORK/kill.err")"
check "SIGINT: no results file and no temporary left" "[ ! -e '$WORK/resumed.json' ] && ! ls '$WORK'/*.tmp.* > /dev/null 2>&1"
cp "$WORK/run.ckpt" "$WORK/copy.ckpt"
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range $range --threads 2 \
    --checkpoint "$WORK/copy.ckpt" --resume "$WORK/copy.ckpt" --harvest -o "$WORK/harvest.json" > /dev/null 2>&1
shard=$(python3 -c "import json; r=json.load(open('$WORK/harvest.json'))['range']; print('%#x:%#x' % (r[0], r[1]))")
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range "$shard" --threads 1 -o "$WORK/shard.json" \
    > /dev/null 2>&1
check "--harvest: the part done is the shard it names ($shard), run for itself" \
    "same_runs '$WORK/harvest.json' '$WORK/shard.json' exact"
"$scebench" sweep --suite exhaustive -t f32 -i accurate,pytorch --range $range --threads 2 \
    --checkpoint "$WORK/run.ckpt" --resume "$WORK/run.ckpt" -o "$WORK/resumed.json" > /dev/null 2>&1
check "resume: the same runs as an uninterrupted sweep" "same_runs '$WORK/whole.json' '$WORK/resumed.json' exact"
"$scebench" sweep --suite exhaustive -t f32 -i accurate --range $range --checkpoint "$WORK/other.ckpt" \
    --resume "$WORK/run.ckpt" -o "$WORK/x.json" > /dev/null 2>"$WORK/mismatch.err"
check "resume of another sweep's checkpoint: exit 2 and a reason" \
    "[ \$? -eq 2 ] && grep -q 'different sweep' '$WORK/mismatch.err'"

# 4. Progress: nothing when stderr is not a terminal, a line with --progress.
"$scebench" sweep --suite quick -t f16 -i accurate -o "$WORK/p.json" > /dev/null 2>"$WORK/quiet.err"
"$scebench" sweep --suite quick -t f16 -i accurate --progress -o "$WORK/p.json" > /dev/null 2>"$WORK/progress.err"
check "progress: silent when stderr is not a terminal" "[ ! -s '$WORK/quiet.err' ]"
check "progress: --progress forces the line (points, rate, time left)" \
    "grep -q 'points/s' '$WORK/progress.err' && grep -q 'left' '$WORK/progress.err'"

# 5. The worst-case search is reproducible by seed and finds large errors where they are.
"$scebench" sweep --suite worst -t f32 -i pytorch,accurate --count 300 --seed 5 -o "$WORK/w1.json" > /dev/null 2>&1
"$scebench" sweep --suite worst -t f32 -i pytorch,accurate --count 300 --seed 5 -o "$WORK/w2.json" > /dev/null 2>&1
check "worst: the same seed gives the same runs" "same_runs '$WORK/w1.json' '$WORK/w2.json' exact"
check "worst: pytorch f32 loss has a soft-label error above 1000 ulp; accurate stays within 0.501" \
    "python3 -c \"import json,sys; r={(x['impl'],x['fn']):x for x in json.load(open('$WORK/w1.json'))['runs']}; sys.exit(0 if float(r[('pytorch','loss')]['max_ulp'])>1000 and float(r[('accurate','loss')]['max_ulp'])<=0.501 and float(r[('accurate','grad')]['max_ulp'])<=0.501 else 1)\""

# 6. Bad requests.
"$scebench" sweep --suite exhaustive -t f64 -o "$WORK/bad.json" > /dev/null 2>"$WORK/bad.err"
check "exhaustive f64: exit 2 naming -t, no file" "[ \$? -eq 2 ] && grep -q -- '-t' '$WORK/bad.err' && [ ! -e '$WORK/bad.json' ]"
"$scebench" sweep --suite exhaustive -t f32 --range 5:3 -o "$WORK/bad.json" > /dev/null 2>"$WORK/bad.err"
check "--range 5:3: exit 2 naming --range" "[ \$? -eq 2 ] && grep -q -- '--range' '$WORK/bad.err'"
"$scebench" sweep --suite exhaustive -t f32 --targets every -o "$WORK/bad.json" > /dev/null 2>"$WORK/bad.err"
check "exhaustive f32 --targets every: exit 2 naming --targets" "[ \$? -eq 2 ] && grep -q -- '--targets' '$WORK/bad.err'"

finish
