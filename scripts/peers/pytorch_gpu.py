#!/usr/bin/env python3
"""PyTorch on the GPU: torch.nn.functional.binary_cross_entropy_with_logits on a CUDA device,
timed and scored against scebench's MPFR references.

usage: pytorch_gpu.py --out DIR [--scebench build/scebench] [--elements 268435456] [--reps 20]
                      [--warmup 3] [--seed 1] [--bench-types f32,bf16,f16]
                      [--suite extreme] [--types f64,f32,f16,bf16]

1. Throughput, DIR/pytorch-gpu-bench.json (schema scebench-bench/1, "target": "cuda", so that
   `scebench report` shows it beside `scebench bench --target cuda`): on --elements random
   inputs generated on the device with the distribution of `scebench bench` (x uniform in
   [-20, 20], one in 16 in [-100, 100], never 0; z half hard {0, 1}, half uniform in
   [0.01, 0.99]; the same distribution, not the same values), per format of --bench-types:
   the mean reduction forward ("mean"), the elementwise loss (reduction='none', "loss"), and for
   f32 the mean forward and its backward ("mean+backward"); each call timed between two CUDA
   events after --warmup untimed calls, median, min and max of --reps.  Beside them, in the same
   run and on the same tensors, a read-only sum of x and z (x.sum(), z.sum()): the roofline.
   GB/s counts the least traffic of each call: x and z read, plus the outputs written (the
   elementwise loss; the gradient of the backward).
2. Accuracy, DIR/pytorch-gpu-SUITE.json (schema scebench-results/1, one run per format,
   function and target set): for each format of --types, `scebench sweep --suite SUITE -t TYPE
   --emit-inputs` writes the inputs, PyTorch computes the elementwise loss (reduction='none')
   and its gradient by autograd on the device in that format, the outputs are written one C99
   hex float per line (peer_common.py), and `scebench score --name torch-VERSION-cuda` measures
   them (as scripts/peers/run_all does for the CPU peers).  Inputs, outputs and single scores
   stay in DIR/work.

Exits 0 with a line "skipped: ..." when torch is not installed or has no usable CUDA device.
Nothing is downloaded.
"""
import argparse
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from peer_common import read_inputs, write_outputs  # noqa: E402

STORAGE_BYTES = {"f64": 8, "f32": 4, "f16": 2, "bf16": 2}
DRAM_ELEMENTS = 1 << 28
DEVICE = "cuda"


def arguments():
    parser = argparse.ArgumentParser(description="PyTorch binary_cross_entropy_with_logits on the GPU: "
                                                 "throughput and accuracy")
    parser.add_argument("--out", required=True, help="directory for the JSON files (and DIR/work)")
    parser.add_argument("--scebench", default=os.path.join(ROOT, "build", "scebench"),
                        help="the scebench executable (emits the inputs, scores the outputs)")
    parser.add_argument("--elements", type=int, default=DRAM_ELEMENTS, help="elements of the throughput inputs")
    parser.add_argument("--reps", type=int, default=20, help="timed repetitions (median, min, max)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls before the timed ones")
    parser.add_argument("--seed", type=int, default=1, help="seed of the throughput inputs")
    parser.add_argument("--bench-types", default="f32,bf16,f16", help="formats timed")
    parser.add_argument("--suite", default="extreme", help="scebench suite scored")
    parser.add_argument("--types", default="f64,f32,f16,bf16", help="formats scored")
    options = parser.parse_args()
    if options.elements < 1 or options.reps < 1 or options.warmup < 0:
        parser.error("--elements and --reps must be at least 1, --warmup at least 0")
    for fmt in options.bench_types.split(",") + options.types.split(","):
        if fmt not in STORAGE_BYTES:
            parser.error(f"unknown format '{fmt}' (accepted: f64, f32, f16, bf16)")
    return options


def skipped(why):
    print(f"skipped: {why}", flush=True)
    sys.exit(0)


def import_torch():
    """torch with a usable CUDA device, or exit 0 saying why not."""
    try:
        import torch
    except ImportError as error:
        skipped(f"torch is not installed ({error})")
    if torch.version.cuda is None:
        skipped(f"torch {torch.__version__} was built without CUDA")
    if not torch.cuda.is_available() or torch.cuda.device_count() == 0:
        skipped(f"torch {torch.__version__} (CUDA {torch.version.cuda}) finds no usable CUDA device")
    return torch


