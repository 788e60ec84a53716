package io.github.wristbandjakarta.internal.login;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query and Cookie parsers stop at their caps (64 parameters, 200 cookies) without first splitting the whole
 * input: a 1 MiB header or query costs what its first pairs cost. Measured in bytes this thread allocates, a count
 * the JVM keeps per thread (com.sun.management.ThreadMXBean), not in time.
 */
class RequestParsingTest {

    private static final int ONE_MIB = 1 << 20;
    /** Far below the 1 MiB a split of the whole input allocates, far above what the first pairs need. */
    private static final long BUDGET = 128 * 1024;

    private static long allocatedBy(Runnable parse) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        parse.run(); // loads and initialises what the parser uses, outside the count
        long before = threads.getThreadAllocatedBytes(id);
        parse.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void aHugeCookieHeaderCostsNoMoreThanItsFirstCookies() {
        String header = "a=b; ".repeat(ONE_MIB / 5);
        LoginStateCookies cookies = new LoginStateCookies(false, false);

        long allocated = allocatedBy(() -> assertEquals(List.of(), cookies.find(List.of(header))));

        assertTrue(allocated < BUDGET, allocated + " bytes allocated for a 1 MiB Cookie header");
    }

    @Test
    void aHugeQueryCostsNoMoreThanItsFirstParameters() {
        String query = "a=b&".repeat(ONE_MIB / 4);

        long allocated = allocatedBy(() -> assertThrows(InvalidRequestException.class,
                () -> QueryParameters.parse(query)));

        assertTrue(allocated < BUDGET, allocated + " bytes allocated for a 1 MiB query");
    }
}
