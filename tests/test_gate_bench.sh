#!/bin/bash
# scebench bench on a tiny size writes a valid bench.json with every field (a benchmark is not
# a timed test: no number is judged), rejects bad options and --target cuda when CUDA is not
# built (exit 2), and scebench gate --bench passes an equal bench file and fails one whose
# ratios dropped.
# usage: test_gate_bench.sh SCEBENCH
SCEBENCH=$1
source "$(dirname "$0")/test_lib.sh"

exits "bench on 2000 elements, two implementations, every function" 0 "branchless +f32 +native +loss\+grad" -- \
    "$SCEBENCH" bench -i branchless,accurate -t f32 --sizes 2000 --threads 1 --reps 10 --min-time 0.001 \
    -o "$WORK/bench.json"
cp "$WORK/out" "$WORK/table.txt"

python3 - "$WORK/bench.json" >"$WORK/check.out" 2>&1 <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1]))
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)
need(d.get("schema") == "scebench-bench/1", "schema")
host = d.get("host", {})
for key in ("cpu_model", "packages", "cores", "pus", "caches", "numa_nodes", "memory_bytes", "isa"):
    need(key in host, "host." + key)
need(isinstance(host.get("caches"), list) and all("level" in c and "size_bytes" in c for c in host.get("caches", [])),
     "host.caches entries")
build = d.get("build", {})
for key in ("compiler", "compiler_version", "flags", "git_revision"):
    need(isinstance(build.get(key), str) and build.get(key), "build." + key)
need(d.get("target") == "cpu", "target")
everything = d.get("results", [])
results = [r for r in everything if not r.get("peer_only")]
need(len(results) == 8, "8 results (2 implementations x 4 functions), got %d" % len(results))
# Peers (libm-loop, sleef-u10), when registered, are measured in the same run and every
# selected result has its ratio to each.
peers = d.get("settings", {}).get("peers", [])
for p in peers:
    need(any(r.get("impl") == p for r in everything), "peer %s measured" % p)
    for r in results:
        need(isinstance(r.get("vs", {}).get(p), (int, float)) and r["vs"][p] > 0, "%s %s: vs %s" % (r.get("impl"), r.get("fn"), p))
print("peers: %s" % (", ".join(peers) or "none registered"))
fns = sorted({r.get("fn") for r in results})
need(fns == ["loss", "grad", "loss+grad", "mean"] or set(fns) == {"loss", "grad", "loss+grad", "mean"}, "functions %s" % fns)
for r in results:
    name = "%s %s" % (r.get("impl"), r.get("fn"))
    for key in ("impl", "type", "mode", "fn", "target", "threads", "size_bytes", "elements", "gelem_per_s",
                "gb_per_s", "roofline_fraction", "vs"):
        need(key in r, name + ": " + key)
    g = r.get("gelem_per_s", {})
    need(all(isinstance(g.get(k), (int, float)) and g.get(k) > 0 for k in ("median", "min", "max")), name + ": gelem_per_s")
    need(g.get("min", 0) <= g.get("median", 0) <= g.get("max", 0), name + ": min <= median <= max")
    need(r.get("elements") == 2000 and r.get("size_bytes") == 2000 * 2 * 4, name + ": elements and size_bytes")
    need(r.get("threads") == 1 and r.get("target") == "cpu", name + ": threads, target")
    need(isinstance(r.get("roofline_fraction"), (int, float)) and r["roofline_fraction"] > 0, name + ": roofline_fraction")
    bpe = {"loss": 12, "grad": 12, "loss+grad": 16, "mean": 8}[r.get("fn")]
    need(abs(r.get("gb_per_s", 0) - g.get("median", 0) * bpe) <= 1e-9 * bpe * g.get("median", 1), name + ": gb_per_s = Gelem/s x bytes")
    need(isinstance(r.get("vs"), dict), name + ": vs")
    need(r.get("reps", 0) >= 10, name + ": reps")
roof = d.get("roofline", [])
need(len(roof) == 1 and roof[0].get("gb_per_s", {}).get("median", 0) > 0, "one roofline entry")
for p in problems:
    print("bench.json: " + p)
sys.exit(1 if problems else 0)
PY
if [ $? -eq 0 ]; then ok "bench.json has the host, build, roofline and every result field"; else not_ok "bench.json fields" "$(head -5 "$WORK/check.out" | tr '\n' ' ')"; fi

exits "bench with the cache sizes of hwloc (l1) and 'all' threads" 0 "l1" -- \
    "$SCEBENCH" bench -i branchless -t f64 --fn grad --sizes l1 --threads 1,all --reps 10 --min-time 0.001 -o "$WORK/l1.json"