def torch_name(torch):
    return f"torch-{torch.__version__.split('+')[0]}-cuda"


def dtype_of(torch, fmt):
    return {"f64": torch.float64, "f32": torch.float32, "f16": torch.float16, "bf16": torch.bfloat16}[fmt]


def write_json(path, document):
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")
    os.replace(temporary, path)


def command_line():
    return " ".join(["scripts/peers/pytorch_gpu.py"] + sys.argv[1:])


# ---- Throughput ----

def bench_inputs(torch, n, seed):
    """x and z in binary64 on the device, with the distribution of `scebench bench`."""
    generator = torch.Generator(device=DEVICE)
    generator.manual_seed(seed)

    def uniform(dtype=torch.float64):
        return torch.rand(n, generator=generator, device=DEVICE, dtype=dtype)

    wide = uniform(torch.float32) < 1 / 16
    x = (2 * uniform() - 1) * (20.0 + 80.0 * wide.to(torch.float64))
    del wide
    hard = uniform(torch.float32) < 0.5
    label = (uniform(torch.float32) < 0.5).to(torch.float64)
    z = torch.where(hard, label, 0.01 + 0.98 * uniform())
    return x, z


def in_format(torch, x, z, fmt):
    """x and z rounded to the format; x never 0 nor tiny (as scebench bench: +-0.375 instead)."""
    dtype = dtype_of(torch, fmt)
    xd = x.to(dtype)
    tiny = xd.abs() < 2.0 ** -10
    xd = torch.where(tiny, 0.375 * (2 * (x >= 0).to(dtype) - 1), xd)
    return xd, z.to(dtype)


def time_calls(torch, call, warmup, reps):
    for _ in range(warmup):
        call()
    torch.cuda.synchronize()
    milliseconds = []
    for _ in range(reps):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        call()
        end.record()
        end.synchronize()
        milliseconds.append(start.elapsed_time(end))
    return milliseconds


def stats(milliseconds, n, bytes_per_element):
    """Milliseconds, Gelem/s and GB/s (median, min, max) of the repetitions."""
    median, low, high = statistics.median(milliseconds), min(milliseconds), max(milliseconds)

    def rates(scale):  # per second, in 10^9
        return {"median": n * scale / median * 1e-6, "min": n * scale / high * 1e-6, "max": n * scale / low * 1e-6}
    return {"milliseconds": {"median": median, "min": low, "max": high}, "gelem_per_s": rates(1),
            "gb_per_s": rates(bytes_per_element)}


def row_base(fmt, n, bytes_per_element, measured, options):
    return {"type": fmt, "target": "cuda", "threads": 1, "size": "dram" if n == DRAM_ELEMENTS else str(n),
            "size_bytes": 2 * n * STORAGE_BYTES[fmt], "elements": n, "bytes_per_element": bytes_per_element,
            "milliseconds": measured["milliseconds"], "gelem_per_s": measured["gelem_per_s"],
            "reps": options.reps, "warmup": options.warmup}


def bench_calls(torch, x, z, fmt):
    """(fn, the call as text, bytes per element, the call) of one format's tensors."""
    import torch.nn.functional as F
    b = STORAGE_BYTES[fmt]
    calls = [("mean", "F.binary_cross_entropy_with_logits(x, z) (reduction='mean', forward)", 2 * b,
              lambda: F.binary_cross_entropy_with_logits(x, z)),
             ("loss", "F.binary_cross_entropy_with_logits(x, z, reduction='none')", 3 * b,
              lambda: F.binary_cross_entropy_with_logits(x, z, reduction="none"))]
    if fmt == "f32":
        leaf = x.detach().requires_grad_(True)

        def forward_backward():
            leaf.grad = None
            F.binary_cross_entropy_with_logits(leaf, z).backward()
        calls.append(("mean+backward", "F.binary_cross_entropy_with_logits(x, z).backward() (x.grad written)",
                      3 * b, forward_backward))
    return calls


def add_mean(torch, row, x, z):
    import torch.nn.functional as F
    mean = float(F.binary_cross_entropy_with_logits(x, z).double().item())
    row.update({"mean": mean if math.isfinite(mean) else None,
                "mean_hex": mean.hex() if math.isfinite(mean) else str(mean)})


