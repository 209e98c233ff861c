package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingStatus;

/**
 * The live side of one mapping: its two listeners and every connection they accepted. A pipe owns
 * them: {@link #close()} closes all of them, without waiting for busy connections.
 */
abstract class Pipe implements MappingEntry {

    protected final Mapping mapping;
    /** The sockets under the pipe. */
    protected final RelayEngine engine;
    protected final LongAdder bytesPort1ToPort2 = new LongAdder();
    protected final LongAdder bytesPort2ToPort1 = new LongAdder();
    /** Every accepted connection; closed connections leave it by themselves. */
    protected final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listener listener1;
    private volatile Listener listener2;

    Pipe(Mapping mapping, RelayEngine engine) {
        this.mapping = mapping;
        this.engine = engine;
    }

    @Override
    public Mapping mapping() {
        return mapping;
    }

    /** Binds both listeners; returns once both accept connections, or throws having bound nothing. */
    @Override
    public void open() throws IOException {
        Listener first = engine.listen(mapping.port1(), this, 1);
        try {
            listener2 = engine.listen(mapping.port2(), this, 2);
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
        listener1 = first;
    }

    /**
     * The event loops the connections accepted on port 1 or 2 are spread over: all of the transport's by
     * default. A pipe that knows how its connections will pair off can place them, so that relayed bytes
     * never hop between threads.
     */
    EventLoopGroup connectionLoops(EventLoopGroup workers, int port) {
        return workers;
    }

    /** Sets up a connection accepted on port 1 or 2. Called on the connection's event loop. */
    abstract void accepted(Channel channel, int port);

    /** Closes both listeners and every connection; returns once the listening sockets are released. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Listeners first, so that nothing is accepted after the connections were closed.
        if (listener1 != null) {
            listener1.close();
        }
        if (listener2 != null) {
            listener2.close();
        }
        connections.close();
    }

    @Override
    public MappingStatus status() {
        Listener one = listener1;
        Listener two = listener2;
        return new MappingStatus(mapping, one != null && one.isActive(), two != null && two.isActive(),
                agentsPort1(), agentsPort2(), publicClients(), bytesPort1ToPort2.sum(), bytesPort2ToPort1.sum());
    }

    /**
     * Bytes waiting in the connections' outbound buffers: what back-pressure keeps bounded, whatever
     * the speed of the two sides.
     */
    long bufferedBytes() {
        long total = 0;
        for (Channel channel : connections) {
            var outbound = channel.unsafe().outboundBuffer();
            if (outbound != null) {
                total += outbound.totalPendingWriteBytes();
            }
        }
        return total;
    }

    abstract int agentsPort1();

    abstract int agentsPort2();

    abstract int publicClients();
}
