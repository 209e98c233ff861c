package org.iofog.connector.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.relay.embedded.EmbeddedRelay;
import org.iofog.connector.transport.epoll.internal.EpollRelayTransport;
import org.iofog.connector.transport.iouring.internal.IoUringRelayTransport;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;

/**
 * The {@code transports} scenario's parts that are not measurement: which relay transports run here, the
 * relays to build from them (one per transport, I/O thread count and splice setting), the check that
 * splice really happened where it was asked for, and the table.
 */
final class Transports {

    private static final double MIB = 1 << 20;
    /** How deep to look for the cause under Netty's wrappers of a failed native load. */
    private static final int MAX_CAUSE_DEPTH = 8;

    private Transports() {
    }

    /** A transport of the relay, or why it does not run on this machine ({@code transport} null then). */
    record Candidate(String name, RelayTransport transport, String unavailable) {

        String describe() {
            return "transport " + name + ": " + (transport != null ? "present" : "not present: " + unavailable);
        }
    }

    /** One relay of the scenario, i.e. one row of its table. */
    record Setup(RelayTransport transport, int ioThreads, boolean splice) {

        String label() {
            if (!transport.supportsSplice()) {
                return transport.name();
            }
            return transport.name() + (splice ? ", splice on" : ", splice off");
        }

        /** Whether the relay must splice: the transport can and the setting asks for it (the bench is in dev mode). */
        boolean mustSplice() {
            return splice && transport.supportsSplice();
        }

        String describe() {
            return label() + " (" + ioThreads + " I/O thread" + (ioThreads == 1 ? "" : "s") + ")";
        }
    }

    /**
     * Throughput of one relay.
     *
     * @param spliced   bytes the relay spliced during the phase (warm-up included)
     * @param delivered bytes its agents received during the phase (warm-up included)
     */
    record ThroughputFigures(Throughput.Result result, long spliced, long delivered) {
    }

    /**
     * Round trips through one relay.
     *
     * @param spliced   bytes the relay spliced during the phase (warm-up included)
     * @param sent      bytes the client sent during the phase (warm-up included)
     * @param placement where the relay put the client and its agent connection
     */
    record LatencyFigures(Latency.Result result, long spliced, long sent, String placement) {
    }

    /** Everything measured of one relay. */
    record Row(Setup setup, ThroughputFigures throughput, LatencyFigures latency) {
    }

