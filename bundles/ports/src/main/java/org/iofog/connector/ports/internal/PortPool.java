package org.iofog.connector.ports.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.ports.PortUsage;

/**
 * The free and used ports of the configured ranges. Plain Java, so that it can be tested and measured
 * without a framework.
 *
 * <p>Free ports form a doubly linked list threaded through two arrays indexed by port number, so that
 * taking the head, appending to the tail and removing any port are O(1) with no boxing and no scan,
 * whatever the size of the ranges. Index 0 is the list's sentinel: port 0 is never a valid port.
 * Released ports go to the tail, so a port freed a moment ago (that a slow peer might still try) is
 * reused last.
 *
 * <p>Thread safe: every method holds the pool's monitor. {@link #allocatePair} runs the probe under
 * it too; a bind check takes microseconds, and holding the lock is what makes "never handed out
 * twice" trivially true.
 */
public final class PortPool {

    private static final int SIZE = PortRange.MAX_PORT + 1;
    private static final int SENTINEL = 0;

    /** Neither free nor used: outside the ranges, excluded, or never seen. */
    private static final byte NONE = 0;
    /** On the free list. */
    private static final byte FREE = 1;
    /** Handed out or reserved; not on the free list. */
    private static final byte USED = 2;

    private final int[] next = new int[SIZE];
    private final int[] prev = new int[SIZE];
    private final byte[] state = new byte[SIZE];
    /** In the configured ranges and not excluded: where a released port may go back to the free list. */
    private boolean[] allowed = new boolean[SIZE];

    private List<PortRange> ranges = List.of();
    private List<PortRange> exclude = List.of();
    private int freeCount;
    private int usedCount;

    /** An empty pool; {@link #reconfigure} gives it ports. */
    public PortPool() {
    }

    public PortPool(List<PortRange> ports, List<PortRange> exclude) {
        reconfigure(ports, exclude);
    }

    /**
     * Takes two ports the probe confirms are free. A port the probe reports busy stays free in the
     * books and moves to the tail, so it is tried again once the ports behind it have had their turn.
     *
     * @throws NoAvailablePortsException when fewer than two usable ports turn up after each free port
     *         has been tried once; nothing is taken then
     */
    public synchronized PortPair allocatePair(PortProbe probe) throws NoAvailablePortsException {
        // A busy port goes behind the ports not tried yet, so after `candidates` steps every port that
        // was free at the start has been tried exactly once.
        int candidates = freeCount;
        int first = SENTINEL;
        try {
            for (int i = 0; i < candidates; i++) {
                int port = next[SENTINEL];
                // Probe while the port is still linked: if the probe throws, the list is intact.
                if (!probe.isFree(port)) {
                    unlink(port);
                    linkLast(port);
                    continue;
                }
                unlink(port);
                if (first == SENTINEL) {
                    first = port;
                } else {
                    markUsed(first);
                    markUsed(port);
                    PortPair pair = new PortPair(first, port);
                    first = SENTINEL;
                    return pair;
                }
            }
        } finally {
            if (first != SENTINEL) {
                // Goes back to the head: it was just found free, and it was never handed out.
                linkFirst(first);
            }
        }
        throw new NoAvailablePortsException(2, freeCount);
    }

    /**
     * Gives a port back. It returns to the free list only if the current ranges still allow it;
     * otherwise (after a narrowing, or a restored port outside the ranges) it is simply forgotten.
     * Releasing a port that is not in use does nothing.
     */
    public synchronized void release(int port) {
        if (!isValid(port) || state[port] != USED) {
            return;
        }
        usedCount--;
        if (allowed[port]) {
            linkLast(port);
        } else {
            state[port] = NONE;
        }
    }

    /**
     * Marks a port of a restored mapping as used, inside the ranges or not.
     *
     * @return false when it is already used
     * @throws IllegalArgumentException when the port is not 1-65535
     */
    public synchronized boolean reserve(int port) {
        if (!isValid(port)) {
            throw new IllegalArgumentException(
                    "port " + port + " is outside " + PortRange.MIN_PORT + "-" + PortRange.MAX_PORT);
        }
        if (state[port] == USED) {
            return false;
        }
        if (state[port] == FREE) {
            unlink(port);
        }
        markUsed(port);
        return true;
    }

    public synchronized boolean isUsed(int port) {
        return isValid(port) && state[port] == USED;
    }

    /** Free ports in the books (some may turn out to be held by other processes). */
    public synchronized int freeCount() {
        return freeCount;
    }

    public synchronized int usedCount() {
        return usedCount;
    }

    /**
     * Applies new ranges at once. Used ports stay used, even those the new ranges leave out (they are
     * listed by {@link PortUsage#usedOutsideRange()} until released). The free list is rebuilt from
     * the new ranges minus the exclusions minus the used ports: ports new to the pool go first, then
     * the ports that were already free in their old order, so recently released ones stay at the back.
     *
     * @return the usage right after the change
     */
    public synchronized PortUsage reconfigure(List<PortRange> ports, List<PortRange> exclude) {
        List<PortRange> newRanges = List.copyOf(ports);
        List<PortRange> newExclude = List.copyOf(exclude);
        boolean[] nowAllowed = new boolean[SIZE];
        for (PortRange range : newRanges) {
            Arrays.fill(nowAllowed, range.from(), range.to() + 1, true);
        }
        for (PortRange range : newExclude) {
            Arrays.fill(nowAllowed, range.from(), range.to() + 1, false);
        }

        int[] stillFree = new int[freeCount];
        int kept = 0;
        for (int port = next[SENTINEL]; port != SENTINEL; port = next[port]) {
            if (nowAllowed[port]) {
                stillFree[kept++] = port;
            } else {
                state[port] = NONE;
            }
        }

        next[SENTINEL] = SENTINEL;
        prev[SENTINEL] = SENTINEL;
        freeCount = 0;
        for (int port = PortRange.MIN_PORT; port < SIZE; port++) {
            if (nowAllowed[port] && state[port] == NONE) {
                linkLast(port);
            }
        }
        for (int i = 0; i < kept; i++) {
            linkLast(stillFree[i]);
        }

        allowed = nowAllowed;
        ranges = newRanges;
        this.exclude = newExclude;
        return usage();
    }

    /** A snapshot for status displays. Scans the port table for the outside-range list: not a hot path. */
    public synchronized PortUsage usage() {
        List<Integer> outside = new ArrayList<>();
        for (int port = PortRange.MIN_PORT; port < SIZE; port++) {
            if (state[port] == USED && !allowed[port]) {
                outside.add(port);
            }
        }
        return new PortUsage(ranges, exclude, freeCount, usedCount, outside);
    }

    private static boolean isValid(int port) {
        return port >= PortRange.MIN_PORT && port <= PortRange.MAX_PORT;
    }

    private void markUsed(int port) {
        state[port] = USED;
        usedCount++;
    }

    private void linkLast(int port) {
        int tail = prev[SENTINEL];
        next[tail] = port;
        prev[port] = tail;
        next[port] = SENTINEL;
        prev[SENTINEL] = port;
        state[port] = FREE;
        freeCount++;
    }

    private void linkFirst(int port) {
        int head = next[SENTINEL];
        prev[head] = port;
        next[port] = head;
        prev[port] = SENTINEL;
        next[SENTINEL] = port;
        state[port] = FREE;
        freeCount++;
    }

    /** Takes a free port off the list; the caller sets its new state. */
    private void unlink(int port) {
        int before = prev[port];
        int after = next[port];
        next[before] = after;
        prev[after] = before;
        state[port] = NONE;
        freeCount--;
    }
}
