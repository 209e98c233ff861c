package org.iofog.connector.relay.internal;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A plain socket that can hold its writes back and send them in one go, so that a TLS socket layered
 * on it puts several records into one TCP segment, as a busy agent does.
 */
final class CorkedSocket extends Socket {

    private final ByteArrayOutputStream corked = new ByteArrayOutputStream();
    private boolean cork;
    private OutputStream out;

    CorkedSocket(int port) throws IOException {
        super(InetAddress.getLoopbackAddress(), port);
        setTcpNoDelay(true);
    }

    synchronized void cork() {
        cork = true;
    }

    /** Sends everything written since {@link #cork()} with one write. */
    synchronized void uncork() throws IOException {
        cork = false;
        OutputStream raw = super.getOutputStream();
        raw.write(corked.toByteArray());
        raw.flush();
        corked.reset();
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            OutputStream raw = super.getOutputStream();
            out = new FilterOutputStream(raw) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    synchronized (CorkedSocket.this) {
                        if (cork) {
                            corked.write(b, off, len);
                        } else {
                            raw.write(b, off, len);
                        }
                    }
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void flush() throws IOException {
                    synchronized (CorkedSocket.this) {
                        if (!cork) {
                            raw.flush();
                        }
                    }
                }
            };
        }
        return out;
    }
}
