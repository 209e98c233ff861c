package org.iofog.connector.ports.internal;

import static org.iofog.connector.support.settings.SettingChecks.portRanges;
import static org.iofog.connector.support.settings.SettingChecks.read;

import java.util.List;

import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.RawValues;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.iofog.connector.ports}: its properties, their defaults, and how they are checked. */
final class PortsConfiguration {

    @ObjectClassDefinition(id = PortSettings.PID, name = "ioFog Connector ports",
            description = "The ports mappings may use")
    @interface Config {

        @AttributeDefinition(name = "Ports",
                description = "Port ranges (a-b) and single ports (a) to allocate from, comma-separated")
        String[] ports() default {"6000-6050"};

        @AttributeDefinition(name = "Exclude", required = false,
                description = "Port ranges and single ports removed from the ports above, comma-separated")
        String[] exclude() default {};
    }

    private PortsConfiguration() {
    }

    /** This PID has no boolean or number, so the raw values are not needed. */
    static PortSettings settings(Config c, RawValues raw) throws InvalidSettingException {
        List<PortRange> ports = portRanges("ports", read("ports", c::ports));
        if (ports.isEmpty()) {
            throw new InvalidSettingException("ports", "no port range given (expected e.g. 6000-6050)");
        }
        return new PortSettings(ports, portRanges("exclude", read("exclude", c::exclude)));
    }
}
