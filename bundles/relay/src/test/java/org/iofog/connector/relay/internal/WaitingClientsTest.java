package org.iofog.connector.relay.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class WaitingClientsTest {

    private final InetAddress flooder = address(2);
    private final InetAddress other = address(3);
    private final InetAddress third = address(4);

    @Test
    public void addressesTakeTurnsHoweverManyClientsOneOfThemHasWaiting() {
        WaitingClients<String> waiting = new WaitingClients<>();
        for (int i = 0; i < 1_000; i++) {
            waiting.add(flooder, "flood-" + i);
        }
        waiting.add(other, "other-0");
        waiting.add(third, "third-0");
        waiting.add(other, "other-1");
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            served.add(waiting.poll(source -> true));
        }
        assertEquals(List.of("flood-0", "other-0", "third-0", "flood-1", "other-1", "flood-2"), served);
        assertEquals(997, waiting.size());
        assertEquals(997, waiting.waitingFrom(flooder));
        assertEquals(0, waiting.waitingFrom(other));
    }

    @Test
    public void anAddressThatMayTakeNoMoreIsSkippedButKeepsItsClientsAndItsTurn() {
        WaitingClients<String> waiting = new WaitingClients<>();
        waiting.add(flooder, "flood-0");
        waiting.add(other, "other-0");
        assertEquals("other-0", waiting.poll(source -> !source.equals(flooder)));
        assertNull("nobody else may take one", waiting.poll(source -> !source.equals(flooder)));
        assertEquals("flood-0", waiting.poll(source -> true));
        assertEquals(0, waiting.size());
    }

    @Test
    public void aClientThatLeavesIsForgotten() {
        WaitingClients<String> waiting = new WaitingClients<>();
        waiting.add(flooder, "a");
        waiting.add(other, "b");
        assertTrue(waiting.remove(flooder, "a"));
        assertFalse("only once", waiting.remove(flooder, "a"));
        assertEquals("b", waiting.poll(source -> true));
        assertNull(waiting.poll(source -> true));
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
