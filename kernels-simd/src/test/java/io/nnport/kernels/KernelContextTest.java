package io.nnport.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nnport.kernels.gemm.Team;
import org.junit.jupiter.api.Test;

/** The context tests and benchmarks make: it hands back what it was given and refuses what no kernel could use. */
class KernelContextTest {

    @Test
    void aFixedContextHandsBackItsScratchOffsetAndTeam() {
        float[] scratch = new float[8];
        try (Team team = Team.create(2)) {
            KernelContext ctx = KernelContext.of(scratch, 3, team);
            assertSame(scratch, ctx.scratch());
            assertEquals(3, ctx.scratchOffset());
            assertSame(team, ctx.team());
        }
        KernelContext serial = KernelContext.serial(scratch);
        assertEquals(0, serial.scratchOffset());
        assertSame(Team.SERIAL, serial.team());
        assertEquals(0, KernelContext.NO_SCRATCH.scratch().length);
    }

    @Test
    void anOffsetOutsideTheArrayOrAMissingArrayOrTeamIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KernelContext.of(new float[4], 5, Team.SERIAL));
        assertThrows(IllegalArgumentException.class, () -> KernelContext.of(new float[4], -1, Team.SERIAL));
        assertThrows(NullPointerException.class, () -> KernelContext.serial(null));
        assertThrows(NullPointerException.class, () -> KernelContext.of(new float[4], 0, null));
    }
}