if "$SCEBENCH" bench --target cuda --reps 1 2>&1 | grep -q "CUDA not built"; then
    exits "--target cuda: CUDA not built (exit 2)" 2 "CUDA not built" -- "$SCEBENCH" bench --target cuda -o "$WORK/x.json"
else # built with CUDA: bench_cuda tests it (test_bench_cuda.sh)
    exits "--target cuda --reps 3 (exit 2)" 2 "at least 5" -- "$SCEBENCH" bench --target cuda --reps 3 -o "$WORK/x.json"
fi
exits "--target tpu (exit 2)" 2 "unknown target" -- "$SCEBENCH" bench --target tpu
exits "--reps 3 (exit 2)" 2 "at least 10" -- "$SCEBENCH" bench --reps 3
exits "--threads beyond the cores (exit 2)" 2 "--threads" -- "$SCEBENCH" bench --threads 100000
exits "--sizes l9 (exit 2)" 2 "unknown size" -- "$SCEBENCH" bench --sizes l9
exits "--fn exp (exit 2)" 2 "unknown function" -- "$SCEBENCH" bench --fn exp
exits "-i unknown (exit 2)" 2 "unknown implementation" -- "$SCEBENCH" bench -i nosuch
exits "unwritable -o (exit 2)" 2 "cannot write" -- "$SCEBENCH" bench -o "$WORK/no/such/dir/b.json"
if [ ! -e "$WORK/x.json" ]; then ok "a refused bench writes no file"; else not_ok "a refused bench writes no file"; fi

# gate --bench: ratios measured in the same run, compared with a tolerance.
RESULTS="$WORK/results.json"
"$SCEBENCH" sweep --suite quick -i branchless -t f32 --fn loss --targets hard -o "$RESULTS" >/dev/null 2>&1
exits "gate --bench: an equal bench file passes" 0 "gate: passed" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --bench "$WORK/bench.json" --bench-baseline "$WORK/bench.json"
python3 - "$WORK/bench.json" "$WORK/slower.json" "$WORK/within.json" "$WORK/peer.json" "$WORK/missing.json" <<'PY'
import copy, json, sys
d = json.load(open(sys.argv[1]))
slower = copy.deepcopy(d); slower["results"][0]["roofline_fraction"] *= 0.7
json.dump(slower, open(sys.argv[2], "w"))
within = copy.deepcopy(d); within["results"][0]["roofline_fraction"] *= 0.9
json.dump(within, open(sys.argv[3], "w"))
# a peer ratio in the baseline that dropped by 30% in the results
base = copy.deepcopy(d); base["results"][1]["vs"]["libm-loop"] = 1.0
now = copy.deepcopy(d); now["results"][1]["vs"]["libm-loop"] = 0.7
json.dump({"base": base, "now": now}, open(sys.argv[4], "w"))
json.dump(base, open(sys.argv[4] + ".base", "w")); json.dump(now, open(sys.argv[4] + ".now", "w"))
missing = copy.deepcopy(d); del missing["results"][2]
json.dump(missing, open(sys.argv[5], "w"))
PY
exits "gate --bench: a roofline fraction 30% lower fails" 1 "SLOWER .*roofline fraction" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --bench "$WORK/slower.json" --bench-baseline "$WORK/bench.json"
exits "gate --bench: 10% lower is within the default 20%" 0 "gate: passed" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --bench "$WORK/within.json" --bench-baseline "$WORK/bench.json"
exits "gate --bench --perf-tolerance 0.05: 10% lower fails" 1 "SLOWER" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --bench "$WORK/within.json" --bench-baseline "$WORK/bench.json" \
    --perf-tolerance 0.05
exits "gate --bench: a peer ratio 30% lower fails" 1 "SLOWER .*vs libm-loop 1.000 -> 0.700" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --bench "$WORK/peer.json.now" --bench-baseline "$WORK/peer.json.base"
exits "gate --bench: a missing bench result fails" 1 "MISSING +bench" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --bench "$WORK/missing.json" --bench-baseline "$WORK/bench.json"
exits "gate --bench: a results file as bench file (exit 2)" 2 "not a scebench bench file" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --bench "$RESULTS" --bench-baseline "$WORK/bench.json"
exits "gate --perf-tolerance 2 (exit 2)" 2 "perf-tolerance" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --perf-tolerance 2

echo "--- the table of the first bench ---"
cat "$WORK/table.txt"
finish
