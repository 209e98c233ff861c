package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/** Bulk transfers with checksums, for the integrity and back-pressure tests. */
final class Streams {

    static final int CHUNK = 64 * 1024;

    private Streams() {
    }

    /** Writes {@code total} pseudo-random bytes in 64 KiB writes (as the agent does) and returns their CRC32. */
    static long sendRandom(OutputStream out, long total, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[CHUNK];
        for (long sent = 0; sent < total; ) {
            int n = (int) Math.min(CHUNK, total - sent);
            random.nextBytes(chunk);
            out.write(chunk, 0, n);
            crc.update(chunk, 0, n);
            sent += n;
        }
        out.flush();
        return crc.getValue();
    }

    /** Reads exactly {@code total} bytes and returns their CRC32; fails if the stream ends early. */
    static long receive(InputStream in, long total) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[CHUNK];
        for (long got = 0; got < total; ) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, total - got));
            if (n < 0) {
                throw new IOException("stream ended after " + got + " of " + total + " bytes");
            }
            crc.update(buf, 0, n);
            got += n;
        }
        return crc.getValue();
    }
}
