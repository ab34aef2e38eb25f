#!/usr/bin/python3
"""Trains the digits classifier the agents run and writes its four variants as ONNX models.

Run it only to change the committed models (models/digits/): it trains a small multi-layer
perceptron on scikit-learn's bundled `digits` data (8x8 images of handwritten digits, 1,797 of
them), keeps a stratified quarter of the images aside as the held-out test set, and exports the
network as

  digits-fp32.onnx  float weights and arithmetic (the reference)
  digits-fp16.onnx  FP16 weights, widened to FP32 where they are used (ONNX Runtime's CPU kernels
                    do not all compute in FP16)
  digits-int8.onnx  QDQ: 8-bit weights (symmetric, per output column) and 8-bit activations
                    (asymmetric, calibrated on the training images); ONNX Runtime fuses the
                    QuantizeLinear/DequantizeLinear pairs into integer kernels
  digits-int4.onnx  4-bit weights in blocks of 16 (symmetric, one scale per block) through ONNX
                    Runtime's MatMulNBits contrib operator; activations stay FP32

and test-set.csv (label, then 64 pixel values scaled to 0..1, one image per line).

It also writes version 2 of the same four variants to v2/, the release the registry's deltas are
measured on (docs/PERFORMANCE.md, "Registry deltas"). Version 2 retrains only the classifier layer
(w2, b2) on the frozen hidden layer's features, by L2-regularised multinomial logistic regression
(scikit-learn's defaults) on the same training images; the hidden layer (w1, b1) keeps its bytes. Retraining the head and
freezing the rest is the usual way a deployed model is updated (the features are the expensive,
data-hungry part), so a new version changes a fraction of the tensors: here 2 of the 4 weight
tensors, 650 of the 4,810 parameters. In the quantized variants the same holds for the tensors
derived from them (INT8: w2's 8-bit values and scales; INT4: w2's packed blocks and scales; the
activation ranges, computed from the unchanged hidden layer, keep theirs).

Every figure that depends on randomness is seeded, so a re-run writes the same files.

Needs Debian's python3-onnx, python3-sklearn and python3-numpy; installs them when missing.
"""
import os
import subprocess
import sys

PACKAGES = ["python3-onnx", "python3-sklearn", "python3-numpy"]


def ensure_packages():
    try:
        import numpy, onnx, sklearn  # noqa: F401
        return
    except ImportError:
        pass
    print(f"Installing {' '.join(PACKAGES)} from Debian's packages...", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + PACKAGES, check=True, env=env)
    os.execv(sys.executable, [sys.executable] + sys.argv)


ensure_packages()

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "digits")
HIDDEN = 64
BLOCK = 16
OPSET = 17


def train():
    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    x_train, x_test, y_train, y_test = train_test_split(
        x, digits.target, test_size=0.25, stratify=digits.target, random_state=0)
    mlp = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="relu", max_iter=600, random_state=0)
    mlp.fit(x_train, y_train)
    print(f"scikit-learn accuracy on the held-out set: {mlp.score(x_test, y_test):.4f}", file=sys.stderr)
    w1, w2 = (w.astype(np.float32) for w in mlp.coefs_)
    b1, b2 = (b.astype(np.float32) for b in mlp.intercepts_)
    return (w1, b1, w2, b2), x_train, y_train, x_test, y_test


def retrain_head(params, x_train, y_train, x_test, y_test):
    """Version 2: the hidden layer frozen, the classifier layer refitted on its features."""
    w1, b1, _, _ = params
    hidden = np.maximum(x_train @ w1 + b1, 0)
    head = LogisticRegression(max_iter=2000).fit(hidden, y_train)
    print(f"version 2 (head retrained) accuracy on the held-out set: {head.score(np.maximum(x_test @ w1 + b1, 0), y_test):.4f}",
          file=sys.stderr)
    return w1, b1, head.coef_.T.astype(np.float32), head.intercept_.astype(np.float32)


def graph(name, nodes, initializers, opsets):
    inputs = [helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", 64])]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])]
    model = helper.make_model(
        helper.make_graph(nodes, name, inputs, outputs, initializers),
        opset_imports=[helper.make_opsetid(domain, version) for domain, version in opsets],
        producer_name="apexfleet scripts/make-models.py")
    model.ir_version = 8
    return model


def fp32(params):
    w1, b1, w2, b2 = params
    nodes = [
        helper.make_node("MatMul", ["pixels", "w1"], ["h1"]),
        helper.make_node("Add", ["h1", "b1"], ["h1b"]),
        helper.make_node("Relu", ["h1b"], ["a1"]),
        helper.make_node("MatMul", ["a1", "w2"], ["h2"]),
        helper.make_node("Add", ["h2", "b2"], ["logits"]),
    ]
    inits = [numpy_helper.from_array(v, n) for n, v in [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)]]
    return graph("digits-fp32", nodes, inits, [("", OPSET)])


def fp16(params):
    w1, b1, w2, b2 = params
    nodes = []
    inits = []
    for n, v in [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)]:
        inits.append(numpy_helper.from_array(v.astype(np.float16), f"{n}_fp16"))
        nodes.append(helper.make_node("Cast", [f"{n}_fp16"], [n], to=TensorProto.FLOAT))
    nodes += fp32(params).graph.node
    return graph("digits-fp16", nodes, inits, [("", OPSET)])


