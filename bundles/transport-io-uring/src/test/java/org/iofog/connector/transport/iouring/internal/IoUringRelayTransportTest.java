package org.iofog.connector.transport.iouring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar;
import org.junit.Test;

/**
 * The io_uring transport as its bundle registers it. It fails, rather than skips, where io_uring does
 * not load: the build machine is Linux x86-64 with a kernel that allows io_uring, so a failure there is
 * a packaging bug or a changed build environment. Its sockets are tested by the relay's tests, which run
 * on every transport present (protocol, integrity, and swaps between transports sharing each port).
 */
public class IoUringRelayTransportTest {

    private final IoUringRelayTransport transport = new IoUringRelayTransport();

    @Test
    public void nativeIoUringLoadsAndIsRankedBelowEpoll() {
        Throwable cause = NativeTransportRegistrar.unavailabilityCause(IoUringTransportRegistrar.TRANSPORT);
        assertNull("io_uring must load on this machine but does not: " + NativeTransportRegistrar.describe(cause),
                cause);
        assertEquals("io_uring", IoUringTransportRegistrar.TRANSPORT.name());
        assertEquals(10, IoUringTransportRegistrar.TRANSPORT.ranking());
        assertEquals("io_uring", transport.name());
    }

    @Test
    public void doesNotSplice() {
        assertFalse(transport.supportsSplice());
        assertThrows(UnsupportedOperationException.class, () -> transport.splice(null, null, 1));
    }
}
