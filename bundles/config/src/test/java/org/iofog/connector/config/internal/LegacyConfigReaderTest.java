package org.iofog.connector.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.iofog.connector.api.ports.PortRange;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LegacyConfigReaderTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(String json) throws IOException {
        Path file = folder.getRoot().toPath().resolve("iofog-connector.conf");
        Files.writeString(file, json);
        return file;
    }

    private String problem(String json) throws IOException {
        Path file = write(json);
        String message = assertThrows(LegacyConfigException.class, () -> LegacyConfigReader.read(file)).getMessage();
        assertTrue(message, message.startsWith(file + ": "));
        return message.substring(file.toString().length() + 2);
    }

    @Test
    public void readsTheSetUpGuidesExample() throws Exception {
        LegacyConfig config = LegacyConfigReader.read(write("""
                {
                  "ports": ["6000-6001", "7000-7002", "30000-39999", "40000-49999"],
                  "exclude": ["7001"],
                  "broker": 12345,
                  "address": "127.0.0.1"
                }"""));
        assertEquals(List.of(new PortRange(6000, 6001), new PortRange(7000, 7002), new PortRange(30000, 39999),
                new PortRange(40000, 49999)), config.ports());
        assertEquals(List.of(PortRange.single(7001)), config.exclude());
        assertEquals(12345, config.broker());
        assertEquals("127.0.0.1", config.address());
        assertFalse("dev absent means production, as the old daemon read it", config.dev());
    }

    @Test
    public void readsDevMode() throws Exception {
        assertTrue(LegacyConfigReader.read(write(
                "{\"ports\":[\"6000\"],\"exclude\":[],\"broker\":1,\"address\":\"a\",\"dev\":true}")).dev());
    }

    @Test
    public void eachMissingFieldIsNamed() throws Exception {
        assertEquals("field \"ports\" is missing", problem("{\"exclude\":[],\"broker\":1,\"address\":\"a\"}"));
        assertEquals("field \"exclude\" is missing", problem("{\"ports\":[],\"broker\":1,\"address\":\"a\"}"));
        assertEquals("field \"broker\" is missing", problem("{\"ports\":[],\"exclude\":[],\"address\":\"a\"}"));
        assertEquals("field \"address\" is missing", problem("{\"ports\":[],\"exclude\":[],\"broker\":1}"));
    }

    @Test
    public void badRangesAreNamedWithTheirPosition() throws Exception {
        assertEquals("field \"ports\" item 2: \"60x0-7000\" is not a port or a range of ports (expected \"a-b\" or"
                + " \"a\" with whole numbers from 1 to 65535)",
                problem("{\"ports\":[\"5000\",\"60x0-7000\"],\"exclude\":[],\"broker\":1,\"address\":\"a\"}"));
        assertEquals("field \"exclude\" item 1: \"7000-6000\": range 7000-6000 starts after it ends (first port"
                + " must be <= last port)",
                problem("{\"ports\":[\"5000\"],\"exclude\":[\"7000-6000\"],\"broker\":1,\"address\":\"a\"}"));
        assertEquals("field \"ports\" item 1: \"1-70000\": last port 70000 is outside 1-65535",
                problem("{\"ports\":[\"1-70000\"],\"exclude\":[],\"broker\":1,\"address\":\"a\"}"));
        assertEquals("field \"ports\" must be an array of port ranges such as [\"6000-6050\", \"7000\"]",
                problem("{\"ports\":\"6000-6050\",\"exclude\":[],\"broker\":1,\"address\":\"a\"}"));
    }

    @Test
    public void badScalarsAreNamed() throws Exception {
        assertEquals("field \"broker\": \"12345\" is not a whole number",
                problem("{\"ports\":[],\"exclude\":[],\"broker\":\"12345\",\"address\":\"a\"}"));
        assertEquals("field \"broker\": 0 is not a port (expected 1-65535)",
                problem("{\"ports\":[],\"exclude\":[],\"broker\":0,\"address\":\"a\"}"));
        assertEquals("field \"address\": 5 is not a host name or address",
                problem("{\"ports\":[],\"exclude\":[],\"broker\":1,\"address\":5}"));
        assertEquals("field \"dev\": \"yes\" is not true or false",
                problem("{\"ports\":[],\"exclude\":[],\"broker\":1,\"address\":\"a\",\"dev\":\"yes\"}"));
    }

    @Test
    public void notJsonIsReportedWithItsPosition() throws Exception {
        String problem = problem("{\"ports\": [\"6000-6050\"\n \"exclude\": []}");
        assertTrue(problem, problem.startsWith("not valid JSON at line 2, column 2: "));
        assertEquals("the file is empty (expected JSON)", problem(""));
        assertEquals("expected a JSON object with the fields ports, exclude, broker and address", problem("[1]"));
    }
}
