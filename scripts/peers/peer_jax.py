#!/usr/bin/env python3
"""JAX and optax on the CPU: optax.sigmoid_binary_cross_entropy(x, z) elementwise and its
gradient by jax.vmap(jax.grad(...)), in float64 (x64 enabled), float32, float16 and bfloat16.
usage: peer_jax.py INPUTS.txt TYPE OUTDIR"""
import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")
import jax.numpy as jnp
import numpy as np
import optax

from peer_common import arguments, emit

xs, zs, fmt, outdir = arguments()
dtypes = {"f64": jnp.float64, "f32": jnp.float32, "f16": jnp.float16, "bf16": jnp.bfloat16}
dtype = dtypes[fmt]
name = f"jax-{jax.__version__}+optax-{optax.__version__}"
x = jnp.asarray(np.array(xs, dtype=np.float64)).astype(dtype)
z = jnp.asarray(np.array(zs, dtype=np.float64)).astype(dtype)
loss = optax.sigmoid_binary_cross_entropy(x, z)
grad = jax.vmap(jax.grad(lambda a, b: optax.sigmoid_binary_cross_entropy(a, b)))(x, z)
emit(outdir, "jax", fmt, "loss", name, np.asarray(loss.astype(jnp.float64)), len(xs))
emit(outdir, "jax", fmt, "grad", name, np.asarray(grad.astype(jnp.float64)), len(xs))
