package org.iofog.connector.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.iofog.connector.api.ports.PortRange;

/** How the commands write sizes, durations, times, counts, port ranges and addresses: pure functions. */
final class Formats {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Formats() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}: binary units, one decimal above bytes. */
    static String bytes(long count) {
        if (count < 1024) {
            return Math.max(count, 0) + " B";
        }
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KiB would round to "1024.0 KiB": show it as the next unit instead.
        if (value >= 1023.95 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
    }

    /** The two leading units of a duration: {@code 42s}, {@code 5m 03s}, {@code 2h 05m}, {@code 3d 04h}. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds / 3_600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return String.format(Locale.ROOT, "%dd %02dh", days, hours);
        }
        if (hours > 0) {
            return String.format(Locale.ROOT, "%dh %02dm", hours, minutes);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", minutes, secs);
        }
        return secs + "s";
    }

    /** How long ago something happened, as {@link #duration(Duration)} writes it. */
    static String age(Instant since, Instant now) {
        return duration(Duration.between(since, now));
    }

    /** {@code 6000-6050, 7000}, or {@code none}. */
    static String ranges(List<PortRange> ranges) {
        return ranges.isEmpty() ? "none" : ranges.stream().map(PortRange::toString).collect(Collectors.joining(", "));
    }

    /** {@code 6051, 6052}, or {@code none}. */
    static String portList(List<Integer> ports) {
        return ports.isEmpty() ? "none" : ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** {@code etc/org.iofog.connector.ports.cfg}: where the operator edits a PID's settings in Karaf. */
    static String configFile(String pid) {
        return "etc/" + pid + ".cfg";
    }

    /** {@code http://0.0.0.0:8080}, {@code https://[::]:443}: the scheme of the mode in force. */
    static String restUrl(boolean dev, String bindAddress, int port) {
        String host = bindAddress.indexOf(':') >= 0 && !bindAddress.startsWith("[") ? "[" + bindAddress + "]"
                : bindAddress;
        return (dev ? "http" : "https") + "://" + host + ":" + port;
    }

    /** {@code in 364 days}, {@code in 5h 00m}, {@code 3 days ago}: how far an instant is from now. */
    static String relative(Instant when, Instant now) {
        Duration between = Duration.between(now, when);
        boolean future = !between.isNegative();
        Duration length = between.abs();
        long days = length.toDays();
        String amount = days >= 2 ? days + " days" : duration(length);
        return future ? "in " + amount : amount + " ago";
    }

    /** When a certificate's validity ends, with how far that is: {@code 2026-05-01T10:00:00Z (in 364 days)}. */
    static String expiry(Instant notAfter, Instant now) {
        String when = notAfter.truncatedTo(ChronoUnit.SECONDS).toString();
        return notAfter.isAfter(now) ? when + " (" + relative(notAfter, now) + ")"
                : when + " (EXPIRED " + relative(notAfter, now) + ")";
    }

    /** A count with its noun, plural when needed: {@code 1 connection}, {@code 3 connections}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
