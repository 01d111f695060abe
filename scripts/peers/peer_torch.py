#!/usr/bin/env python3
"""PyTorch on the CPU: F.binary_cross_entropy_with_logits(x, z, reduction='none') and its
gradient by autograd, in float64, float32, float16 and bfloat16 (where the CPU kernels exist).
usage: peer_torch.py INPUTS.txt TYPE OUTDIR"""
import torch
import torch.nn.functional as F

from peer_common import arguments, emit, unsupported

xs, zs, fmt, outdir = arguments()
dtypes = {"f64": torch.float64, "f32": torch.float32, "f16": torch.float16, "bf16": torch.bfloat16}
release = torch.__version__.split("+")[0]
if torch.__file__.startswith("/usr/lib/python3/"):  # Debian's python3-torch: name its package version
    import subprocess
    debian = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True, text=True)
    if debian.returncode == 0 and debian.stdout:
        release = debian.stdout.split("+")[0] + "-debian"
name = f"torch-{release}"
torch.set_num_threads(1)
dtype = dtypes[fmt]
x = torch.tensor(xs, dtype=torch.float64).to(dtype).requires_grad_(True)
z = torch.tensor(zs, dtype=torch.float64).to(dtype)
try:
    loss = F.binary_cross_entropy_with_logits(x, z, reduction="none")
    loss.backward(torch.ones_like(loss))
except RuntimeError as error:
    unsupported(fmt, str(error).splitlines()[0])
emit(outdir, "torch", fmt, "loss", name, loss.detach().to(torch.float64).tolist(), len(xs))
emit(outdir, "torch", fmt, "grad", name, x.grad.to(torch.float64).tolist(), len(xs))