    /** NIO, epoll and io_uring, in this order, each with what keeps it from running here if anything does. */
    static List<Candidate> probe() {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("nio", new NioRelayTransport(), null));
        // Lambdas rather than method references: a class that cannot link then fails inside probe's catch.
        candidates.add(probe("epoll",
                () -> Epoll.isAvailable() ? null : unavailable(Epoll.unavailabilityCause()),
                () -> new EpollRelayTransport()));
        candidates.add(probe("io_uring",
                () -> IoUring.isAvailable() ? null : unavailable(IoUring.unavailabilityCause()),
                () -> new IoUringRelayTransport()));
        return candidates;
    }

    private static Candidate probe(String name, Supplier<Throwable> unavailability,
            Supplier<RelayTransport> transport) {
        try {
            Throwable cause = unavailability.get();
            return cause == null ? new Candidate(name, transport.get(), null)
                    : new Candidate(name, null, causeOf(cause));
        } catch (LinkageError e) {
            return new Candidate(name, null, causeOf(e));
        }
    }

    private static Throwable unavailable(Throwable cause) {
        return cause != null ? cause : new IllegalStateException("Netty gave no cause");
    }

    /** The failure and, when Netty wrapped it, the innermost cause, which names the missing library or call. */
    private static String causeOf(Throwable failure) {
        Throwable innermost = failure;
        for (int depth = 0; innermost.getCause() != null && depth < MAX_CAUSE_DEPTH; depth++) {
            innermost = innermost.getCause();
        }
        return innermost == failure ? failure.toString() : failure + " (innermost cause: " + innermost + ")";
    }

    /**
     * For each I/O thread count, every transport present in the order of {@code candidates}; a transport
     * that can splice twice, splice off then on.
     */
    static List<Setup> setups(List<Candidate> candidates, List<Integer> ioThreadCounts) {
        List<Setup> setups = new ArrayList<>();
        for (int ioThreads : ioThreadCounts) {
            for (Candidate candidate : candidates) {
                RelayTransport transport = candidate.transport();
                if (transport == null) {
                    continue;
                }
                setups.add(new Setup(transport, ioThreads, false));
                if (transport.supportsSplice()) {
                    setups.add(new Setup(transport, ioThreads, true));
                }
            }
        }
        return setups;
    }

    /**
     * Why a relay that had to splice shows no sign of it: none in throughput, and none in latency when
     * the client sent enough for at least one counted chunk. Empty when every such relay spliced.
     */
    static List<String> spliceFailures(List<Row> rows) {
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            if (!row.setup().mustSplice()) {
                continue;
            }
            if (row.throughput().spliced() == 0) {
                failures.add(String.format(Locale.ROOT, "%s: splicedBytes() is 0 after the throughput phase (%,.0f MiB "
                        + "reached the agents): the relay did not splice", row.setup().describe(),
                        mib(row.throughput().delivered())));
            }
            if (row.latency().sent() >= EmbeddedRelay.spliceChunk() && row.latency().spliced() == 0) {
                failures.add(String.format(Locale.ROOT, "%s: splicedBytes() is 0 after the latency phase (%,.2f MiB "
                        + "sent by the client; %s): the relay did not splice", row.setup().describe(),
                        mib(row.latency().sent()), row.latency().placement()));
            }
        }
        return failures;
    }

    /** The Markdown table: the direct baseline, then one row per relay with each figure's ratio to the baseline. */
    static String table(Throughput.Result direct, Latency.Result directLatency, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| transport | I/O threads | MB/s | × direct | RTT p50 µs | × direct | RTT p99 µs | × direct "
                + "| JVM CPU ms/MB | relay threads' CPU ms/MB | spliced MiB (throughput / latency) |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        out.append(String.format(Locale.ROOT, "| direct loopback | – | %,.0f | 1.00 | %,.1f | 1.00 | %,.1f | 1.00 "
                        + "| %.2f | – | – |%n", direct.megabytesPerSecond(), directLatency.p50(),
                directLatency.p99(), cpuPerMegabyte(direct.cpu().process(), direct)));
        for (Row row : rows) {
            Throughput.Result throughput = row.throughput().result();
            Latency.Result latency = row.latency().result();
            String spliced = row.setup().mustSplice()
                    ? String.format(Locale.ROOT, "%,.0f / %,.0f", mib(row.throughput().spliced()),
                    mib(row.latency().spliced()))
                    : "–";
            out.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %,.1f | %.2f | %,.1f | %.2f | %.2f "
                            + "| %.2f | %s |%n", row.setup().label(), row.setup().ioThreads(),
                    throughput.megabytesPerSecond(), throughput.megabytesPerSecond() / direct.megabytesPerSecond(),
                    latency.p50(), latency.p50() / directLatency.p50(), latency.p99(),
                    latency.p99() / directLatency.p99(), cpuPerMegabyte(throughput.cpu().process(), throughput),
                    cpuPerMegabyte(throughput.cpu().relayThreads(), throughput), spliced));
        }
        return out.toString();
    }

    /** What the table has no room for: spread, placement, delivery and CPU of each row. */
    static List<String> notes(Throughput.Result direct, Latency.Result directLatency, List<Row> rows) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "direct loopback: throughput windows %,.0f-%,.0f MB/s, every byte "
                        + "delivered: %s, CPU: %s; RTT mean %.1f µs, p99.9 %.1f µs", direct.slowestRound(),
                direct.fastestRound(), yes(direct.allDelivered()), direct.cpu().describe(), directLatency.mean(),
                directLatency.p999()));
        for (Row row : rows) {
            Throughput.Result throughput = row.throughput().result();
            Latency.Result latency = row.latency().result();
            StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "%s: throughput windows %,.0f-%,.0f "
                            + "MB/s, %d of %d pairs on one event loop (connections per loop %s), every byte delivered: "
                            + "%s, CPU: %s; RTT mean %.1f µs, p99.9 %.1f µs (%s)", row.setup().describe(),
                    throughput.slowestRound(), throughput.fastestRound(), throughput.sameLoopPairs(),
                    RelayBench.STREAMS, throughput.loopLoad(), yes(throughput.allDelivered()),
                    throughput.cpu().describe(), latency.mean(), latency.p999(), row.latency().placement()));
            if (row.setup().mustSplice()) {
                note.append(String.format(Locale.ROOT, "; splicedBytes(): %,d during throughput (%.1f %% of the "
                                + "%,.0f MiB the agents received, warm-up included), %,d during latency (%,.2f MiB "
                                + "sent; counted per whole %d MiB chunk)", row.throughput().spliced(),
                        100.0 * row.throughput().spliced() / Math.max(1, row.throughput().delivered()),
                        mib(row.throughput().delivered()), row.latency().spliced(), mib(row.latency().sent()),
                        EmbeddedRelay.spliceChunk() >> 20));
            }
            notes.add(note.toString());
        }
        return notes;
    }

    /** Milliseconds of CPU per MB received, from cores kept busy and MB/s. */
    private static double cpuPerMegabyte(double cores, Throughput.Result result) {
        return cores / result.megabytesPerSecond() * 1e3;
    }

    private static double mib(long bytes) {
        return bytes / MIB;
    }

    private static String yes(boolean value) {
        return value ? "yes" : "NO";
    }
}
