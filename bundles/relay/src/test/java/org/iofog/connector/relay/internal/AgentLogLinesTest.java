package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What the relay's INFO lines say about agents: news for an operator, not a line per public client. */
public class AgentLogLinesTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void anAgentWithAPoolOfOneReconnectingAfterEveryClientIsOneLine() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String where;
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
            where = "to port " + mapping.port1() + " of mapping " + mapping.id() + " authenticated";
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (int i = 0; i < 10; i++) {
                // As the real agent: its only connection closes with each client, and it redials at once.
                try (Socket connection = agent(relay, mapping.port1(), mapping.passcodePort1())) {
                    Eventually.equal("authenticated", 1, () -> relay.registry.status(mapping.id()).orElseThrow()
                            .agentsPort1());
                }
                Eventually.equal("closed", 0, () -> relay.registry.status(mapping.id()).orElseThrow().agentsPort1());
            }
        } finally {
            System.setErr(stderr);
        }
        long lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(where) && line.contains("INFO")).count();
        assertEquals("INFO lines for 10 reconnections within seconds", 1, lines);
    }
}
