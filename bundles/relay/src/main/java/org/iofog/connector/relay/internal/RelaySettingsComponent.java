package org.iofog.connector.relay.internal;

import static org.iofog.connector.support.settings.SettingChecks.atLeast;
import static org.iofog.connector.support.settings.SettingChecks.fraction;
import static org.iofog.connector.support.settings.SettingChecks.intAtLeast;
import static org.iofog.connector.support.settings.SettingChecks.path;
import static org.iofog.connector.support.settings.SettingChecks.read;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.iofog.connector.api.settings.ConnectorFolder;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.iofog.connector.support.settings.BindAddressCheck;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.iofog.connector.support.settings.RawValues;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Publishes the validated settings of PID {@code org.iofog.connector.relay}. A provider of its own, not part of
 * a component that uses them, because two bundles use them: the relay, and the port allocator, which checks
 * that a port is free on the relay's bind address.
 */
@Component(configurationPid = RelaySettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true,
        service = RelaySettingsProvider.class)
@Designate(ocd = RelaySettingsComponent.Config.class)
public class RelaySettingsComponent implements RelaySettingsProvider {

    @ObjectClassDefinition(id = RelaySettings.PID, name = "ioFog Connector relay",
            description = "How relay ports listen, how long they wait, and where mappings are kept")
    public @interface Config {

        @AttributeDefinition(name = "Bind address", description = "Address relay ports bind to; 0.0.0.0 for all")
        String bind_address() default "0.0.0.0";

        @AttributeDefinition(name = "Authentication timeout (ms)",
                description = "How long a new agent connection may take to send its passcode", min = "100")
        long auth_timeout_ms() default 10_000;

        @AttributeDefinition(name = "Public client wait (ms)",
                description = "How long a public client waits for an idle agent connection before it is closed",
                min = "0")
        long public_client_wait_ms() default 10_000;

        @AttributeDefinition(name = "Private pipe hold (bytes)",
                description = "Bytes held for an absent private-pipe peer before the sender is slowed down",
                min = "0")
        int private_hold_bytes() default 1 << 20;

        @AttributeDefinition(name = "Mappings file",
                description = "Where mappings are kept (configs.json format); relative to the Karaf base directory."
                        + " etc/iofog-connector/configs.json, the default of earlier versions, means the present"
                        + " default: the file is moved there")
        String mappings_file() default "iofog-connector/configs.json";

        @AttributeDefinition(name = "Share of a public mapping per source address",
                description = "The share of a public mapping's maxconnections one client address may hold at once"
                        + " (never less than one connection); clients over it wait. 0 turns the limit off; 0.5 is"
                        + " recommended for ports that face the Internet", min = "0", max = "1")
        double source_max_share() default 0;

        @AttributeDefinition(name = "Waiting public clients per source address",
                description = "Public clients one address may have waiting for an agent connection on one mapping;"
                        + " more are closed at once. 0 turns the limit off", min = "0")
        int source_max_waiting() default RelaySettings.DEFAULT_SOURCE_MAX_WAITING;

        @AttributeDefinition(name = "Least settle time of a new agent connection (ms)",
                description = "A newly authenticated public-pipe agent connection is paired with a client only once"
                        + " it has sent nothing for twice its handshake time, and at least this long, so that bytes"
                        + " of an earlier session reach no client: what the agent resends after a redial, and a"
                        + " local service's last segment that Nagle's algorithm held back until the agent's delayed"
                        + " ACK (about 40 ms on Linux)", min = "0")
        long agent_settle_min_ms() default 100;
    }

    private final LastGoodSettings<Config, RelaySettings> settings = new LastGoodSettings<>(
            RelaySettingsComponent.class, RelaySettings.PID, Config.class, this::parse);

    private final BindAddressCheck bindAddress;
    private final ConnectorFolder folder;

    /** The connector's folder is known before the first configuration is read: the mappings file needs it. */
    @Activate
    public RelaySettingsComponent(@Reference(name = "connectorFolder") ConnectorFolder folder) {
        this(BindAddressCheck.system(), folder);
    }

    /** Tests state the machine's addresses through the check instead of depending on the host's. */
    RelaySettingsComponent(BindAddressCheck bindAddress, ConnectorFolder folder) {
        this.bindAddress = bindAddress;
        this.folder = folder;
    }

    /** The raw properties let booleans and numbers be read strictly (see {@link RawValues}). */
    @Activate
    @Modified
    void configure(Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
    }

    @Override
    public RelaySettings current() {
        return settings.current();
    }

    @Override
    public Optional<String> problem() {
        return settings.problem();
    }

    private RelaySettings parse(Config c, RawValues raw) throws InvalidSettingException {
        return new RelaySettings(
                bindAddress.check("bind.address", read("bind.address", c::bind_address), settings.first()),
                Duration.ofMillis(atLeast("auth.timeout.ms", raw.wholeNumber("auth.timeout.ms", c::auth_timeout_ms),
                        100)),
                Duration.ofMillis(atLeast("public.client.wait.ms",
                        raw.wholeNumber("public.client.wait.ms", c::public_client_wait_ms), 0)),
                intAtLeast("private.hold.bytes", raw.wholeNumber("private.hold.bytes", c::private_hold_bytes), 0),
                folder.resolve(path("mappings.file", read("mappings.file", c::mappings_file))),
                fraction("source.max.share", raw.decimal("source.max.share", c::source_max_share)),
                intAtLeast("source.max.waiting", raw.wholeNumber("source.max.waiting", c::source_max_waiting), 0),
                Duration.ofMillis(atLeast("agent.settle.min.ms",
                        raw.wholeNumber("agent.settle.min.ms", c::agent_settle_min_ms), 0)));
    }
}
