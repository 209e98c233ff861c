package org.iofog.connector.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.iofog.connector.api.ports.PortRange;
import org.junit.Test;

public class FormatsTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    public void bytesUseBinaryUnitsWithOneDecimal() {
        assertEquals("0 B", Formats.bytes(0));
        assertEquals("1023 B", Formats.bytes(1023));
        assertEquals("1.0 KiB", Formats.bytes(1024));
        assertEquals("1.5 KiB", Formats.bytes(1536));
        assertEquals("1.0 MiB", Formats.bytes(1024 * 1024 - 1));
        assertEquals("12.3 MiB", Formats.bytes(12_897_485));
        assertEquals("5.0 GiB", Formats.bytes(5L << 30));
        assertEquals("8.0 EiB", Formats.bytes(Long.MAX_VALUE));
    }

    @Test
    public void durationsShowTheirTwoLeadingUnits() {
        assertEquals("0s", Formats.duration(Duration.ZERO));
        assertEquals("0s", Formats.duration(Duration.ofSeconds(-5)));
        assertEquals("42s", Formats.duration(Duration.ofSeconds(42)));
        assertEquals("5m 03s", Formats.duration(Duration.ofSeconds(303)));
        assertEquals("2h 05m", Formats.duration(Duration.ofMinutes(125).plusSeconds(59)));
        assertEquals("3d 04h", Formats.duration(Duration.ofHours(76)));
        assertEquals("1m 00s", Formats.age(NOW.minusSeconds(60), NOW));
    }

    @Test
    public void restUrlFollowsTheModeAndBracketsIpv6() {
        assertEquals("http://0.0.0.0:8080", Formats.restUrl(true, "0.0.0.0", 8080));
        assertEquals("https://[::]:443", Formats.restUrl(false, "::", 443));
        assertEquals("https://[::1]:443", Formats.restUrl(false, "[::1]", 443));
    }

    @Test
    public void rangesAndPortLists() {
        assertEquals("6000-6050, 7000", Formats.ranges(List.of(new PortRange(6000, 6050), PortRange.single(7000))));
        assertEquals("none", Formats.ranges(List.of()));
        assertEquals("6051, 6052", Formats.portList(List.of(6051, 6052)));
        assertEquals("none", Formats.portList(List.of()));
    }

    @Test
    public void expiryAndRelativeTimes() {
        assertEquals("2026-06-01T12:00:00Z (in 365 days)", Formats.expiry(NOW.plus(Duration.ofDays(365)), NOW));
        assertEquals("2025-06-01T17:00:00Z (in 5h 00m)", Formats.expiry(NOW.plus(Duration.ofHours(5)), NOW));
        assertEquals("2025-05-29T12:00:00Z (EXPIRED 3 days ago)", Formats.expiry(NOW.minus(Duration.ofDays(3)), NOW));
        assertEquals("1 connection", Formats.count(1, "connection"));
        assertEquals("0 connections", Formats.count(0, "connection"));
    }

    @Test
    public void linesAlignTheirValues() {
        var bytes = new java.io.ByteArrayOutputStream();
        new Lines().add("A", 1).add("Longer", "x").print(new java.io.PrintStream(bytes, true,
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("A      : 1\nLonger : x\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8)
                .replace(System.lineSeparator(), "\n"));
    }
}
