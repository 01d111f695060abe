#!/usr/bin/env python3
"""TensorFlow on the CPU: tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x) and its
gradient by tf.GradientTape, in float64, float32, float16 and bfloat16.
usage: peer_tensorflow.py INPUTS.txt TYPE OUTDIR"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
import numpy as np
import tensorflow as tf

from peer_common import arguments, emit, unsupported

xs, zs, fmt, outdir = arguments()
dtypes = {"f64": tf.float64, "f32": tf.float32, "f16": tf.float16, "bf16": tf.bfloat16}
dtype = dtypes[fmt]
name = f"tensorflow-{tf.__version__}"
x = tf.cast(tf.constant(np.array(xs, dtype=np.float64)), dtype)
z = tf.cast(tf.constant(np.array(zs, dtype=np.float64)), dtype)
try:
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x)
    grad = tape.gradient(loss, x)
except (tf.errors.OpError, TypeError, ValueError) as error:
    unsupported(fmt, str(error).splitlines()[0])
emit(outdir, "tensorflow", fmt, "loss", name, tf.cast(loss, tf.float64).numpy(), len(xs))
emit(outdir, "tensorflow", fmt, "grad", name, tf.cast(grad, tf.float64).numpy(), len(xs))