def int8(params, x_train):
    w1, b1, w2, b2 = params
    hidden = np.maximum(x_train @ w1 + b1, 0)

    def activation_qparams(values):
        low, high = min(float(values.min()), 0.0), max(float(values.max()), 0.0)
        scale = (high - low) / 255.0
        return np.float32(scale), np.uint8(round(-low / scale))

    def weight_qparams(w):
        scale = (np.abs(w).max(axis=0) / 127.0).astype(np.float32)
        return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale

    inits = []
    nodes = []
    for tensor, values in [("pixels", x_train), ("a1", hidden)]:
        scale, zero = activation_qparams(values)
        inits += [numpy_helper.from_array(np.array(scale, np.float32), f"{tensor}_scale"),
                  numpy_helper.from_array(np.array(zero, np.uint8), f"{tensor}_zero")]
    for n, w in [("w1", w1), ("w2", w2)]:
        q, scale = weight_qparams(w)
        inits += [numpy_helper.from_array(q, f"{n}_q"), numpy_helper.from_array(scale, f"{n}_scale"),
                  numpy_helper.from_array(np.zeros(scale.shape, np.int8), f"{n}_zero")]
        nodes.append(helper.make_node("DequantizeLinear", [f"{n}_q", f"{n}_scale", f"{n}_zero"], [n], axis=1))
    inits += [numpy_helper.from_array(b1, "b1"), numpy_helper.from_array(b2, "b2")]

    def qdq(tensor):
        return [helper.make_node("QuantizeLinear", [tensor, f"{tensor}_scale", f"{tensor}_zero"], [f"{tensor}_q"]),
                helper.make_node("DequantizeLinear", [f"{tensor}_q", f"{tensor}_scale", f"{tensor}_zero"], [f"{tensor}_dq"])]

    nodes += qdq("pixels") + [
        helper.make_node("MatMul", ["pixels_dq", "w1"], ["h1"]),
        helper.make_node("Add", ["h1", "b1"], ["h1b"]),
        helper.make_node("Relu", ["h1b"], ["a1"]),
    ] + qdq("a1") + [
        helper.make_node("MatMul", ["a1_dq", "w2"], ["h2"]),
        helper.make_node("Add", ["h2", "b2"], ["logits"]),
    ]
    return graph("digits-int8", nodes, inits, [("", OPSET)])


def pack_int4(w):
    """MatMulNBits' layout: B[N][K/BLOCK][BLOCK/2] bytes, two 4-bit values a byte (low nibble
    first); one FP32 scale per block, zero point 8 (symmetric): value = (q - 8) * scale."""
    k, n = w.shape
    blocks = k // BLOCK
    columns = w.T.reshape(n, blocks, BLOCK)
    scales = (np.abs(columns).max(axis=2) / 7.0).astype(np.float32)
    scales[scales == 0] = 1.0
    q = (np.clip(np.round(columns / scales[:, :, None]), -8, 7) + 8).astype(np.uint8)
    packed = (q[:, :, 0::2] | (q[:, :, 1::2] << 4)).astype(np.uint8)
    return packed, scales.reshape(-1)


def int4(params):
    w1, b1, w2, b2 = params
    inits = [numpy_helper.from_array(b1, "b1"), numpy_helper.from_array(b2, "b2")]
    nodes = []
    for n, w, out in [("w1", w1, "h1"), ("w2", w2, "h2")]:
        k, cols = w.shape
        assert k % BLOCK == 0, f"{n}: K={k} is not a multiple of the block size {BLOCK}"
        packed, scales = pack_int4(w)
        inits += [numpy_helper.from_array(packed, f"{n}_q4"), numpy_helper.from_array(scales, f"{n}_scales")]
        source = "pixels" if n == "w1" else "a1"
        nodes.append(helper.make_node("MatMulNBits", [source, f"{n}_q4", f"{n}_scales"], [out],
                                      domain="com.microsoft", K=k, N=cols, bits=4, block_size=BLOCK))
        if n == "w1":
            nodes += [helper.make_node("Add", ["h1", "b1"], ["h1b"]), helper.make_node("Relu", ["h1b"], ["a1"])]
    nodes.append(helper.make_node("Add", ["h2", "b2"], ["logits"]))
    return graph("digits-int4", nodes, inits, [("", OPSET), ("com.microsoft", 1)])


def write_variants(params, x_train, folder, version):
    os.makedirs(folder, exist_ok=True)
    models = {"fp32": fp32(params), "fp16": fp16(params), "int8": int8(params, x_train), "int4": int4(params)}
    for name, model in models.items():
        if version > 1:
            model.model_version = version  # version 1 leaves the field out, as it always has
        if name != "int4":
            onnx.checker.check_model(model)  # the checker knows no contrib operators
        path = os.path.join(folder, f"digits-{name}.onnx")
        onnx.save(model, path)
        print(f"{path}: {os.path.getsize(path)} bytes", file=sys.stderr)
    return models


def report_changed_tensors(v1, v2):
    """Which initializers version 2 changed, and their serialised bytes (docs/PERFORMANCE.md's table)."""
    for name in v1:
        before = {t.name: t.SerializeToString() for t in v1[name].graph.initializer}
        after = {t.name: t.SerializeToString() for t in v2[name].graph.initializer}
        changed = [t for t in after if before.get(t) != after[t]]
        size = len(v2[name].SerializeToString())
        changed_bytes = sum(len(after[t]) for t in changed)
        print(f"{name}: version 2 changed {len(changed)} of {len(after)} tensors ({', '.join(changed)}), "
              f"{changed_bytes} of {size} bytes ({changed_bytes / size:.1%})", file=sys.stderr)


def main():
    params, x_train, y_train, x_test, y_test = train()
    v1 = write_variants(params, x_train, OUT, 1)
    v2 = write_variants(retrain_head(params, x_train, y_train, x_test, y_test), x_train, os.path.join(OUT, "v2"), 2)
    report_changed_tensors(v1, v2)
    with open(os.path.join(OUT, "test-set.csv"), "w") as f:
        for label, row in zip(y_test, x_test):
            f.write(f"{label}," + ",".join(f"{v:.4f}" for v in row) + "\n")


if __name__ == "__main__":
    main()
