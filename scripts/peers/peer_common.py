"""Reading scebench inputs and writing outputs for the peer scripts.

Inputs: the text layout of `scebench sweep --emit-inputs FILE.txt` (harness/inputs_file.h):
`#` comment lines (one carries `format=TYPE`), then one "X Z" line per point, C99 hex floats
(inf and nan too).  Outputs: one value per line, as C99 hex floats (Python's float.hex, which
`scebench score` reads), value i the result for point i.

Every peer script is run as

    python3 peer_NAME.py INPUTS.txt TYPE OUTDIR

and, for each variant and function it computes, writes OUTDIR/VARIANT-TYPE-FN.txt and prints a
line "FN NAME FILE" (NAME: framework and version, as the results will show it).  A format the
framework cannot compute in prints "unsupported TYPE: why" and exits 3.
"""
import math
import os
import sys

UNSUPPORTED = 3


def parse(text):
    lowered = text.lower()
    if "0x" in lowered:
        return float.fromhex(text)
    return float(text)  # inf, nan, decimal


def read_inputs(path):
    xs, zs, fmt = [], [], None
    with open(path) as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                for word in line.split():
                    if word.startswith("format="):
                        fmt = word[7:]
                continue
            x, z = line.split()[:2]
            xs.append(parse(x))
            zs.append(parse(z))
    return xs, zs, fmt


def write_outputs(path, values):
    with open(path, "w") as handle:
        for value in values:
            value = float(value)
            handle.write(("nan" if math.isnan(value) else value.hex()) + "\n")


def arguments():
    if len(sys.argv) != 4:
        sys.exit(f"usage: {sys.argv[0]} INPUTS.txt TYPE OUTDIR")
    inputs, fmt, outdir = sys.argv[1:]
    xs, zs, declared = read_inputs(inputs)
    if declared and declared != fmt:
        sys.exit(f"{inputs}: inputs of format {declared}, not {fmt}")
    os.makedirs(outdir, exist_ok=True)
    return xs, zs, fmt, outdir


def emit(outdir, variant, fmt, fn, name, values, count):
    values = list(values)
    if len(values) != count:
        sys.exit(f"{name} {fmt} {fn}: {len(values)} values for {count} inputs")
    path = os.path.join(outdir, f"{variant}-{fmt}-{fn}.txt")
    write_outputs(path, values)
    print(f"{fn} {name} {path}", flush=True)


def unsupported(fmt, why):
    print(f"unsupported {fmt}: {why}", flush=True)
    sys.exit(UNSUPPORTED)
