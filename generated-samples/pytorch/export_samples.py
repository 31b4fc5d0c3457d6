#!/usr/bin/python3
"""Exports the PyTorch sample models to ONNX, with seeded reference inputs and PyTorch's outputs.

Writes into ../models/ (beside the TensorFlow samples):

    torch_charcnn.onnx       character CNN, float one-hot input [N, 1014, 70], opset 13
    torch_mobilenetv2.onnx   torchvision mobilenet_v2 (width 0.5), NCHW [N, 3, 96, 96], opset 13
    torch_transformer.onnx   2-layer transformer encoder over int64 token ids [N, 16], opset 17
    <name>_in_b1.npy, <name>_in_b7.npy    reference inputs (C order)
    <name>_out_b1.npy, <name>_out_b7.npy  PyTorch's outputs for them (eval mode)

Every model has one input and one output; dimension 0 of both is dynamic (dynamic_axes "batch").
Weights and inputs come from fixed seeds; the export is torch.onnx.export with constant folding,
as users call it. Run with Debian's interpreter (its python3-torch, python3-torchvision and
python3-onnx): /usr/bin/python3 export_samples.py
"""

import hashlib
import math
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

MODELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models")
BATCHES = (1, 7)


class CharCnn(nn.Module):
    """The character CNN of Zhang, Zhao and LeCun (2015) in PyTorch's usual form, narrowed.

    Same frame as the TensorFlow charcnn sample (1014 positions of a 70-letter one-hot alphabet,
    six Conv1d layers with kernels 7, 7, 3, 3, 3, 3, max pooling 3/3 after the first, second and
    sixth, two ReLU dense layers with dropout, a 4-way softmax), with 128 filters and 128 hidden
    units so the file stays a few MB. The input is [N, positions, alphabet], as text pipelines
    build it; forward transposes it to Conv1d's [N, channels, positions] and flattens with
    x.view(x.size(0), -1), the idiom that exports a Shape/Gather/Unsqueeze/Concat/Reshape chain.
    """

    LENGTH = 1014
    ALPHABET = 70
    FILTERS = 128
    HIDDEN = 128
    CLASSES = 4

    def __init__(self):
        super().__init__()
        f = self.FILTERS
        self.conv1 = nn.Conv1d(self.ALPHABET, f, 7)
        self.conv2 = nn.Conv1d(f, f, 7)
        self.conv3 = nn.Conv1d(f, f, 3)
        self.conv4 = nn.Conv1d(f, f, 3)
        self.conv5 = nn.Conv1d(f, f, 3)
        self.conv6 = nn.Conv1d(f, f, 3)
        self.pool = nn.MaxPool1d(3)
        # 1014 -> 1008 -> 336 -> 330 -> 110 -> 108 -> 106 -> 104 -> 102 -> 34 positions.
        self.fc1 = nn.Linear(34 * f, self.HIDDEN)
        self.fc2 = nn.Linear(self.HIDDEN, self.HIDDEN)
        self.fc3 = nn.Linear(self.HIDDEN, self.CLASSES)
        self.dropout = nn.Dropout(0.5)

    def forward(self, chars):
        x = chars.transpose(1, 2)
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = F.relu(self.conv3(x))
        x = F.relu(self.conv4(x))
        x = F.relu(self.conv5(x))
        x = self.pool(F.relu(self.conv6(x)))
        x = x.view(x.size(0), -1)
        x = self.dropout(F.relu(self.fc1(x)))
        x = self.dropout(F.relu(self.fc2(x)))
        return F.softmax(self.fc3(x), dim=1)

    def init_weights(self):
        """He-uniform weights (PyTorch's default shrinks activations through eight ReLU layers, and
        the softmax would come out flat); the first layer counts one input per tap, its rows being
        one-hot, as the TensorFlow sample does."""
        for layer in self.modules():
            if isinstance(layer, (nn.Conv1d, nn.Linear)):
                nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
                nn.init.uniform_(layer.bias, -0.05, 0.05)
        bound = math.sqrt(6.0 / self.conv1.kernel_size[0])
        nn.init.uniform_(self.conv1.weight, -bound, bound)
        # The head is a plain linear layer before the softmax: Glorot scale keeps logits moderate.
        nn.init.xavier_uniform_(self.fc3.weight)


def charcnn_inputs(batch, rng):
    """Texts of 64 to 1014 characters, zero padding after them; 15% of the characters fall
    outside the alphabet (the space among them) and are all-zero rows."""
    chars = np.zeros((batch, CharCnn.LENGTH, CharCnn.ALPHABET), dtype=np.float32)
    for b in range(batch):
        length = rng.randint(64, CharCnn.LENGTH + 1)
        for p in range(length):
            if rng.random_sample() >= 0.15:
                chars[b, p, rng.randint(CharCnn.ALPHABET)] = 1.0
    return chars


def mobilenetv2():
    """torchvision's mobilenet_v2 at width 0.5 (random init, no download) with BatchNorm layers
    that do something: seeded affine parameters, and running statistics measured in training mode
    on seeded calibration pictures, as training leaves them (fresh BN layers are the identity, and
    arbitrary statistics let the biases drown the signal within a few blocks)."""
    model = torchvision.models.mobilenet_v2(weights=None, width_mult=0.5)
    for layer in model.modules():
        if isinstance(layer, nn.BatchNorm2d):
            channels = layer.num_features
            layer.weight.data = torch.empty(channels).uniform_(0.5, 1.5)
            layer.bias.data = torch.empty(channels).normal_(0.0, 0.2)
            layer.reset_running_stats()
            layer.momentum = None  # a cumulative average over the calibration batches
    model.train()
    calibration = np.random.RandomState(2019)
    with torch.no_grad():
        for _ in range(4):
            model(torch.from_numpy(image_inputs(16, calibration)))
    return model


