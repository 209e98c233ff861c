package org.iofog.connector.bench;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.ports.internal.BindingPortProbe;
import org.iofog.connector.ports.internal.PortPool;
import org.iofog.connector.ports.internal.PortProbe;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allocating and releasing one pair over the widest ranges a connector can have (1024-65535).
 *
 * <p>{@code bookkeeping} measures the pool alone; {@code bindingProbe} adds the two real bind checks
 * on 127.0.0.1 that every allocation makes in production; {@code bookkeeping10kPairsHeld} shows the
 * cost does not grow with the number of ports already handed out.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PortAllocatorBenchmark {

    static final List<PortRange> ALL_PORTS = List.of(new PortRange(1024, 65535));
    static final int HELD_PAIRS = 10_000;

    /** A pool with nothing handed out. */
    @State(Scope.Thread)
    public static class EmptyPool {
        PortPool pool;

        @Setup(Level.Trial)
        public void setUp() {
            pool = new PortPool(ALL_PORTS, List.of());
        }
    }

    /** A pool with 20,000 ports already handed out, as on a busy connector. */
    @State(Scope.Thread)
    public static class LoadedPool {
        PortPool pool;

        @Setup(Level.Trial)
        public void setUp() throws NoAvailablePortsException {
            pool = new PortPool(ALL_PORTS, List.of());
            for (int i = 0; i < HELD_PAIRS; i++) {
                pool.allocatePair(PortProbe.ALWAYS_FREE);
            }
        }
    }

    /** The production probe, binding on the loopback address only. */
    @State(Scope.Thread)
    public static class LoopbackProbe {
        PortProbe probe;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            probe = new BindingPortProbe(InetAddress.getByName("127.0.0.1"));
        }
    }

    @Benchmark
    public PortPair bookkeeping(EmptyPool state) throws NoAvailablePortsException {
        return allocateAndRelease(state.pool, PortProbe.ALWAYS_FREE);
    }

    @Benchmark
    public PortPair bindingProbe(EmptyPool state, LoopbackProbe probe) throws NoAvailablePortsException {
        return allocateAndRelease(state.pool, probe.probe);
    }

    @Benchmark
    public PortPair bookkeeping10kPairsHeld(LoadedPool state) throws NoAvailablePortsException {
        return allocateAndRelease(state.pool, PortProbe.ALWAYS_FREE);
    }

    /** Returns the pair so that JMH consumes it and the work cannot be optimised away. */
    private static PortPair allocateAndRelease(PortPool pool, PortProbe probe) throws NoAvailablePortsException {
        PortPair pair = pool.allocatePair(probe);
        pool.release(pair.port1());
        pool.release(pair.port2());
        return pair;
    }
}
