package io.nnport.converter.plan;

import static io.nnport.converter.plan.PlanStep.Access.ALIAS;
import static io.nnport.converter.plan.PlanStep.Access.FRESH;
import static io.nnport.converter.plan.PlanStep.Access.IN_PLACE_ANY;
import static io.nnport.converter.plan.PlanStep.Access.IN_PLACE_FIRST;
import static io.nnport.converter.plan.PlanValue.Arena.FLOAT;
import static io.nnport.converter.plan.PlanValue.Arena.INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The buffer plan on its own. Besides the rules checked case by case, every plan is run through
 * {@link #simulate}: an executor that writes each value's name into the arena cells the plan gives
 * it and checks that every read still finds the value it expects. It knows nothing of lifetimes or
 * groups, so it is an independent check that no two live values share storage.
 */
class BufferPlanTest {

    private final List<PlanValue> values = new ArrayList<>();
    private final List<PlanStep> steps = new ArrayList<>();

    private void input(String name, long size) {
        values.add(PlanValue.input(name, size, FLOAT));
    }

    private void step(String name, PlanStep.Access access, long size, String... inputs) {
        values.add(PlanValue.intermediate(name, size, FLOAT));
        steps.add(PlanStep.of(name, access, List.of(inputs), name));
    }

    private BufferPlan plan(String... outputs) {
        BufferPlan plan = BufferPlan.build(values, steps, List.of(outputs));
        simulate(plan, List.of(outputs));
        return plan;
    }

    @Test
    void reluWhoseInputFeedsAnotherLayerIsNotInPlace() {
        input("x", 10);
        step("conv", FRESH, 8, "x");
        step("relu", IN_PLACE_FIRST, 8, "conv");
        step("other", FRESH, 8, "conv");
        step("add", IN_PLACE_ANY, 8, "relu", "other");
        BufferPlan plan = plan("add");
        assertFalse(plan.inPlace("relu"), "conv is read again by 'other' after relu");
        assertFalse(plan.mutable("conv"));
        assertTrue(plan.inPlace("add"));
        assertEquals("relu", plan.inPlaceInput("add"));
        assertTrue(plan.mutable("relu"));
    }

    @Test
    void layerReadingTheCallersArrayIsNotInPlace() {
        input("x", 8);
        step("relu", IN_PLACE_FIRST, 8, "x");
        step("reshape", ALIAS, 8, "relu");
        BufferPlan plan = plan("reshape");
        assertFalse(plan.inPlace("relu"));
        assertTrue(plan.callerOwned("x"));
        assertEquals(-1, plan.offset("x"));
        assertEquals(0, plan.offset("relu"));

        values.clear();
        steps.clear();
        input("x", 8);
        step("flat", ALIAS, 8, "x");
        step("relu", IN_PLACE_FIRST, 8, "flat");
        plan = plan("relu");
        assertFalse(plan.inPlace("relu"), "a reshape of the caller's array is still the caller's");
    }

    @Test
    void convBatchNormReluSoftmaxChainIsInPlaceAfterTheConv() {
        input("x", 12);
        step("conv", FRESH, 6, "x");
        step("bn", IN_PLACE_FIRST, 6, "conv");
        step("relu", IN_PLACE_FIRST, 6, "bn");
        step("softmax", IN_PLACE_FIRST, 6, "relu");
        BufferPlan plan = plan("softmax");
        assertFalse(plan.inPlace("conv"));
        assertTrue(plan.inPlace("bn"));
        assertTrue(plan.inPlace("relu"));
        assertTrue(plan.inPlace("softmax"));
        assertTrue(plan.mutable("conv"));
        assertTrue(plan.mutable("bn"));
        assertTrue(plan.mutable("relu"));
        assertFalse(plan.mutable("softmax"));
        assertEquals(6, plan.peak(FLOAT), "the whole chain lives in one buffer");
        assertEquals(24, plan.unshared(FLOAT));
    }

    @Test
    void residualAddOverwritesOneBranchAndKeepsTheSkipAliveUntilThen() {
        input("x", 4);
        step("a", FRESH, 4, "x");
        step("b1", FRESH, 4, "a");
        step("b2", FRESH, 4, "b1");
        step("sum", IN_PLACE_ANY, 4, "a", "b2");
        BufferPlan plan = plan("sum");
        assertTrue(plan.inPlace("sum"));
        assertEquals("a", plan.inPlaceInput("sum"));
        assertTrue(plan.mutable("a"));
        assertFalse(plan.mutable("b2"));
        BufferPlan.Group skip = plan.group("a");
        assertEquals(0, skip.firstStep());
        assertEquals(4, skip.lastStep(), "live across the branch, then as the model output (copied out after step 3)");
        assertEquals(12, plan.peak(FLOAT), "a, b1 and b2 are live together at step b2");
    }

    @Test
    void concatNeverRunsInPlaceAndItsInputsDieAfterIt() {
        input("x", 3);
        step("left", FRESH, 3, "x");
        step("right", FRESH, 3, "x");
        step("cat", FRESH, 6, "left", "right");
        step("dense", FRESH, 3, "cat");
        BufferPlan plan = plan("dense");
        assertFalse(plan.inPlace("cat"));
        assertEquals(2, plan.group("left").lastStep(), "read last by cat");
        assertTrue(plan.peak(FLOAT) <= 12);
    }

    @Test
    void modelOutputIsNeverOverwrittenEvenByItsLastReader() {
        input("x", 5);
        step("logits", FRESH, 5, "x");
        step("probs", IN_PLACE_FIRST, 5, "logits");
        BufferPlan plan = plan("logits", "probs");
        assertFalse(plan.inPlace("probs"), "logits is copied out at the end");
        assertEquals(2, plan.group("logits").lastStep());
    }

    @Test
    void sizeOrArenaChangeBlocksInPlace() {
        input("x", 4);
        step("a", FRESH, 4, "x");
        step("pool", IN_PLACE_FIRST, 2, "a");
        values.add(PlanValue.intermediate("ids", 4, INT));
        steps.add(PlanStep.of("argmax", IN_PLACE_FIRST, List.of("pool"), "ids"));
        values.remove(values.size() - 1);
        values.add(PlanValue.intermediate("ids", 2, INT));
        BufferPlan plan = plan("ids");
        assertFalse(plan.inPlace("pool"), "different size");
        assertFalse(plan.inPlace("argmax"), "different arena");
        assertEquals(2, plan.peak(INT));
        assertNull(plan.inPlaceInput("argmax"));
    }

    @Test
    void fixedSizeValueIsNeverOverwrittenByABatchedOneOfEqualSampleSize() {
        input("x", 4);
        values.add(PlanValue.intermediate("row", 4, FLOAT).unbatched());
        steps.add(PlanStep.of("row", FRESH, List.of("x"), "row"));
        step("sum", IN_PLACE_ANY, 4, "row", "x");
        BufferPlan plan = plan("sum");
        assertFalse(plan.inPlace("sum"), "row holds 4 floats, sum holds 4 per sample");
    }

    @Test
    void deadOutputsOfMultiOutputStepsStillGetStorage() {
        input("x", 6);
        values.add(PlanValue.intermediate("s0", 3, FLOAT));
        values.add(PlanValue.intermediate("s1", 3, FLOAT));
        steps.add(new PlanStep("split", List.of("x"), List.of("s0", "s1"), FRESH));
        step("relu", IN_PLACE_FIRST, 3, "s1");
        BufferPlan plan = plan("relu");
        assertTrue(plan.inPlace("relu"));
        assertEquals(1, plan.group("s0").lastStep() - plan.group("s0").firstStep() + 1);
    }

    @Test
    void malformedStepListsAreRejected() {
        input("x", 1);
        step("a", FRESH, 1, "y");
        assertThrows(IllegalArgumentException.class, () -> BufferPlan.build(values, steps, List.of("a")));
        steps.clear();
        values.add(PlanValue.intermediate("later", 1, FLOAT));
        steps.add(PlanStep.of("early", FRESH, List.of("later"), "a"));
        steps.add(PlanStep.of("late", FRESH, List.of("x"), "later"));
        assertThrows(IllegalArgumentException.class, () -> BufferPlan.build(values, steps, List.of("a")));
    }

    /** Random DAGs: every plan survives the simulator, and reuse never costs more than no reuse. */
    @RepeatedTest(200)
    void randomGraphsNeverShareLiveStorage(RepetitionInfo info) {
        Random random = new Random(7919L * info.getCurrentRepetition());
        int inputs = 1 + random.nextInt(2);
        List<String> names = new ArrayList<>();
        Map<String, Long> size = new HashMap<>();
        for (int i = 0; i < inputs; i++) {
            String n = "in" + i;
            long s = 1 + random.nextInt(6);
            input(n, s);
            names.add(n);
            size.put(n, s);
        }
        int count = 3 + random.nextInt(25);
        PlanStep.Access[] kinds = PlanStep.Access.values();
        for (int i = 0; i < count; i++) {
            String n = "v" + i;
            PlanStep.Access access = kinds[random.nextInt(kinds.length)];
            String first = names.get(names.size() - 1 - random.nextInt(Math.min(3, names.size())));
            List<String> ins = new ArrayList<>(List.of(first));
            if (access == IN_PLACE_ANY || (access == FRESH && random.nextBoolean())) {
                ins.add(names.get(random.nextInt(names.size())));
            }
            long s = access == FRESH ? 1 + random.nextInt(6) : size.get(first);
            if (access == IN_PLACE_ANY) {
                s = size.get(ins.get(random.nextInt(ins.size())));
            }
            step(n, access, s, ins.toArray(String[]::new));
            names.add(n);
            size.put(n, s);
        }
        List<String> outs = new ArrayList<>(List.of(names.get(names.size() - 1)));
        if (random.nextBoolean()) {
            outs.add(names.get(inputs + random.nextInt(count)));
        }
        BufferPlan plan = plan(outs.stream().distinct().toArray(String[]::new));
        assertTrue(plan.peak(FLOAT) <= plan.unshared(FLOAT),
                "peak " + plan.peak(FLOAT) + " > unshared " + plan.unshared(FLOAT));
    }

    /**
     * Runs the plan on a symbolic arena: writing a value stamps its name into its cells; reading
     * checks the stamp. Aliases read and write nothing; their content is their source's.
     */
    private static void simulate(BufferPlan plan, List<String> outputs) {
        String[] arena = new String[(int) plan.peak(FLOAT)];
        Map<String, String> content = new HashMap<>();
        for (PlanStep step : plan.steps()) {
            for (String in : step.inputs()) {
                check(plan, arena, in, content.getOrDefault(in, in), "read by " + step.name());
            }
            if (step.access() == ALIAS) {
                String in = step.inputs().get(0);
                content.put(step.outputs().get(0), content.getOrDefault(in, in));
                continue;
            }
            for (String out : step.outputs()) {
                if (plan.value(out).arena() != FLOAT) {
                    continue;
                }
                long off = plan.offset(out);
                if (off < 0) {
                    fail(step.name() + " writes caller-owned storage");
                }
                Arrays.fill(arena, (int) off, (int) (off + plan.value(out).floatsPerSample()), out);
            }
        }
        for (String out : outputs) {
            check(plan, arena, out, content.getOrDefault(out, out), "copied out at the end");
        }
    }

    private static void check(BufferPlan plan, String[] arena, String value, String expected, String when) {
        if (plan.callerOwned(value) || plan.value(value).arena() != FLOAT) {
            return;
        }
        long off = plan.offset(value);
        for (long i = off; i < off + plan.value(value).floatsPerSample(); i++) {
            if (!expected.equals(arena[(int) i])) {
                fail(value + " " + when + ": cell " + i + " holds " + arena[(int) i] + ", expected " + expected);
            }
        }
    }
}
