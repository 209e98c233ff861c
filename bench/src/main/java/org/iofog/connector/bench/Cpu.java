package org.iofog.connector.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of the JVM, of the relay's threads and of the whole machine, to tell how busy the cores
 * were, who kept them busy, and whether anything outside the bench (another build, the hypervisor)
 * took a share during a measurement.
 */
final class Cpu {

    /** Clock ticks per second of /proc/stat (USER_HZ); 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Cores kept busy on average over a time span (1.0 = one core all the time). */
    record Usage(double process, double relayThreads, double otherProcesses, double steal) {
        String describe() {
            return String.format(Locale.ROOT, "JVM %.2f cores (relay threads %.2f), outside the JVM (other "
                    + "processes, interrupts) %.2f, hypervisor steal %.2f", process, relayThreads, otherProcesses, steal);
        }
    }

    /** Counters at one instant; {@link #until} turns two of them into a {@link Usage}. */
    record Snapshot(long wallNanos, long processNanos, long relayNanos, double machineBusySeconds,
                    double stealSeconds) {

        static Snapshot now() {
            double[] machine = machineSeconds();
            return new Snapshot(System.nanoTime(), Cpu.processNanos(), Cpu.threadNanos("relay-"), machine[0], machine[1]);
        }

        Usage until(Snapshot later) {
            double seconds = (later.wallNanos - wallNanos) / 1e9;
            double process = (later.processNanos - processNanos) / 1e9 / seconds;
            double machine = (later.machineBusySeconds - machineBusySeconds) / seconds;
            return new Usage(process, (later.relayNanos - relayNanos) / 1e9 / seconds,
                    Double.isNaN(machine) ? Double.NaN : Math.max(0, machine - process),
                    (later.stealSeconds - stealSeconds) / seconds);
        }
    }

    /** Sums the spans between pairs of snapshots, for a figure measured in several windows. */
    static final class Totals {
        private double seconds;
        private double process;
        private double relay;
        private double machine;
        private double steal;

        void add(Snapshot from, Snapshot to) {
            double span = (to.wallNanos() - from.wallNanos()) / 1e9;
            Usage usage = from.until(to);
            seconds += span;
            process += usage.process() * span;
            relay += usage.relayThreads() * span;
            machine += usage.otherProcesses() * span;
            steal += usage.steal() * span;
        }

        Usage usage() {
            return new Usage(process / seconds, relay / seconds, machine / seconds, steal / seconds);
        }
    }

    private Cpu() {
    }

    static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU time so far of the live threads whose name starts with {@code prefix}. */
    static long threadNanos(String prefix) {
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                long nanos = THREADS.getThreadCpuTime(thread.getId());
                if (nanos > 0) {
                    total += nanos;
                }
            }
        }
        return total;
    }

    /** Seconds all cores were busy (steal excluded) and seconds stolen, from /proc/stat; NaN elsewhere. */
    private static double[] machineSeconds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] fields = lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
            if (!fields[0].equals("cpu") || fields.length < 9) {
                return new double[] {Double.NaN, Double.NaN};
            }
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(fields[i]);
            }
            return new double[] {busy / TICKS_PER_SECOND, Long.parseLong(fields[8]) / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }
}