def image_inputs(batch, rng):
    """Pictures in [0, 1]: a grating of random frequency, direction and phase, a per-sample colour
    cast and pixel noise, normalized with the ImageNet mean and deviation as torchvision's
    transforms do. The grating and the cast make samples differ after global pooling."""
    rows, cols = np.meshgrid(np.arange(96), np.arange(96), indexing="ij")
    pictures = np.empty((batch, 3, 96, 96), dtype=np.float32)
    for b in range(batch):
        fy, fx = rng.uniform(-0.08, 0.08, size=2)
        grating = np.sin(2 * np.pi * (fy * rows + fx * cols) + rng.uniform(0, 2 * np.pi))
        for c in range(3):
            picture = 0.5 + rng.uniform(0.1, 0.35) * grating + rng.uniform(-0.2, 0.2)
            picture += rng.normal(0.0, 0.05, size=(96, 96))
            pictures[b, c] = np.clip(picture, 0.0, 1.0)
    mean = np.array([0.485, 0.456, 0.406], dtype=np.float32).reshape(1, 3, 1, 1)
    std = np.array([0.229, 0.224, 0.225], dtype=np.float32).reshape(1, 3, 1, 1)
    return ((pictures - mean) / std).astype(np.float32)


class TextTransformer(nn.Module):
    """A small text classifier: token embedding plus a learned positional embedding, two
    post-norm nn.TransformerEncoderLayer layers (d_model 64, 4 heads, feed-forward 128, GELU),
    a final LayerNorm, a mean over the non-padding positions and a linear head to 5 classes.
    Token 0 is padding: it is masked out of attention (src_key_padding_mask) and of the mean,
    the attention-mask arithmetic on int64 and bool tensors that text models export."""

    VOCAB = 1000
    LENGTH = 16
    D_MODEL = 64
    CLASSES = 5

    def __init__(self):
        super().__init__()
        self.tokens = nn.Embedding(self.VOCAB, self.D_MODEL, padding_idx=0)
        self.positions = nn.Parameter(torch.randn(1, self.LENGTH, self.D_MODEL) * 0.1)
        layer = nn.TransformerEncoderLayer(self.D_MODEL, nhead=4, dim_feedforward=128, dropout=0.1,
                                           activation="gelu", batch_first=True)
        # Without this, eager inference packs the non-padding positions into a nested tensor, while
        # the exported graph computes every position and masks; the reference then comes from the
        # same computation as the export.
        self.encoder = nn.TransformerEncoder(layer, num_layers=2, norm=nn.LayerNorm(self.D_MODEL),
                                             enable_nested_tensor=False)
        self.head = nn.Linear(self.D_MODEL, self.CLASSES)

    def forward(self, token_ids):
        padding = token_ids == 0
        x = self.tokens(token_ids) + self.positions
        x = self.encoder(x, src_key_padding_mask=padding)
        keep = (~padding).unsqueeze(-1).to(x.dtype)
        pooled = (x * keep).sum(dim=1) / keep.sum(dim=1).clamp(min=1.0)
        return self.head(pooled)


def token_inputs(batch, rng):
    """Sequences of 4 to 16 token ids in [1, 1000), zero padding after them."""
    ids = np.zeros((batch, TextTransformer.LENGTH), dtype=np.int64)
    for b in range(batch):
        length = rng.randint(4, TextTransformer.LENGTH + 1)
        ids[b, :length] = rng.randint(1, TextTransformer.VOCAB, size=length)
    return ids


def export(name, model, input_name, output_name, make_inputs, opset, input_seed):
    path = os.path.join(MODELS, name + ".onnx")
    model.eval()
    rng = np.random.RandomState(input_seed)
    inputs = {batch: make_inputs(batch, rng) for batch in BATCHES}
    sample = torch.from_numpy(inputs[1])
    torch.onnx.export(model, (sample,), path, opset_version=opset, do_constant_folding=True,
                      input_names=[input_name], output_names=[output_name],
                      dynamic_axes={input_name: {0: "batch"}, output_name: {0: "batch"}})
    onnx.checker.check_model(onnx.load(path), full_check=True)
    with torch.no_grad():
        for batch in BATCHES:
            output = model(torch.from_numpy(inputs[batch])).numpy()
            np.save(os.path.join(MODELS, "%s_in_b%d.npy" % (name, batch)), inputs[batch])
            np.save(os.path.join(MODELS, "%s_out_b%d.npy" % (name, batch)), output)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    parameters = sum(p.numel() for p in model.parameters())
    print("%s: %d parameters, %d bytes, sha256 %s" % (path, parameters, os.path.getsize(path), digest))


def main():
    torch.set_num_threads(1)
    torch.manual_seed(2015)
    charcnn = CharCnn()
    charcnn.init_weights()
    export("torch_charcnn", charcnn, "chars", "probabilities", charcnn_inputs, 13, 1014)

    torch.manual_seed(2018)
    export("torch_mobilenetv2", mobilenetv2(), "image", "logits", image_inputs, 13, 96)

    torch.manual_seed(2017)
    export("torch_transformer", TextTransformer(), "token_ids", "logits", token_inputs, 17, 16)


if __name__ == "__main__":
    main()
