#!/usr/bin/env python3
"""NumPy: loss np.logaddexp(0, x) - x*z, gradient 1/(1 + exp(-x)) - z, in the format's dtype
(f64, f32, f16; NumPy has no bfloat16).  usage: peer_numpy.py INPUTS.txt TYPE OUTDIR"""
import numpy as np

from peer_common import arguments, emit, unsupported

xs, zs, fmt, outdir = arguments()
dtypes = {"f64": np.float64, "f32": np.float32, "f16": np.float16}
if fmt not in dtypes:
    unsupported(fmt, "NumPy has no bfloat16 type")
dtype = dtypes[fmt]
x = np.array(xs, dtype=np.float64).astype(dtype)
z = np.array(zs, dtype=np.float64).astype(dtype)
name = f"numpy-{np.__version__}"
with np.errstate(all="ignore"):
    loss = np.logaddexp(dtype(0), x) - x * z
    grad = dtype(1) / (dtype(1) + np.exp(-x)) - z
emit(outdir, "numpy", fmt, "loss", name, loss.astype(np.float64), len(xs))
emit(outdir, "numpy", fmt, "grad", name, grad.astype(np.float64), len(xs))
