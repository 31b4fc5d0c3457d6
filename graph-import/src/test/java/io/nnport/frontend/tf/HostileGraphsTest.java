package io.nnport.frontend.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.frontend.ImportOptions;
import io.nnport.frontend.tf.proto.AttrValue;
import io.nnport.frontend.tf.proto.DataType;
import io.nnport.frontend.tf.proto.TensorProto;
import io.nnport.frontend.tf.proto.TensorShapeProto;
import io.nnport.frontend.tf.testing.GraphDefBuilder;
import io.nnport.ir.DType;
import io.nnport.ir.ModelException;
import io.nnport.ir.Shape;
import io.nnport.ir.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Graphs shaped by a hostile user that once crashed the importer: each ends in one {@link ModelException}
 * line naming the node.
 */
class HostileGraphsTest {

    private static ModelException refused(GraphDefBuilder g) {
        ModelException e = assertThrows(ModelException.class,
                () -> TensorFlowFrontEnd.importGraph(GraphDefReader.read(g.bytes(), "h.pb"), ImportOptions.defaults()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    private static String input(GraphDefBuilder g) {
        return g.input("x", Tensor.ofFloats(Shape.of(1, 3), new float[] {1, 2, 3}), Shape.of(-1, 3));
    }

    @Test
    void switchWithOneInputExpectsTwo() {
        GraphDefBuilder g = new GraphDefBuilder();
        String x = input(g);
        g.node("s", "Switch").input(x).attr("T", DType.FLOAT32).done();
        g.node("y", "Relu").input("s:1").attr("T", DType.FLOAT32).done();
        assertEquals("h.pb: node 's' (Switch): expects at least 2 inputs, has 1", refused(g).getMessage());
    }

    @Test
    void reshapeWithOneInputExpectsTwo() {
        GraphDefBuilder g = new GraphDefBuilder();
        String x = input(g);
        g.node("r", "Reshape").input(x).attr("T", DType.FLOAT32).done();
        g.node("y", "Relu").input("r").attr("T", DType.FLOAT32).done();
        assertEquals("h.pb: node 'r' (Reshape): expects at least 2 inputs, has 1", refused(g).getMessage());
    }

    private static AttrValue doubles(double... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_DOUBLE)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(values.length)));
        for (double v : values) {
            t.addDoubleVal(v);
        }
        return AttrValue.newBuilder().setTensor(t).build();
    }

    @Test
    void constOfADtypeNnportDoesNotReadIsRefusedByName() {
        for (DataType type : new DataType[] {DataType.DT_DOUBLE, DataType.DT_UINT8, DataType.DT_INT8, DataType.DT_INT16}) {
            GraphDefBuilder g = new GraphDefBuilder();
            String x = input(g);
            TensorProto.Builder t = TensorProto.newBuilder().setDtype(type)
                    .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(3)));
            g.node("c", "Const").attr("dtype", AttrValue.newBuilder().setType(type).build())
                    .attr("value", AttrValue.newBuilder().setTensor(t).build()).done();
            g.node("y", "Add").input(x, "c").attr("T", DType.FLOAT32).done();
            assertEquals("h.pb: node 'c' (Const): attribute 'value': tensor of type " + type.name() + ", which nnport does not support",
                    refused(g).getMessage(), type.name());
        }
    }

    @Test
    void doubleConstantCastToFloatIsRefusedClearly() {
        GraphDefBuilder g = new GraphDefBuilder();
        String x = input(g);
        g.node("c", "Const").attr("dtype", AttrValue.newBuilder().setType(DataType.DT_DOUBLE).build())
                .attr("value", doubles(1, 2, 3)).done();
        g.node("cast", "Cast").input("c").attr("SrcT", AttrValue.newBuilder().setType(DataType.DT_DOUBLE).build())
                .attr("DstT", DType.FLOAT32).done();
        g.node("y", "Add").input(x, "cast").attr("T", DType.FLOAT32).done();
        assertEquals("h.pb: node 'c' (Const): attribute 'value': tensor of type DT_DOUBLE, which nnport does not support",
                refused(g).getMessage());
    }

    @Test
    void constWhoseDtypeAttributeDisagreesWithItsTensorIsRefused() {
        GraphDefBuilder g = new GraphDefBuilder();
        String x = input(g);
        g.node("c", "Const").attr("dtype", DType.INT32)
                .attr("value", Tensor.ofFloats(Shape.of(3), new float[] {1, 2, 3})).done();
        g.node("y", "Add").input(x, "c").attr("T", DType.FLOAT32).done();
        assertEquals("h.pb: node 'c' (Const): value is float32 but dtype says int32",
                refused(g).getMessage());
    }

    @Test
    void attributesOfTheWrongKindAreDescribedInWordsNotRecords() {
        GraphDefBuilder g = new GraphDefBuilder();
        TensorShapeProto huge = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(-1))
                .addDim(TensorShapeProto.Dim.newBuilder().setSize(1L << 40)).build();
        g.node("x", "Placeholder").attr("dtype", DType.FLOAT32).attr("shape", AttrValue.newBuilder().setShape(huge).build()).done();
        g.node("y", "Relu").input("x").attr("T", DType.FLOAT32).done();
        assertEquals("h.pb: node 'x' (Placeholder): attribute 'shape' is unusable (shape out of range: [-1,1099511627776]), "
                + "expected a shape", refused(g).getMessage());

        GraphDefBuilder p = new GraphDefBuilder();
        String x = input(p);
        p.node("y", "Cast").input(x).attr("SrcT", DType.FLOAT32).attr("DstT", AttrValue.newBuilder().setI(3).build()).done();
        assertEquals("h.pb: node 'y' (Cast): attribute 'DstT' is the int 3, expected a type", refused(p).getMessage());
    }

    @Test
    void nodeNamesWithLineBreaksStayOnOneLine() {
        GraphDefBuilder g = new GraphDefBuilder();
        String x = input(g);
        g.node("evil\nname\r\u0085\u2028x", "Erf").input(x).attr("T", DType.FLOAT32).done();
        assertEquals("h.pb: unsupported ops: Erf (1 node: evil\\nname\\r\\u0085\\u2028x)", refused(g).getMessage());
    }
}
