package org.iofog.connector.relay.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.iofog.connector.api.mapping.Mapping;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Kills a JVM that is adding mappings and checks that the file is whole and holds every acknowledged add:
 * once with the store alone, once with the whole relay (listeners bound, then the group-committed write).
 */
@RunWith(Parameterized.class)
public class CrashSafetyTest {

    @Parameters(name = "{0}")
    public static List<Object[]> children() {
        return List.of(new Object[] {"StoreCrashChild", StoreCrashChild.class.getName()},
                new Object[] {"RegistryCrashChild", "org.iofog.connector.relay.internal.RegistryCrashChild"});
    }

    private final String childClass;

    public CrashSafetyTest(String name, String childClass) {
        this.childClass = childClass;
    }

    private static final int ACKS_BEFORE_KILL = 300;
    private static final String END = "\u0000end";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Process child;

    @After
    public void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test(timeout = 60_000)
    public void everyAcknowledgedAddSurvivesAKill() throws Exception {
        Path dir = tmp.newFolder().toPath();
        Path file = dir.resolve("configs.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                childClass, file.toString(), "20")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(child, lines), "child-stdout");
        reader.setDaemon(true);
        reader.start();

        Set<String> acked = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (acked.size() < ACKS_BEFORE_KILL) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END) || line.equals("DONE")) {
                fail("the child stopped or stalled after " + acked.size() + " acks: " + line);
            }
            acked.add(ackedId(line));
        }
        child.destroyForcibly();
        assertTrue("the child did not die", child.waitFor(10, TimeUnit.SECONDS));
        // Lines already in the pipe were acknowledged before the kill: they count too.
        for (String line = lines.poll(10, TimeUnit.SECONDS); !END.equals(line); line = lines.poll(10, TimeUnit.SECONDS)) {
            if (line == null) {
                fail("the child's output never ended");
            }
            acked.add(ackedId(line));
        }

        List<Mapping> loaded = new MappingStore(file, () -> {
            throw new AssertionError("nothing is written here");
        }).load();

        // The file was valid: load keeps it, with the journal folded in (a temp file of a write cut short
        // may remain until the next write replaces it).
        assertEquals("load folded the journal into the file", List.of(file), list(dir).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".tmp")).toList());
        assertTrue(Files.exists(file));
        Set<String> stored = loaded.stream().map(Mapping::id).collect(Collectors.toSet());
        Set<String> missing = new HashSet<>(acked);
        missing.removeAll(stored);
        System.out.printf("crash test: %d acks, %d mappings in the file after the kill%n", acked.size(), stored.size());
        assertEquals("acknowledged but not in the file", Set.of(), missing);
    }

    private static String ackedId(String line) {
        assertTrue("unexpected output: " + line, line.startsWith("ACK "));
        return line.substring(4);
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The pipe breaks when the child is killed; what was read so far is all there is.
        } finally {
            lines.add(END);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }
}
