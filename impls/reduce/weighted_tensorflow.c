/* tensorflow: tf.nn.weighted_cross_entropy_with_logits, times a weight, and its autodiff.
 *
 *   loss  ((1-z) x + q (log1p(exp(-|x|)) + relu(-x))) w,  q = 1 + (p-1) z
 *   grad  TensorFlow's gradient of loss * w (upstream w), op by op:
 *           e = exp(-|x|),  d_s = w q,
 *           abs path:   -(d_s (1/(1+e)) e) sign(x)      (Log1pGrad, ExpGrad, NegGrad, AbsGrad)
 *           relu path:  -(x < 0 ? d_s : 0)              (ReluGrad on the output, NegGrad)
 *           linear:     w (1-z)                         (MulGrad)
 *         summed by AddN in the order the tape delivers them: (relu + abs) + linear
 *
 * Origin: tensorflow/python/ops/nn_impl.py, weighted_cross_entropy_with_logits_v2: log_weight
 * = 1 + (pos_weight - 1) * labels; (1 - labels) * logits + log_weight *
 * (log1p(exp(-abs(logits))) + relu(-logits)).  The per-element weight is the caller's
 * multiplication.  The gradient functions are TensorFlow's registered ones (math_grad.py,
 * nn_grad.py); another aggregation order changes only the last rounding.
 *
 * Weaknesses: the loss is PyTorch 2.x's, operation for operation (see weighted_pytorch.c), with
 * its cancellation for x < 0.  The gradient: for x < 0 it is w(1-z) + w q e/(1+e) - w q, where
 * (1-z) - q = -p z cancels: for z = 0 (the gradient q sigmoid(x)) the sum 1 + e/(1+e) - 1 loses
 * e once it is below half an ulp of 1 (0 for x <= -16.64 in f32) and its low bits before.  At
 * x = 0 exactly, sign(0) = 0 and relu's gradient at 0 is 0, so only the linear term remains:
 * w (1-z) where the gradient is w (q/2 - p z) (for p = 1: 1 - z instead of 1/2 - z).
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef WEIGHTED_INSTANCE

static real WEIGHTED(loss)(real x, real z, real p, real w)
{
    real log_weight = (real)1 + (p - (real)1) * z;
    real softplus = real_log1p(real_exp(-real_abs(x))) + real_max(-x, (real)0);
    real loss = ((real)1 - z) * x + log_weight * softplus;
    return loss * w;
}

static real WEIGHTED(grad)(real x, real z, real p, real w)
{
    real log_weight = (real)1 + (p - (real)1) * z;
    real e = real_exp(-real_abs(x));
    real d_s = w * log_weight;
    real d_e = d_s * ((real)1 / ((real)1 + e));
    real d_negative_abs = d_e * e;
    real sign = x > (real)0 ? (real)1 : x < (real)0 ? (real)-1 : x; /* sign(0) = 0, sign(NaN) = NaN */
    real abs_path = -d_negative_abs * sign;
    real relu_path = -(-x > (real)0 ? d_s : (real)0);
    real linear = w * ((real)1 - z);
    return (relu_path + abs_path) + linear;
}

#else

#define WEIGHTED_FORMULA tensorflow
#define WEIGHTED_SOURCE "weighted_tensorflow.c"
#include "weighted_template.h"

const struct weighted_implementation weighted_tensorflow = {
    .name = "tensorflow",
    .formula = "((1-z)*x + q*(log1p(exp(-|x|)) + relu(-x)))*w, q = 1 + (p-1)*z",
    .gradient = "TensorFlow autodiff: (-(x<0 ? w*q : 0) + -(w*q*(1/(1+e))*e)*sign(x)) + w*(1-z), e = exp(-|x|)",
    .origin = "TensorFlow weighted_cross_entropy_with_logits (nn_impl.py) and its registered gradients",
    .weaknesses = "loss as pytorch; gradient: (1-z) - q cancels for x < 0 (0 for x <= -16.64, z = 0, f32); "
                  "at x = 0 returns w*(1-z)",
    .mode = MODE_NATIVE,
    .kernels = WEIGHTED_KERNELS,
};

#endif
