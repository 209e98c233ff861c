package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.AUTHORIZED;
import static org.iofog.connector.relay.internal.Wire.closedWithin;
import static org.iofog.connector.relay.internal.Wire.oneRead;
import static org.iofog.connector.relay.internal.Wire.send;
import static org.iofog.connector.relay.internal.Wire.silentFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The wrong-passcode slow-down and its log lines, for every address, loopback included (docs/protocol.md §3). */
public class AuthThrottleTest {

    private static final String WRONG = "00000000-0000-4000-8000-000000000000";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final AtomicLong clock = new AtomicLong();
    private final InetAddress remote = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7});

    public AuthThrottleTest() throws Exception {
    }

    @Test
    public void delaysGrowAfterTheFreeFailuresAndAreCapped() {
        AuthThrottle throttle = new AuthThrottle(100, 5_000, clock::get);
        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            assertEquals("failure " + (i + 1) + " is not delayed", 0, throttle.failed(remote));
        }
        assertEquals(100, throttle.failed(remote));
        assertEquals(200, throttle.failed(remote));
        for (int i = 0; i < 20; i++) {
            throttle.failed(remote);
        }
        assertEquals(5_000, throttle.failed(remote));
    }

    @Test
    public void failuresAreForgottenAfterTheWindow() {
        AuthThrottle throttle = new AuthThrottle(100, 5_000, clock::get);
        for (int i = 0; i < 6; i++) {
            throttle.failed(remote);
        }
        clock.addAndGet(TimeUnit.SECONDS.toNanos(AuthThrottle.WINDOW_SECONDS + 1));
        assertEquals(0, throttle.failed(remote));
    }

    @Test
    public void loopbackIsSlowedDownLikeAnyOtherAddress() {
        AuthThrottle throttle = new AuthThrottle(100, 5_000, clock::get);
        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            throttle.failed(InetAddress.getLoopbackAddress());
        }
        assertEquals(100, throttle.failed(InetAddress.getLoopbackAddress()));
    }

    @Test
    public void wrongPasscodesFromLoopbackAreAnsweredLaterButARightOneNeverIs() throws Exception {
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
            for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
                try (Socket socket = relay.connect(mapping.port1())) {
                    send(socket, WRONG);
                    assertTrue("closed at once", closedWithin(socket, 2_000));
                }
            }
            for (int i = 0; i < 4; i++) {
                try (Socket socket = relay.connect(mapping.port1())) {
                    send(socket, WRONG);
                    assertTrue("the answer is delayed", silentFor(socket, 50));
                    assertTrue("then closed", closedWithin(socket, 5_000));
                }
            }
            // The next wrong passcode would wait 1.6 s; a right one is answered at once.
            try (Socket socket = relay.connect(mapping.port1())) {
                long start = System.nanoTime();
                send(socket, mapping.passcodePort1());
                assertEquals("a right passcode is never refused", AUTHORIZED, oneRead(socket, 10, 10_000));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue("a right passcode is not delayed: " + millis + " ms", millis < 1_000);
            }
            assertEquals(4, relay.counters.counters().throttledAuthentications());
        }
    }

    /** The real agent redials at once after each close: with a wrong passcode, on the same host, as fast as it can. */
    @Test
    public void anAgentWithAWrongPasscodeOnTheSameHostRedialsAFewTimesASecondAtMost() throws Exception {
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int dials = 0;
            while (System.nanoTime() < end) {
                try (Socket socket = relay.connect(mapping.port1())) {
                    dials++;
                    send(socket, WRONG);
                    closedWithin(socket, 10_000);
                }
            }
            // 3 free, then 0.1 + 0.2 + 0.4 + 0.8 + 1.6 s: 8 or 9 dials in 3 s (unthrottled: thousands).
            assertTrue("dials in 3 s: " + dials, dials <= 10);
        }
    }

    @Test
    public void threeThousandWrongPasscodesFromLoopbackWriteAFewLinesAndTheRightAgentStillGetsIn() throws Exception {
        // Short delays so that 3,000 refusals take seconds; the lines do not depend on the delays.
        AuthThrottle throttle = new AuthThrottle(1, 20, System::nanoTime);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try (TestRelay relay = TestRelay.withThrottle(folder.getRoot().toPath(), throttle)) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            List<Future<?>> guessers = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                guessers.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        try (Socket socket = relay.connect(mapping.port1())) {
                            send(socket, WRONG);
                            closedWithin(socket, 10_000);
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(300);
            try (Socket agent = relay.connect(mapping.port1())) {
                send(agent, mapping.passcodePort1());
                assertEquals("the right agent gets in during the flood", AUTHORIZED, oneRead(agent, 10, 2_000));
            }
            for (Future<?> guesser : guessers) {
                guesser.get(120, TimeUnit.SECONDS);
            }
            Eventually.equal("refusals counted", 3_000L, () -> relay.counters.counters().authFailures());
        } finally {
            System.setErr(stderr);
            pool.shutdownNow();
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        long lines = log.lines().filter(line -> line.contains("org.iofog.connector")).count();
        stderr.println("Log lines for 3,000 wrong passcodes: " + lines);
        assertTrue("log lines for 3,000 wrong passcodes: " + lines + "\n" + log, lines <= 24);
        assertTrue("the first refusal is named: " + log, log.contains("rejected: wrong passcode"));
    }
}