def bench_format(torch, x64, z64, fmt, options, name, skipped_list):
    """The roofline row and the result rows of one format (a call torch refuses is skipped)."""
    n = options.elements
    x, z = in_format(torch, x64, z64, fmt)
    read = stats(time_calls(torch, lambda: (x.sum(), z.sum()), options.warmup, options.reps), n,
                 2 * STORAGE_BYTES[fmt])
    roofline = row_base(fmt, n, 2 * STORAGE_BYTES[fmt], read, options)
    roofline.update({"kernel": "x.sum() and z.sum() (torch, read-only)", "gb_per_s": read["gb_per_s"]})
    read_gb = read["gb_per_s"]["median"]
    rows = []
    for fn, call_text, bytes_per_element, call in bench_calls(torch, x, z, fmt):
        try:
            measured = stats(time_calls(torch, call, options.warmup, options.reps), n, bytes_per_element)
        except RuntimeError as error:
            skipped_list.append(f"{name} {fmt} {fn}: {str(error).splitlines()[0]}")
            print(f"skipped: {skipped_list[-1]}", flush=True)
            continue
        row = row_base(fmt, n, bytes_per_element, measured, options)
        gb = measured["gb_per_s"]["median"]
        row.update({"impl": name, "mode": "internal", "fn": fn, "call": call_text, "gb_per_s": gb,
                    "roofline_fraction": gb / read_gb if read_gb > 0 else None, "vs": {}, "composed": False})
        if fn == "mean":
            add_mean(torch, row, x, z)
        rows.append(row)
        print(f"{name} {fmt} {fn}: {measured['milliseconds']['median']:.4g} ms, "
              f"{measured['gelem_per_s']['median']:.4g} Gelem/s, {gb:.4g} GB/s "
              f"({100 * gb / read_gb:.1f}% of the read sum's {read_gb:.4g} GB/s)", flush=True)
    return roofline, rows


def device_json(torch):
    properties = torch.cuda.get_device_properties(0)
    return {"name": properties.name, "ordinal": 0,
            "compute_capability": f"{properties.major}.{properties.minor}",
            "sm_count": properties.multi_processor_count, "memory_bytes": properties.total_memory,
            "torch_version": torch.__version__, "torch_cuda_version": torch.version.cuda}


def host_json():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"hostname": socket.gethostname(), "cpu_model": model, "cores": os.cpu_count()}


def bench(torch, options, name):
    x64, z64 = bench_inputs(torch, options.elements, options.seed)
    roofline, results, skipped_list = [], [], []
    for fmt in options.bench_types.split(","):
        roof, rows = bench_format(torch, x64, z64, fmt, options, name, skipped_list)
        roofline.append(roof)
        results.extend(rows)
        torch.cuda.empty_cache()
    del x64, z64
    torch.cuda.empty_cache()
    document = {
        "schema": "scebench-bench/1",
        "tool": {"name": "scripts/peers/pytorch_gpu.py", "version": torch.__version__},
        "command": command_line(), "target": "cuda", "host": host_json(), "device": device_json(torch),
        "build": {"torch": torch.__version__, "cuda": torch.version.cuda},
        "settings": {"reps": options.reps, "warmup": options.warmup, "seed": options.seed,
                     "elements": options.elements, "formats": options.bench_types.split(","),
                     "statistic": "median, min and max over the timed repetitions",
                     "timing": "each call between two CUDA events, after the untimed warm-up calls",
                     "inputs": "generated on the device by torch's generator: x uniform in [-20,20] (1 in 16 in "
                               "[-100,100]), never 0; z half hard {0,1}, half uniform in [0.01,0.99] (the "
                               "distribution of scebench bench, not its values)",
                     "bytes": "least traffic: x and z read, plus the outputs written"},
        "skipped": skipped_list, "roofline": roofline, "results": results}
    path = os.path.join(options.out, "pytorch-gpu-bench.json")
    write_json(path, document)
    print(f"{path}: {len(results)} results", flush=True)


# ---- Accuracy ----

def run(command, log):
    with open(log, "w") as handle:
        status = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT).returncode
    if status != 0:
        with open(log) as handle:
            tail = handle.read().strip().splitlines()[-1:]
        sys.exit(f"pytorch_gpu.py: {' '.join(command)} failed (exit {status}): {' '.join(tail)}")


