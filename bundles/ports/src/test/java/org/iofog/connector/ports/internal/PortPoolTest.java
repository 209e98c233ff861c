package org.iofog.connector.ports.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.ports.PortUsage;
import org.junit.Test;

public class PortPoolTest {

    private static List<PortRange> ranges(String... texts) {
        List<PortRange> result = new ArrayList<>();
        for (String text : texts) {
            result.add(PortRange.parse(text));
        }
        return result;
    }

    /** Allocates pairs until the pool says no, and returns every port it got. */
    private static Set<Integer> drain(PortPool pool, PortProbe probe) {
        Set<Integer> taken = new TreeSet<>();
        while (true) {
            try {
                PortPair pair = pool.allocatePair(probe);
                assertTrue("handed out twice: " + pair.port1(), taken.add(pair.port1()));
                assertTrue("handed out twice: " + pair.port2(), taken.add(pair.port2()));
            } catch (NoAvailablePortsException e) {
                return taken;
            }
        }
    }

    @Test
    public void rangesMinusExcludesGiveExactlyTheAllowedPorts() {
        PortPool pool = new PortPool(ranges("6000-6001", " 7000 - 7002 "), ranges("7001"));

        assertEquals(4, pool.freeCount());
        assertEquals(Set.of(6000, 6001, 7000, 7002), drain(pool, PortProbe.ALWAYS_FREE));
        assertEquals(0, pool.freeCount());
        assertEquals(4, pool.usedCount());
    }

    @Test
    public void overlappingRangesCountEachPortOnce() {
        PortPool pool = new PortPool(ranges("6000-6005", "6003-6008", "6004"), ranges("6100-6200"));

        assertEquals(9, pool.freeCount());
        Set<Integer> expected = new TreeSet<>();
        for (int port = 6000; port <= 6007; port++) {
            expected.add(port);
        }
        // Nine ports make four pairs; the ninth is left over.
        Set<Integer> taken = drain(pool, PortProbe.ALWAYS_FREE);
        assertEquals(expected, taken);
        assertEquals(1, pool.freeCount());
    }

    @Test
    public void exhaustionSaysWhatWasAskedAndWhatIsLeftAndKeepsThePartialPort() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6002"), List.of());
        PortPair first = pool.allocatePair(PortProbe.ALWAYS_FREE);
        assertEquals(new PortPair(6000, 6001), first);

        try {
            pool.allocatePair(PortProbe.ALWAYS_FREE);
            fail("only one port was left");
        } catch (NoAvailablePortsException e) {
            assertEquals(2, e.requested());
            assertEquals(1, e.available());
        }
        // 6002 was taken during the failed attempt and must be back.
        assertFalse(pool.isUsed(6002));
        assertEquals(1, pool.freeCount());
        assertEquals(2, pool.usedCount());

