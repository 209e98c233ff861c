package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.AUTHORIZED;
import static org.iofog.connector.relay.internal.Wire.closedWithin;
import static org.iofog.connector.relay.internal.Wire.oneRead;
import static org.iofog.connector.relay.internal.Wire.send;
import static org.iofog.connector.relay.internal.Wire.silentFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

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
        AuthThrottle throttle = new AuthThrottle(true, clock::get);
        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            assertEquals("answer " + (i + 1) + " is not delayed", 0, throttle.delayMillis(remote));
            throttle.failed(remote);
        }
        assertEquals(100, throttle.delayMillis(remote));
        throttle.failed(remote);
        assertEquals(200, throttle.delayMillis(remote));
        for (int i = 0; i < 20; i++) {
            throttle.failed(remote);
        }
        assertEquals(AuthThrottle.MAX_DELAY_MILLIS, throttle.delayMillis(remote));
    }

    @Test
    public void failuresAreForgottenAfterTheWindowOrASuccess() {
        AuthThrottle throttle = new AuthThrottle(true, clock::get);
        for (int i = 0; i < 6; i++) {
            throttle.failed(remote);
        }
        clock.addAndGet(TimeUnit.SECONDS.toNanos(AuthThrottle.WINDOW_SECONDS + 1));
        assertEquals(0, throttle.delayMillis(remote));
        for (int i = 0; i < 6; i++) {
            throttle.failed(remote);
        }
        throttle.succeeded(remote);
        assertEquals(0, throttle.delayMillis(remote));
    }

    @Test
    public void loopbackIsNeverSlowedDown() {
        AuthThrottle throttle = new AuthThrottle(true, clock::get);
        for (int i = 0; i < 50; i++) {
            throttle.failed(InetAddress.getLoopbackAddress());
        }
        assertEquals(0, throttle.delayMillis(InetAddress.getLoopbackAddress()));
    }

    @Test
    public void repeatedWrongPasscodesAreAnsweredLaterButARightOneIsStillAccepted() throws Exception {
        // Loopback is exempt in production; this relay throttles it so that the test can use 127.0.0.1.
        try (TestRelay relay = TestRelay.withThrottle(folder.getRoot().toPath(), new AuthThrottle(false,
                System::nanoTime))) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
            for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
                try (Socket socket = relay.connect(mapping.port1())) {
                    send(socket, WRONG);
                    assertTrue("closed at once", closedWithin(socket, 2_000));
                }
            }
            for (int i = 0; i < 2; i++) {
                try (Socket socket = relay.connect(mapping.port1())) {
                    send(socket, WRONG);
                    assertTrue("the answer is delayed", silentFor(socket, 50));
                    assertTrue("then closed", closedWithin(socket, 5_000));
                }
            }
            try (Socket socket = relay.connect(mapping.port1())) {
                send(socket, mapping.passcodePort1());
                assertEquals("a right passcode is never refused", AUTHORIZED, oneRead(socket, 10, 10_000));
            }
        }
    }
}