def compute_outputs(torch, inputs, fmt):
    """The elementwise loss and its gradient on the device, as lists of floats."""
    import torch.nn.functional as F
    xs, zs, declared = read_inputs(inputs)
    if declared and declared != fmt:
        sys.exit(f"pytorch_gpu.py: {inputs}: inputs of format {declared}, not {fmt}")
    dtype = dtype_of(torch, fmt)
    x = torch.tensor(xs, dtype=torch.float64).to(dtype).to(DEVICE).requires_grad_(True)
    z = torch.tensor(zs, dtype=torch.float64).to(dtype).to(DEVICE)
    loss = F.binary_cross_entropy_with_logits(x, z, reduction="none")
    loss.backward(torch.ones_like(loss))
    torch.cuda.synchronize()
    return len(xs), loss.detach().to(torch.float64).cpu().tolist(), x.grad.to(torch.float64).cpu().tolist()


def score_format(torch, options, name, fmt, work, skipped_list):
    inputs = os.path.join(work, f"inputs-{fmt}.txt")
    run([options.scebench, "sweep", "--suite", options.suite, "-t", fmt, "--emit-inputs", inputs],
        os.path.join(work, f"emit-{fmt}.log"))
    try:
        count, losses, grads = compute_outputs(torch, inputs, fmt)
    except RuntimeError as error:
        skipped_list.append(f"{name} {fmt}: {str(error).splitlines()[0]}")
        return []
    mode = "internal" if fmt in ("f16", "bf16") else "native"  # as run_all: the framework chooses
    scores = []
    for fn, values in (("loss", losses), ("grad", grads)):
        if len(values) != count:
            sys.exit(f"pytorch_gpu.py: {name} {fmt} {fn}: {len(values)} values for {count} inputs")
        outputs = os.path.join(work, "outputs", f"torch-cuda-{fmt}-{fn}.txt")
        write_outputs(outputs, values)
        score = os.path.join(work, "scores", f"{name}-{fmt}-{fn}.json")
        run([options.scebench, "score", "--inputs", inputs, "--outputs", outputs, "-t", fmt, "--fn", fn, "--name",
             name, "--mode", mode, "-o", score], score + ".txt")
        print(f"scored {name} {fmt} {fn}", flush=True)
        scores.append(score)
    return scores


def accuracy(torch, options, name):
    work = os.path.join(options.out, "work")
    for sub in ("outputs", "scores"):
        os.makedirs(os.path.join(work, sub), exist_ok=True)
    skipped_list, scores = [], []
    for fmt in options.types.split(","):
        scores.extend(score_format(torch, options, name, fmt, work, skipped_list))
    if not scores:
        sys.exit("pytorch_gpu.py: no format was scored: " + "; ".join(skipped_list))
    documents = [json.load(open(path)) for path in scores]
    result = {k: v for k, v in documents[0].items() if k not in ("runs", "scored", "command", "timing", "parallel")}
    result["command"] = command_line()
    result["peers"] = [name]
    result["device"] = device_json(torch)
    result["skipped"] = skipped_list
    result["runs"] = [entry for document in documents for entry in document["runs"]]
    path = os.path.join(options.out, f"pytorch-gpu-{options.suite}.json")
    write_json(path, result)
    print(f"{path}: {len(result['runs'])} runs of {name}", flush=True)
    for line in skipped_list:
        print(f"skipped: {line}", flush=True)


def main():
    options = arguments()
    torch = import_torch()
    if not (os.path.isfile(options.scebench) and os.access(options.scebench, os.X_OK)):
        print(f"pytorch_gpu.py: no scebench at '{options.scebench}' (scripts/build, or --scebench)", file=sys.stderr)
        sys.exit(2)
    options.scebench = os.path.abspath(options.scebench)
    os.makedirs(options.out, exist_ok=True)
    name = torch_name(torch)
    print(f"{name} on {torch.cuda.get_device_name(0)}", flush=True)
    start = time.monotonic()
    bench(torch, options, name)
    print(f"throughput: {time.monotonic() - start:.1f} s", flush=True)
    start = time.monotonic()
    accuracy(torch, options, name)
    print(f"accuracy: {time.monotonic() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main()
