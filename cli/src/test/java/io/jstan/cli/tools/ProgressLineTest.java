package io.jstan.cli.tools;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {

    @Test
    void terminalGetsABarRedrawnInPlace() {
        assertEquals("\r[###############               ]  50% published 500/1,000 received 1,000/2,000",
                new ProgressLine(1000, 2000, true).render(500, 1000));
        assertEquals("\r[##############################] 100% published 1,000/1,000",
                new ProgressLine(1000, 0, true).render(1000, 0));
    }

    @Test
    void elsewhereAPlainLine() {
        assertEquals(" 25% published 25,000/100,000", new ProgressLine(100_000, 0, false).render(25_000, 0));
        assertEquals("  0% published 0/10 received 0/30", new ProgressLine(10, 30, false).render(0, 0));
    }
}
