package org.iofog.connector.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.Test;

/**
 * The commands' options read by Karaf's own parser, as the console reads them: options first, then the arguments;
 * the numbers it reads are then checked against the ranges the commands accept.
 */
public class OptionsFirstTest {

    private final FakeRegistry registry = new FakeRegistry();
    private final List<Object> added = registry.added;

    /** Fills the action's fields from a command line, as the console does before it calls execute(). */
    private static <A extends Action> A parse(A action, String... words) throws Exception {
        assertTrue(new DefaultActionPreparator().prepare(action, null, new ArrayList<>(Arrays.asList(words))));
        return action;
    }

    private static String refusal(Action action, String... words) {
        return assertThrows(CommandException.class, () -> parse(action, words)).getMessage();
    }

    @Test
    public void optionsComeBeforeTheArguments() throws Exception {
        MappingAddCommand add = parse(mappingAdd(), "--max-connections-port2", "2", "--heartbeat-threshold-port1=0",
                "private");
        add.run(new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(List.of(new PrivatePipeSpec(1, 2, 0, 200_000)), added);
        MappingCommand show = parse(new MappingCommand(), "--show-secrets", "id-PUBLIC");
        assertTrue(show.showSecrets);
        assertEquals("id-PUBLIC", show.id);
        assertEquals(Integer.valueOf(10), parse(mappingAdd(), "--max-connections", "+10", "public").maxConnections);
        TransportCommand transport = parse(new TransportCommand(), "--wait", "0", "nio");
        assertEquals(List.of(0, "nio"), List.of(transport.waitSeconds, transport.name));
    }

    @Test
    public void anOptionAfterTheArgumentsIsRefusedByKaraf() {
        assertEquals("Too many arguments specified", refusal(mappingAdd(), "public", "--max-connections", "10"));
        assertEquals("Too many arguments specified", refusal(new MappingCommand(), "id-PUBLIC", "--show-secrets"));
        assertEquals("Too many arguments specified", refusal(new TransportCommand(), "nio", "--wait", "5"));
        assertEquals("nothing was opened", List.of(), added);
    }

    @Test
    public void whatKarafCannotReadIsNamedByKaraf() {
        assertEquals("Unable to convert option --max-connections with value 'ten' to type java.lang.Integer",
                refusal(mappingAdd(), "--max-connections", "ten", "public"));
        assertEquals("beyond an int", "Unable to convert option --max-connections with value '2147483648' to type"
                + " java.lang.Integer", refusal(mappingAdd(), "--max-connections", "2147483648", "public"));
        assertEquals("Unable to convert option --wait with value '1.5' to type int",
                refusal(new TransportCommand(), "--wait", "1.5", "nio"));
        assertEquals("Undefined option: --max-conections", refusal(mappingAdd(), "--max-conections", "3", "public"));
        assertEquals("Missing value for option: --wait", refusal(new TransportCommand(), "--wait"));
    }

    @Test
    public void aNumberKarafReadIsCheckedAgainstTheRange() throws Exception {
        assertMistake("--max-connections must be between 1 and 2147483647: 0",
                parse(mappingAdd(), "--max-connections", "0", "public"));
        assertMistake("--heartbeat-threshold must be between 0 and 9223372036854775807: -1",
                parse(mappingAdd(), "--heartbeat-threshold=-1", "public"));
        assertMistake("--max-connections does not apply to a private mapping",
                parse(mappingAdd(), "--max-connections", "3", "private"));
        assertMistake("--wait must be between 0 and 2147483647: -1", parse(new TransportCommand(), "--wait", "-1",
                "nio"));
        assertEquals("nothing was opened", List.of(), added);
    }

    private static void assertMistake(String message, Action action) {
        Exception thrown = assertThrows(Exception.class, action::execute);
        assertEquals(CommandException.class, thrown.getClass());
        assertEquals(message, thrown.getMessage());
    }

    private MappingAddCommand mappingAdd() {
        MappingAddCommand command = new MappingAddCommand();
        command.registry = registry;
        return command;
    }
}
