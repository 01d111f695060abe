#!/usr/bin/env python3
"""Keras 3 (TensorFlow backend) on the CPU: keras.losses.binary_crossentropy(z, x,
from_logits=True), and from_logits=False on sigmoid(x) (the probabilities path, with Keras's
clipping to [1e-7, 1 - 1e-7]); gradients by tf.GradientTape.  Each point is its own row (shape
(n, 1)), so the mean over the last axis is the element itself.

The probabilities come from tf.math.sigmoid, as from any model output: a tensor made by
keras.ops.sigmoid carries its logits (_keras_logits), and Keras 3's TensorFlow backend then
silently computes from the logits instead, which would measure the logits path twice.
usage: peer_keras.py INPUTS.txt TYPE OUTDIR"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ["KERAS_BACKEND"] = "tensorflow"
import numpy as np
import tensorflow as tf
import keras

from peer_common import arguments, emit, unsupported

xs, zs, fmt, outdir = arguments()
dtypes = {"f64": tf.float64, "f32": tf.float32, "f16": tf.float16, "bf16": tf.bfloat16}
dtype = dtypes[fmt]
x = tf.cast(tf.constant(np.array(xs, dtype=np.float64).reshape(-1, 1)), dtype)
z = tf.cast(tf.constant(np.array(zs, dtype=np.float64).reshape(-1, 1)), dtype)
for variant, from_logits in (("keras-logits", True), ("keras-probs", False)):
    name = f"keras-{keras.__version__}-{'logits' if from_logits else 'probs'}"
    try:
        with tf.GradientTape() as tape:
            tape.watch(x)
            prediction = x if from_logits else tf.math.sigmoid(x)
            loss = keras.losses.binary_crossentropy(z, prediction, from_logits=from_logits)
        grad = tape.gradient(loss, x)
    except (tf.errors.OpError, TypeError, ValueError) as error:
        unsupported(fmt, str(error).splitlines()[0])
    if loss.dtype != dtype:
        loss = tf.cast(tf.cast(loss, dtype), tf.float64)  # stored in the format, as the others
    emit(outdir, variant, fmt, "loss", name, tf.reshape(tf.cast(loss, tf.float64), [-1]).numpy(), len(xs))
    emit(outdir, variant, fmt, "grad", name, tf.reshape(tf.cast(grad, tf.float64), [-1]).numpy(), len(xs))
