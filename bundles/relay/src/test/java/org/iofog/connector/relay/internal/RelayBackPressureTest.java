package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.Rule;
import org.junit.Test;

/** A fast sender and a slow reader never make the connector buffer more than a bounded amount. */
public class RelayBackPressureTest {

    private static final long SIZE = 1024L * 1024 * 1024;
    /** Two connections' high water marks plus a read each: anything above means unbounded buffering. */
    private static final long BOUND = 2 * (RelayEngine.WATER_MARK.high() + Streams.CHUNK);

    @Rule
    public final DevRelay dev = new DevRelay();

    @Test
    public void oneGibibyteIntoASlowReaderKeepsTheBuffersBounded() throws Exception {
        Mapping mapping = dev.relay().registry.addPublic(new PublicPipeSpec(1, 0));
        Pipe pipe = dev.relay().registry.pipe(mapping.id());
        try (Socket agent = agent(dev.relay(), mapping.port1(), mapping.passcodePort1());
             Socket client = dev.relay().connect(mapping.port2())) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong peak = new AtomicLong();
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(pipe.bufferedBytes(), Math::max);
                    Thread.onSpinWait();
                }
            });
            CompletableFuture<Long> slowReader = CompletableFuture.supplyAsync(() -> readSlowly(agent));
            long sent = Streams.sendRandom(client.getOutputStream(), SIZE, 11);
            assertEquals("checksum", sent, (long) slowReader.get(300, TimeUnit.SECONDS));
            running.set(false);
            sampler.get(10, TimeUnit.SECONDS);
            assertTrue("peak buffered " + peak.get() + " bytes, bound " + BOUND, peak.get() <= BOUND);
            assertTrue("the sampler saw the buffers in use", peak.get() > 0);
        }
    }

    /** Reads 1 GiB in small reads with pauses, far slower than the sender writes. */
    private static long readSlowly(Socket socket) {
        try {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            byte[] buf = new byte[256 * 1024];
            long got = 0;
            int reads = 0;
            while (got < SIZE) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, SIZE - got));
                if (n < 0) {
                    throw new IllegalStateException("closed after " + got);
                }
                crc.update(buf, 0, n);
                got += n;
                if (++reads % 64 == 0) {
                    Thread.sleep(1);
                }
            }
            return crc.getValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
