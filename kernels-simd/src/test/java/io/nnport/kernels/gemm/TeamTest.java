package io.nnport.kernels.gemm;

import io.nnport.kernels.Activation;
import io.nnport.kernels.Epilogue;
import io.nnport.kernels.testing.Tolerance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Threads split over M or N, never K: the output is the same bits for every thread count. */
class TeamTest {

    private static Team two;
    private static Team three;

    @BeforeAll
    static void start() {
        two = Team.create(2);
        three = Team.create(3);
    }

    @AfterAll
    static void stop() {
        two.close();
        three.close();
    }

    private static void assertSameBitsForEveryTeam(GemmCase g, Epilogue e) {
        for (GemmVariant variant : GemmVariant.available()) {
            float[] serial = g.run(variant, e, Team.SERIAL);
            for (Team team : new Team[] {two, three}) {
                Tolerance.EXACT.assertMatches(serial, g.run(variant, e, team),
                        g + " " + variant + " on " + team.threads() + " threads");
            }
        }
    }

    @Test
    void splitOverRows() {
        assertSameBitsForEveryTeam(new GemmCase(Gemm.MC + 61, Gemm.KC + 77, 70, 3),
                Epilogue.bias(GemmVariantsTest.ramp(70)).then(Activation.RELU, 0f));
    }

    @Test
    void splitOverColumnsWhenRowsAreFew() {
        assertSameBitsForEveryTeam(new GemmCase(7, 2 * Gemm.KC + 5, 301, 4), Epilogue.NONE.then(Activation.TANH, 0f));
    }

    @Test
    void gemvSplitOverColumns() {
        assertSameBitsForEveryTeam(new GemmCase(1, 1500, 531, 5), Epilogue.bias(GemmVariantsTest.ramp(531)));
    }

    @Test
    void aBusyTeamLetsTheCallerComputeAlone() throws InterruptedException {
        GemmCase g = new GemmCase(150, 400, 90, 6);
        float[] expected = g.run(GemmVariant.DEFAULT, Epilogue.NONE, Team.SERIAL);
        Thread[] callers = new Thread[4];
        Throwable[] failures = new Throwable[callers.length];
        for (int t = 0; t < callers.length; t++) {
            int index = t;
            callers[t] = new Thread(() -> {
                try {
                    for (int round = 0; round < 20; round++) {
                        Tolerance.EXACT.assertMatches(expected, g.run(GemmVariant.DEFAULT, Epilogue.NONE, two),
                                "concurrent caller " + index);
                    }
                } catch (Throwable thrown) {
                    failures[index] = thrown;
                }
            });
            callers[t].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                throw new AssertionError(failure);
            }
        }
    }
}
