#!/usr/bin/python3
"""Prints the facts PROVENANCE.md states about ONNX files: sha256, IR version and opsets, producer,
inputs and outputs (dtype and shape, symbolic dimensions by name; graph inputs that are
initializers are weights and counted apart), and every op with its count, subgraphs (If, Loop)
included. Needs Debian's python3-onnx: /usr/bin/python3 describe.py *.onnx
"""

import collections
import hashlib
import sys

import onnx
from onnx import TensorProto


def dims(value):
    shape = value.type.tensor_type.shape
    return [d.dim_param if d.HasField("dim_param") else d.dim_value if d.HasField("dim_value") else "?"
            for d in shape.dim]


def signature(value):
    return "%s %s%s" % (value.name, TensorProto.DataType.Name(value.type.tensor_type.elem_type).lower(),
                        dims(value))


def count_ops(graph, counts):
    for node in graph.node:
        counts[(node.domain + "::" if node.domain else "") + node.op_type] += 1
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                count_ops(attribute.g, counts)
            for subgraph in attribute.graphs:
                count_ops(subgraph, counts)
    return counts


def main(paths):
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        model = onnx.load_from_string(data)
        weights = {i.name for i in model.graph.initializer}
        inputs = [signature(i) for i in model.graph.input if i.name not in weights]
        weight_inputs = sum(1 for i in model.graph.input if i.name in weights)
        ops = count_ops(model.graph, collections.Counter())
        opsets = ", ".join("%s %d" % (o.domain or "ai.onnx", o.version) for o in model.opset_import)
        print(path)
        print("  sha256    %s" % hashlib.sha256(data).hexdigest())
        print("  IR %d; opsets %s; producer %s %s" % (model.ir_version, opsets, model.producer_name,
                                                       model.producer_version))
        print("  inputs    %s%s" % ("; ".join(inputs),
                                    " (+%d initializers listed as inputs)" % weight_inputs if weight_inputs else ""))
        print("  outputs   %s" % "; ".join(signature(o) for o in model.graph.output))
        print("  ops       %d: %s" % (sum(ops.values()), ", ".join(
            "%s %d" % op for op in sorted(ops.items(), key=lambda op: (-op[1], op[0])))))


if __name__ == "__main__":
    main(sys.argv[1:])
