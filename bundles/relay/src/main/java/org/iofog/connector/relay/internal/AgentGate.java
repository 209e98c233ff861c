package org.iofog.connector.relay.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.iofog.connector.support.Secrets;

/**
 * The door of one agent port: its passcode and its limit of authenticated connections. A connection
 * with the right passcode beyond the limit is parked unanswered (the real agent reacts badly to an
 * immediate close) and admitted when a slot frees.
 */
final class AgentGate {

    /** What a parked connection does once a slot is free. */
    interface Admission {
        /** @return false when the connection is gone meanwhile, so the slot goes to the next one */
        boolean admit();
    }

    private final byte[] passcode;
    private final int maxConnections;
    private final long heartbeatAbsenceMillis;
    /** A port with no agent connection for this long is worth a log line when one arrives again. */
    static final long ABSENCE_WORTH_A_LINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ArrayDeque<Admission> parked = new ArrayDeque<>();
    private int authenticated;
    private boolean everAuthenticated;
    private long emptySinceNanos;

    AgentGate(String passcode, int maxConnections, long heartbeatAbsenceMillis) {
        this.passcode = passcode.getBytes(StandardCharsets.US_ASCII);
        this.maxConnections = maxConnections;
        this.heartbeatAbsenceMillis = heartbeatAbsenceMillis;
    }

    int passcodeLength() {
        return passcode.length;
    }

    long heartbeatAbsenceMillis() {
        return heartbeatAbsenceMillis;
    }

    /** Constant-time comparison, so that timing tells nothing about how much of a guess was right. */
    boolean matches(byte[] candidate) {
        return Secrets.same(passcode, candidate);
    }

    /**
     * Takes a slot if one is free; otherwise parks the admission until {@link #release()} frees one.
     *
     * @return true when admitted now
     */
    synchronized boolean admitOrPark(Admission admission) {
        if (authenticated < maxConnections) {
            authenticated++;
            return true;
        }
        parked.add(admission);
        return false;
    }

    /** A parked connection gave up (closed or timed out). */
    synchronized void unpark(Admission admission) {
        for (Iterator<Admission> it = parked.iterator(); it.hasNext(); ) {
            if (it.next() == admission) {
                it.remove();
                return;
            }
        }
    }

    /** An authenticated connection closed: its slot goes to the longest-parked live connection. */
    void release() {
        while (true) {
            Admission next;
            synchronized (this) {
                next = parked.poll();
                if (next == null) {
                    if (--authenticated == 0) {
                        emptySinceNanos = System.nanoTime();
                    }
                    return;
                }
            }
            // The slot passes straight to the parked connection; its count stays taken.
            if (next.admit()) {
                return;
            }
        }
    }

    synchronized int authenticated() {
        return authenticated;
    }

    /**
     * Whether a connection that just authenticated is the port's first in a while: the only one, on a port
     * that never had one or had none for {@link #ABSENCE_WORTH_A_LINE_NANOS}. An agent with a pool of one
     * connection reconnects after every public client; its port is empty for milliseconds each time, which is
     * no news for an operator.
     */
    synchronized boolean firstInAWhile() {
        boolean first = authenticated == 1
                && (!everAuthenticated || System.nanoTime() - emptySinceNanos >= ABSENCE_WORTH_A_LINE_NANOS);
        everAuthenticated = true;
        return first;
    }
}
