package org.iofog.connector.group.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import org.iofog.connector.api.group.ConnectorGroup;
import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.group.MappingReplication;
import org.iofog.connector.api.group.ReplicaTarget;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns PID {@code org.iofog.connector.group}: joins the group when it is enabled, leaves it when it is
 * switched off, and joins again with new settings, all without restarting anything else. Off (the default),
 * it starts no member and publishes no replication service, so the connector works exactly as alone.
 *
 * <p>Joining takes seconds (looking for the other members), so it runs on the component's own worker thread,
 * never on the thread that activates components; the same thread applies every change from the group.
 */
@Component(configurationPid = GroupConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = ConnectorGroup.class)
@Designate(ocd = GroupConfiguration.Config.class)
public class ConnectorGroupComponent implements ConnectorGroup {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorGroupComponent.class);
    private static final long CHECK_SECONDS = 15;
    private static final long RETRY_START_SECONDS = 30;

    private final BundleContext context;
    private final ReplicaTarget here;
    private final LastGoodSettings<GroupConfiguration.Config, GroupSettings> settings = new LastGoodSettings<>(
            ConnectorGroupComponent.class, GroupConfiguration.PID, GroupConfiguration.Config.class,
            GroupConfiguration::settings);
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "connector-group");
        thread.setDaemon(true);
        return thread;
    });

    // Written on the worker only.
    private volatile JoinedGroup joined;
    private volatile GroupStatus notJoined = GroupStatus.off();
    private ScheduledFuture<?> checks;

    @Activate
    public ConnectorGroupComponent(BundleContext context, @Reference ReplicaTarget here) {
        this.context = context;
        this.here = here;
    }

    @Activate
    void activate(GroupConfiguration.Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
        worker.execute(this::rejoin);
    }

    @Modified
    void modified(GroupConfiguration.Config config, Map<String, Object> properties) {
        if (settings.apply(config, properties)) {
            worker.execute(this::rejoin);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.execute(this::leave);
        worker.shutdown();
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("Leaving the group took more than 30 s; stopping anyway");
            worker.shutdownNow();
        }
    }

    @Override
    public GroupStatus status() {
        JoinedGroup group = joined;
        GroupStatus status = group != null ? group.status() : notJoined;
        Optional<String> rejected = settings.problem();
        if (rejected.isEmpty()) {
            return status;
        }
        List<String> problems = new ArrayList<>(status.problems());
        problems.add("latest configuration of " + GroupConfiguration.PID + " rejected: " + rejected.get()
                + "; the settings in force stay");
        return new GroupStatus(status.state(), status.name(), status.members(), status.replicatedMappings(), problems);
    }

    private void rejoin() {
        leave();
        GroupSettings wanted = settings.current();
        if (!wanted.enabled()) {
            notJoined = GroupStatus.off();
            return;
        }
        notJoined = new GroupStatus(GroupStatus.State.JOINING, wanted.name(), List.of(), 0, List.of());
        LOG.info("Joining group {}: members {}", wanted.name(), wanted.members());
        HazelcastInstance member;
        try {
            member = HazelcastMembers.start(wanted, ConnectorGroupComponent.class.getClassLoader());
        } catch (RuntimeException e) {
            String problem = "the group member did not start on " + (wanted.address().isEmpty() ? "port"
                    : wanted.address() + " port") + " " + wanted.port() + ": " + e.getMessage()
                    + " (check address and port in etc/" + GroupConfiguration.PID + ".cfg)";
            LOG.error("Group {} not joined: {}; trying again in {} s", wanted.name(), problem, RETRY_START_SECONDS);
            notJoined = new GroupStatus(GroupStatus.State.FAILED, wanted.name(), List.of(), 0, List.of(problem));
            checks = worker.schedule(this::rejoin, RETRY_START_SECONDS, TimeUnit.SECONDS);
            return;
        }
        JoinedGroup group = new JoinedGroup(wanted, member, here, worker, this::publish);
        joined = group;
        group.joined();
        checks = worker.scheduleWithFixedDelay(group::tidy, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    private Runnable publish(MappingReplication replication) {
        ServiceRegistration<MappingReplication> registration =
                context.registerService(MappingReplication.class, replication, null);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle is stopping and its services are gone already.
            }
        };
    }

    private void leave() {
        if (checks != null) {
            checks.cancel(false);
            checks = null;
        }
        JoinedGroup group = joined;
        if (group != null) {
            joined = null;
            notJoined = GroupStatus.off();
            group.leave();
        }
    }
}
