package io.nnport.samples.generator;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Scope;

/**
 * A {@link Scope} that gives the one operation built with it exactly the given full name, with
 * optional control inputs and a colocation constraint.
 *
 * <p>Why not {@code Ops.withSubScope/withName}: TensorFlow Java's name scopes make every name
 * unique among its siblings, so an op {@code .../ExpandDims} and the scope {@code .../ExpandDims/}
 * holding its {@code dim} constant cannot both exist, and a fresh {@code Ops} renames a reused
 * first segment ({@code sequential} becomes {@code sequential_1}). Keras graphs are full of such
 * pairs ({@code Conv1D} and {@code Conv1D/Squeeze}, {@code ReadVariableOp} and
 * {@code ReadVariableOp/resource}). TensorFlow Java's typed op factories ({@code Conv2d.create},
 * {@code ExpandDims.create}, ...) take any Scope, so they are used with this one instead.
 */
final class ExactName implements Scope {
    private final ExecutionEnvironment env;
    private final String name;
    private final List<Operation> controlInputs;
    private final String colocatedWith;

    private ExactName(ExecutionEnvironment env, String name, List<Operation> controlInputs, String colocatedWith) {
        this.env = env;
        this.name = name;
        this.controlInputs = List.copyOf(controlInputs);
        this.colocatedWith = colocatedWith;
    }

    static ExactName of(ExecutionEnvironment env, String name) {
        return new ExactName(env, name, List.of(), null);
    }

    /**
     * Colocated with {@code op}, as TensorFlow's v1 cond places each input {@code Switch} (it shows in
     * frozen graphs as the attribute {@code _class: ["loc:@<op>"]}).
     */
    ExactName colocatedWith(Operation op) {
        return new ExactName(env, name, controlInputs, op.name());
    }

    @Override
    public ExecutionEnvironment env() {
        return env;
    }

    @Override
    public String makeOpName(String defaultName) {
        return name;
    }

    @Override
    public Scope withControlDependencyOps(Iterable<Operation> controls) {
        List<Operation> all = new ArrayList<>(controlInputs);
        controls.forEach(all::add);
        return new ExactName(env, name, all, colocatedWith);
    }

    @Override
    public OperationBuilder apply(OperationBuilder builder) {
        controlInputs.forEach(builder::addControlInput);
        if (colocatedWith != null) {
            builder.setAttr("_class", new String[] {"loc:@" + colocatedWith});
        }
        return builder;
    }

    @Override
    public String getDeviceString() {
        return "";
    }

    @Override
    public boolean isInit() {
        return false;
    }

    // A name is exact by construction: nothing derives further names from it.

    @Override
    public Scope withSubScope(String childScopeName) {
        throw unsupported();
    }

    @Override
    public Scope withName(String opName) {
        throw unsupported();
    }

    @Override
    public Scope withNameAsSubScope(String defaultName) {
        throw unsupported();
    }

    @Override
    public Scope withDevice(org.tensorflow.DeviceSpec newDevice) {
        throw unsupported();
    }

    @Override
    public Scope withInitScope() {
        throw unsupported();
    }

    @Override
    public String makeUnique(String id) {
        throw unsupported();
    }

    @Override
    public void refreshNames() {
        throw unsupported();
    }

    private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("ExactName '" + name + "' names one primitive op; composite ops need a NameScope");
    }
}
