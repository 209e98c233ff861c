package org.iofog.connector.relay.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent connections refused for a wrong passcode or none in time, in the log: the first from an address
 * at once, then at most one line per address per interval, with the count of those left out. An agent
 * with a stale passcode, or anyone guessing, then costs a few lines instead of one per dial (thousands a
 * second, into karaf.log and iofog-connector.log alike, before).
 */
final class AuthFailureLog {

    static final long INTERVAL_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureLog.class);
    /** Bounds memory under a flood from many addresses; forgetting one costs at most an extra line. */
    private static final int MAX_TRACKED = 10_000;

    /** One address's refusals since its last line. Guarded by itself. */
    private static final class Record {
        boolean logged;
        long lastLineNanos;
        int leftOut;
        String lastWhere;
        String lastReason;
    }

    private final ConcurrentHashMap<InetAddress, Record> records = new ConcurrentHashMap<>();
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    AuthFailureLog() {
        this(LOG, TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS), System::nanoTime);
    }

    AuthFailureLog(Logger log, long intervalNanos, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
    }

    /**
     * A refused agent connection.
     *
     * @param remote    the connection's remote address
     * @param where     e.g. {@code port 6000 of mapping <id>}
     * @param reason    e.g. {@code wrong passcode}
     * @param scheduler where the summary of the lines left out is written once the interval is over
     */
    void refused(SocketAddress remote, String where, String reason, ScheduledExecutorService scheduler) {
        InetAddress source = remote instanceof InetSocketAddress socket ? socket.getAddress() : null;
        if (source == null) {
            log.info("Agent connection from {} to {} rejected: {}", remote, where, reason);
            return;
        }
        if (records.size() >= MAX_TRACKED) {
            records.clear();
        }
        long now = nanoClock.getAsLong();
        Record record = records.computeIfAbsent(source, key -> new Record());
        boolean lineNow;
        long summaryInNanos = 0;
        synchronized (record) {
            lineNow = record.leftOut == 0 && (!record.logged || now - record.lastLineNanos >= intervalNanos);
            if (lineNow) {
                record.logged = true;
                record.lastLineNanos = now;
            } else {
                record.lastWhere = where;
                record.lastReason = reason;
                if (++record.leftOut == 1) {
                    summaryInNanos = Math.max(1, record.lastLineNanos + intervalNanos - now);
                }
            }
        }
        if (lineNow) {
            log.info("Agent connection from {} to {} rejected: {} (more rejections from {} are counted in one line"
                    + " every {} s)", remote, where, reason, source.getHostAddress(),
                    TimeUnit.NANOSECONDS.toSeconds(intervalNanos));
        } else if (summaryInNanos > 0) {
            scheduler.schedule(() -> summarize(source), summaryInNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void summarize(InetAddress source) {
        Record record = records.get(source);
        if (record == null) {
            return;
        }
        int leftOut;
        String where;
        String reason;
        synchronized (record) {
            leftOut = record.leftOut;
            where = record.lastWhere;
            reason = record.lastReason;
            record.leftOut = 0;
            record.lastLineNanos = nanoClock.getAsLong();
        }
        if (leftOut > 0) {
            log.info("{} more agent connections from {} rejected in the last {} s (the last to {}: {})", leftOut,
                    source.getHostAddress(), TimeUnit.NANOSECONDS.toSeconds(intervalNanos), where, reason);
        }
    }
}
