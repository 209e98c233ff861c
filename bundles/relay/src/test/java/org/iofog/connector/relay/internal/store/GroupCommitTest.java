package org.iofog.connector.relay.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.support.AtomicFiles;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GroupCommitTest {

    private static final int THREADS = 8;
    private static final int CHANGES_PER_THREAD = 200;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeRegistry registry = new FakeRegistry();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private Path file;
    private MappingStore store;

    @Before
    public void setUp() throws IOException {
        file = tmp.newFolder().toPath().resolve("configs.json");
        store = new MappingStore(file, registry::snapshot);
    }

    @After
    public void tearDown() {
        pool.shutdownNow();
    }

    @Test(timeout = 120_000)
    public void concurrentChangesShareFileWrites() throws Exception {
        AtomicInteger nextPort = new AtomicInteger(10000);
        List<Callable<Set<String>>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(() -> {
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < CHANGES_PER_THREAD; i++) {
                    int port = nextPort.getAndAdd(2);
                    Mapping mapping = FakeRegistry.publicMapping(port, port + 1);
                    store.awaitDurable(registry.add(mapping));
                    ids.add(mapping.id());
                }
                return ids;
            });
        }

        Set<String> added = new HashSet<>();
        for (Future<Set<String>> done : pool.invokeAll(workers)) {
            added.addAll(done.get());
        }

        int changes = THREADS * CHANGES_PER_THREAD;
        long writes = store.fileWrites.get();
        System.out.printf("group commit: %d changes from %d threads took %d file writes%n", changes, THREADS, writes);
        List<Mapping> stored = new MappingStore(file, registry::snapshot).load();
        assertEquals(changes, stored.size());
        assertEquals(added, stored.stream().map(Mapping::id).collect(Collectors.toSet()));
        assertTrue("writes " + writes + " should be fewer than changes " + changes, writes < changes);
    }

    @Test
    public void aDurableVersionReturnsWithoutWriting() throws IOException {
        long version = registry.add(FakeRegistry.directMapping());
        store.awaitDurable(version);

        store.awaitDurable(version);
        store.awaitDurable(version - 1);

        assertEquals(1, store.fileWrites.get());
    }

    @Test(timeout = 60_000)
    public void aFailedWriteReachesEveryCoveredCallerAndALaterCallSucceeds() throws Exception {
        IOException fault = new IOException("disk full (injected)");
        store.writer = (path, content) -> {
            throw fault;
        };
        List<Callable<Mapping>> callers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int port = 6000 + 2 * t;
            callers.add(() -> {
                Mapping mapping = FakeRegistry.publicMapping(port, port + 1);
                long version = registry.add(mapping);
                try {
                    store.awaitDurable(version);
                    return null;
                } catch (IOException e) {
                    assertSame(fault, e.getCause());
                    registry.remove(mapping.id()); // the caller's own rollback
                    return mapping;
                }
            });
        }

        for (Future<Mapping> result : pool.invokeAll(callers)) {
            assertTrue("every caller saw the failure", result.get() != null);
        }
        assertEquals(0, store.fileWrites.get());

        store.writer = AtomicFiles::writeOwnerOnly;
        Mapping later = FakeRegistry.privateMapping(7000, 7001);
        store.awaitDurable(registry.add(later));

        assertEquals(List.of(later), new MappingStore(file, registry::snapshot).load());
    }

    @Test(timeout = 60_000)
    public void aCallerWhoseChangeCameAfterAFailedSnapshotWritesItAgain() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch failFirstWrite = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        store.writer = (path, content) -> {
            if (writes.incrementAndGet() == 1) {
                firstWriteStarted.countDown();
                await(failFirstWrite);
                throw new IOException("injected");
            }
            AtomicFiles.writeOwnerOnly(path, content);
        };
        Mapping first = FakeRegistry.publicMapping(6000, 6001);
        long firstVersion = registry.add(first);
        Future<?> firstCaller = pool.submit(() -> {
            store.awaitDurable(firstVersion);
            return null;
        });
        assertTrue(firstWriteStarted.await(10, TimeUnit.SECONDS));

        // This change is not in the snapshot being written, so that write's failure is not this caller's.
        Mapping second = FakeRegistry.publicMapping(6002, 6003);
        long secondVersion = registry.add(second);
        Thread secondThread = new Thread(() -> {
            try {
                store.awaitDurable(secondVersion);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        List<Throwable> secondFailure = new ArrayList<>();
        secondThread.setUncaughtExceptionHandler((thread, e) -> secondFailure.add(e));
        secondThread.start();
        waitUntilWaiting(secondThread);
        failFirstWrite.countDown();

        try {
            firstCaller.get(10, TimeUnit.SECONDS);
            fail("the first caller's write failed");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof IOException);
        }
        secondThread.join(10_000);
        assertFalse(secondThread.isAlive());
        assertEquals(List.of(), secondFailure);
        assertEquals(2, writes.get());
        // The retry wrote the newest snapshot, which still holds the first change (the registry did not undo it).
        assertEquals(List.of(first, second), new MappingStore(file, registry::snapshot).load());
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("test latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void waitUntilWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                fail("the second caller never waited: " + thread.getState());
            }
            Thread.sleep(5);
        }
    }
}
