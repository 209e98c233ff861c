package org.iofog.connector.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;

import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.FixedMachine;
import org.junit.Test;

/** Defect 4 of issue 15: a bind address this machine lacks made every mapping add answer 507. */
/** The relay and REST settings check their bind address against the machine's (the check itself is tested in support). */
public class BindAddressCheckTest {

    private static final String TYPICAL_ADDRESSES = "(its addresses: 127.0.0.1, 192.0.2.2, ::1; 0.0.0.0 for all)";

    @Test
    public void relayRejectsAnAddressThisMachineLacksAndKeepsThePreviousOne() {
        RelaySettingsComponent component = new RelaySettingsComponent(FixedMachine.typical().check(), ConnectorDirectory.ofKaraf());
        configureRelay(component, "127.0.0.1");
        assertFalse(component.problem().isPresent());

        configureRelay(component, "192.0.2.123");
        assertEquals("bind.address: 192.0.2.123 is not an address of this machine " + TYPICAL_ADDRESSES,
                component.problem().orElseThrow());
        assertEquals("the last good setting stays", "127.0.0.1", component.current().bindAddress());
    }

    /** Rejecting it at the first start would put 0.0.0.0 in force: every interface instead of the one asked. */
    @Test
    public void anAddressThisMachineLacksAtTheFirstStartIsTakenRatherThanWidenedToEveryInterface() {
        RelaySettingsComponent component = new RelaySettingsComponent(FixedMachine.typical().check(), ConnectorDirectory.ofKaraf());
        configureRelay(component, "192.0.2.123");
        assertEquals("192.0.2.123", component.current().bindAddress());
    }

    private static void configureRelay(RelaySettingsComponent component, String bindAddress) {
        ConfigProxy.deliver(component::configure, RelaySettingsComponent.Config.class,
                Map.of("bind.address", bindAddress));
    }
}