        pool.release(6000);
        assertEquals(new PortPair(6002, 6000), pool.allocatePair(PortProbe.ALWAYS_FREE));
        assertEquals(0, pool.freeCount());
    }

    @Test
    public void emptyPoolIsExhausted() {
        PortPool pool = new PortPool();
        try {
            pool.allocatePair(PortProbe.ALWAYS_FREE);
            fail("no ranges configured");
        } catch (NoAvailablePortsException e) {
            assertEquals(0, e.available());
        }
    }

    @Test
    public void busyPortsAreSkippedNotLostAndHandedOutOnceFree() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6003"), List.of());
        Set<Integer> busy = new HashSet<>(Set.of(6000));
        PortProbe probe = port -> !busy.contains(port);

        assertEquals(new PortPair(6001, 6002), pool.allocatePair(probe));
        assertFalse(pool.isUsed(6000));
        assertEquals("the busy port is still free in the books", 2, pool.freeCount());

        busy.clear();
        // 6000 went to the tail behind 6003.
        assertEquals(new PortPair(6003, 6000), pool.allocatePair(probe));
        assertEquals(0, pool.freeCount());
    }

    @Test
    public void tooManyBusyPortsFailWithoutTakingAnything() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6002"), List.of());
        List<Integer> probed = new ArrayList<>();
        PortProbe probe = port -> {
            probed.add(port);
            return port == 6001;
        };

        try {
            pool.allocatePair(probe);
            fail("only one port can be bound");
        } catch (NoAvailablePortsException e) {
            assertEquals(2, e.requested());
            assertEquals(3, e.available());
        }
        assertEquals("each port tried once", List.of(6000, 6001, 6002), probed);
        assertEquals(3, pool.freeCount());
        assertEquals(0, pool.usedCount());

        // Once the others are free again, all three are still there to be handed out.
        assertEquals(Set.of(6000, 6001), drain(pool, PortProbe.ALWAYS_FREE));
        assertEquals(1, pool.freeCount());
    }

    @Test
    public void aProbeThatThrowsLeavesThePoolIntact() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6003"), List.of());
        PortProbe failing = port -> {
            if (port == 6001) {
                throw new IllegalStateException("out of sockets");
            }
            return true;
        };
        try {
            pool.allocatePair(failing);
            fail("the probe threw");
        } catch (IllegalStateException expected) {
            // the pool must not have lost 6000 (taken) nor 6001 (being probed)
        }
        assertEquals(4, pool.freeCount());
        assertEquals(0, pool.usedCount());
        assertEquals(Set.of(6000, 6001, 6002, 6003), drain(pool, PortProbe.ALWAYS_FREE));
    }

    @Test
    public void releasedPortsAreReusedLast() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6005"), List.of());
        PortPair pair = pool.allocatePair(PortProbe.ALWAYS_FREE);
        pool.release(pair.port1());
        pool.release(pair.port2());

        assertEquals(new PortPair(6002, 6003), pool.allocatePair(PortProbe.ALWAYS_FREE));
        assertEquals(new PortPair(6004, 6005), pool.allocatePair(PortProbe.ALWAYS_FREE));
        assertEquals(new PortPair(6000, 6001), pool.allocatePair(PortProbe.ALWAYS_FREE));
    }

    @Test
    public void releasingAPortNotInUseDoesNothing() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6003"), List.of());
        PortPair pair = pool.allocatePair(PortProbe.ALWAYS_FREE);

        pool.release(6003);      // free, never handed out
        pool.release(9000);      // outside every range
        pool.release(0);         // not a port
        pool.release(70000);     // not a port
        assertEquals(2, pool.freeCount());
        assertEquals(2, pool.usedCount());

        pool.release(pair.port1());
        pool.release(pair.port1()); // twice
        assertEquals(3, pool.freeCount());
        assertEquals(1, pool.usedCount());
        // The released port went to the tail; the untouched ones come first.
        assertEquals(new PortPair(6002, 6003), pool.allocatePair(PortProbe.ALWAYS_FREE));
        assertFalse(pool.isUsed(6000));
        assertEquals(1, pool.freeCount());
    }

    @Test
    public void reserveInsideOutsideAndTwice() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6003"), List.of());

        assertTrue(pool.reserve(6001));
        assertTrue(pool.isUsed(6001));
        assertEquals(3, pool.freeCount());

        assertTrue("a restored port outside the ranges is kept", pool.reserve(9000));
        assertTrue(pool.isUsed(9000));
        assertEquals(3, pool.freeCount());
        assertEquals(2, pool.usedCount());
        assertEquals(List.of(9000), pool.usage().usedOutsideRange());

        assertFalse("two mappings claim 6001", pool.reserve(6001));
        assertFalse(pool.reserve(9000));
        assertEquals(2, pool.usedCount());

        // Reserved ports are never handed out.
        assertEquals(Set.of(6000, 6002), drain(pool, PortProbe.ALWAYS_FREE));
        assertEquals(1, pool.freeCount());

        // Released, the outside port is forgotten and the inside one comes back.
        pool.release(9000);
        assertFalse(pool.isUsed(9000));
        assertEquals(List.of(), pool.usage().usedOutsideRange());
        assertEquals(1, pool.freeCount());
        pool.release(6001);
        assertEquals(2, pool.freeCount());
    }

    @Test(expected = IllegalArgumentException.class)
    public void reserveRejectsWhatIsNotAPort() {
        new PortPool().reserve(0);
    }

    @Test
    public void wideningAddsTheNewPorts() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6001"), List.of());
        assertEquals(new PortPair(6000, 6001), pool.allocatePair(PortProbe.ALWAYS_FREE));

        PortUsage usage = pool.reconfigure(ranges("6000-6003"), List.of());
        assertEquals(2, usage.free());
        assertEquals(2, usage.used());
        assertEquals(List.of(), usage.usedOutsideRange());
        assertEquals(ranges("6000-6003"), usage.ranges());
        assertEquals(new PortPair(6002, 6003), pool.allocatePair(PortProbe.ALWAYS_FREE));
    }

    @Test
    public void narrowingKeepsUsedPortsAndReportsThoseOutside() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6009"), List.of());
        assertEquals(new PortPair(6000, 6001), pool.allocatePair(PortProbe.ALWAYS_FREE));
        assertEquals(new PortPair(6002, 6003), pool.allocatePair(PortProbe.ALWAYS_FREE));

        PortUsage usage = pool.reconfigure(ranges("6002-6005"), ranges("6003"));
        assertEquals(4, usage.used());
        assertEquals("6004 and 6005", 2, usage.free());
        assertEquals("excluded counts as outside", List.of(6000, 6001, 6003), usage.usedOutsideRange());
        assertEquals(ranges("6003"), usage.exclude());
        assertTrue(pool.isUsed(6000));

        // An outside port is forgotten on release, an inside one comes back.
        pool.release(6000);
        assertFalse(pool.isUsed(6000));
        assertEquals(List.of(6001, 6003), pool.usage().usedOutsideRange());
        assertEquals(2, pool.freeCount());
        pool.release(6002);
        assertEquals(3, pool.freeCount());
        // 6002 was released last, so it waits behind 6004 and 6005.
        assertEquals(Set.of(6004, 6005), drain(pool, PortProbe.ALWAYS_FREE));
        assertEquals(1, pool.freeCount());

        // Widening again brings back 6000 (released) but not 6001/6003 (still used).
        usage = pool.reconfigure(ranges("6000-6009"), List.of());
        assertEquals(List.of(), usage.usedOutsideRange());
        assertEquals(4, usage.used());
        assertEquals(10 - 4, usage.free());
        assertFalse(pool.isUsed(6000));
        assertTrue(pool.isUsed(6001));
    }

    @Test
    public void reconfigureKeepsRecentlyReleasedPortsAtTheBack() throws Exception {
        PortPool pool = new PortPool(ranges("6000-6003"), List.of());
        pool.allocatePair(PortProbe.ALWAYS_FREE);          // 6000, 6001
        pool.release(6000);                               // list: 6002, 6003, 6000

        pool.reconfigure(ranges("6000-6004"), List.of()); // new 6004 first, then the old order
        assertEquals(new PortPair(6004, 6002), pool.allocatePair(PortProbe.ALWAYS_FREE));
        assertEquals(new PortPair(6003, 6000), pool.allocatePair(PortProbe.ALWAYS_FREE));
    }

    @Test
    public void tenThousandPairsOverTheWholeRangeAreDistinctAndCounted() throws Exception {
        PortPool pool = new PortPool(ranges("1024-65535"), List.of());
        int total = 65535 - 1024 + 1;
        assertEquals(total, pool.freeCount());

        boolean[] seen = new boolean[65536];
        List<PortPair> pairs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            PortPair pair = pool.allocatePair(PortProbe.ALWAYS_FREE);
            for (int port : new int[] {pair.port1(), pair.port2()}) {
                assertTrue("outside the range: " + port, port >= 1024 && port <= 65535);
                assertFalse("handed out twice: " + port, seen[port]);
                seen[port] = true;
            }
            pairs.add(pair);
        }
        assertEquals(total - 20_000, pool.freeCount());
        assertEquals(20_000, pool.usedCount());

        for (PortPair pair : pairs) {
            pool.release(pair.port1());
            pool.release(pair.port2());
        }
        assertEquals(total, pool.freeCount());
        assertEquals(0, pool.usedCount());
        assertEquals(total, drain(pool, PortProbe.ALWAYS_FREE).size());
    }
}
