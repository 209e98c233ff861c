package org.iofog.connector.config.internal;

import static org.iofog.connector.config.internal.SettingChecks.portRanges;
import static org.iofog.connector.config.internal.SettingChecks.read;

import java.util.List;
import java.util.Map;

import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.api.settings.PortSettingsProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Publishes the validated settings of PID {@code org.iofog.connector.ports}. */
@Component(configurationPid = PortSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true,
        service = PortSettingsProvider.class)
@Designate(ocd = PortSettingsComponent.Config.class)
public class PortSettingsComponent extends SettingsComponent<PortSettingsComponent.Config, PortSettings>
        implements PortSettingsProvider {

    @ObjectClassDefinition(id = PortSettings.PID, name = "ioFog Connector ports",
            description = "The ports mappings may use")
    public @interface Config {

        @AttributeDefinition(name = "Ports",
                description = "Port ranges (a-b) and single ports (a) to allocate from, comma-separated")
        String[] ports() default {"6000-6050"};

        @AttributeDefinition(name = "Exclude", required = false,
                description = "Port ranges and single ports removed from the ports above, comma-separated")
        String[] exclude() default {};
    }

    public PortSettingsComponent() {
        super(PortSettings.PID, Config.class);
    }

    /** Takes the raw properties as every settings component does; this PID has no boolean or number in them. */
    @Activate
    @Modified
    void configure(Config config, Map<String, Object> properties) {
        apply(config, properties);
    }

    @Override
    PortSettings parse(Config c, RawValues raw) throws InvalidSettingException {
        List<PortRange> ports = portRanges("ports", read("ports", c::ports));
        if (ports.isEmpty()) {
            throw new InvalidSettingException("ports", "no port range given (expected e.g. 6000-6050)");
        }
        return new PortSettings(ports, portRanges("exclude", read("exclude", c::exclude)));
    }
}
