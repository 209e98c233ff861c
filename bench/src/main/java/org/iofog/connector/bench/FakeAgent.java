package org.iofog.connector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * What an ioFog agent does on an authenticated connection while it waits for relayed bytes (docs/protocol.md §3 and
 * §3a): it sends {@code BEAT} every heartbeat interval and takes a read of nothing but {@code BEAT}s for the
 * connector's answer, not for data.
 */
final class FakeAgent {

    static final byte[] BEAT = "BEAT".getBytes(StandardCharsets.US_ASCII);

    private FakeAgent() {
    }

    /**
     * Reads into {@code buffer} until {@code wanted} relayed bytes arrived, heartbeating while nothing comes, and
     * returns only once every {@code BEAT} it sent is answered: an agent that wrote data right after a
     * {@code BEAT} could have both read by the connector at once, and relayed, as data. The answers are dropped
     * wherever a read starts with one (relayed data of the bench never starts with {@code B}). Answers the
     * relayed bytes read (fewer than {@code wanted} only when the connection closed), or -1 when it closed
     * before any; gives up with an exception at {@code deadlineNanos}.
     */
    static int readRelayed(Socket agent, byte[] buffer, int wanted, Duration heartbeat, long deadlineNanos)
            throws IOException {
        InputStream in = agent.getInputStream();
        OutputStream out = agent.getOutputStream();
        int saved = agent.getSoTimeout();
        agent.setSoTimeout((int) heartbeat.toMillis());
        try {
            int filled = 0;
            int unanswered = 0;
            while (filled < wanted) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new SocketTimeoutException("no relayed bytes before the deadline");
                }
                int n;
                try {
                    n = in.read(buffer, filled, wanted - filled);
                } catch (SocketTimeoutException idle) {
                    if (filled == 0 && unanswered == 0) {
                        out.write(BEAT);
                        unanswered++;
                    }
                    continue;
                }
                if (n < 0) {
                    return filled == 0 ? -1 : filled;
                }
                int beats = unanswered > 0 || filled == 0 ? leadingBeats(buffer, filled, n) : 0;
                unanswered = Math.max(0, unanswered - beats / BEAT.length);
                System.arraycopy(buffer, filled + beats, buffer, filled, n - beats);
                filled += n - beats;
            }
            // The data came first: the answers still to come follow it, and nothing else may before this agent
            // writes again.
            for (; unanswered > 0; unanswered--) {
                byte[] answer = new byte[BEAT.length];
                int got = 0;
                while (got < answer.length) {
                    try {
                        int n = in.read(answer, got, answer.length - got);
                        if (n < 0) {
                            return filled; // closed: nothing more can follow the data
                        }
                        got += n;
                    } catch (SocketTimeoutException slow) {
                        if (System.nanoTime() > deadlineNanos) {
                            throw new SocketTimeoutException("no answer to a BEAT before the deadline");
                        }
                    }
                }
                if (!Arrays.equals(answer, BEAT)) {
                    throw new IOException("expected the connector's BEAT answer, got other bytes");
                }
            }
            return filled;
        } finally {
            agent.setSoTimeout(saved);
        }
    }

    /** Waits (heartbeating) until the other side closes the connection; a relayed byte meanwhile is an error. */
    static void awaitClose(Socket agent, Duration heartbeat, long deadlineNanos) throws IOException {
        byte[] buffer = new byte[64];
        int n = readRelayed(agent, buffer, buffer.length, heartbeat, deadlineNanos);
        if (n > 0) {
            throw new IOException("an agent connection got " + n + " more bytes after its session");
        }
    }

    /** Bytes at the start of {@code buffer[from, from + length)} that are whole {@code BEAT}s. */
    private static int leadingBeats(byte[] buffer, int from, int length) {
        int beats = 0;
        while (beats + BEAT.length <= length && isBeat(buffer, from + beats)) {
            beats += BEAT.length;
        }
        return beats;
    }

    private static boolean isBeat(byte[] buffer, int at) {
        for (int i = 0; i < BEAT.length; i++) {
            if (buffer[at + i] != BEAT[i]) {
                return false;
            }
        }
        return true;
    }
}
