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

and test-set.csv (label, then 64 pixel values scaled to 0..1, one image per line). Every figure
that depends on randomness is seeded, so a re-run writes the same files.

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
    return (w1, b1, w2, b2), x_train, x_test, y_test


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


def main():
    os.makedirs(OUT, exist_ok=True)
    params, x_train, x_test, y_test = train()
    for name, model in [("fp32", fp32(params)), ("fp16", fp16(params)), ("int8", int8(params, x_train)), ("int4", int4(params))]:
        if name != "int4":
            onnx.checker.check_model(model)  # the checker knows no contrib operators
        path = os.path.join(OUT, f"digits-{name}.onnx")
        onnx.save(model, path)
        print(f"{path}: {os.path.getsize(path)} bytes", file=sys.stderr)
    with open(os.path.join(OUT, "test-set.csv"), "w") as f:
        for label, row in zip(y_test, x_test):
            f.write(f"{label}," + ",".join(f"{v:.4f}" for v in row) + "\n")


if __name__ == "__main__":
    main()
