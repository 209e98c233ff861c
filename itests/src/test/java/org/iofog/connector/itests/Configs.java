package org.iofog.connector.itests;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Reads and changes Config Admin configurations the way an operator's edit of etc/*.cfg does. */
final class Configs {

    /**
     * A property each change carries with a new value, so that the change can be told apart from the one before
     * it even when it sets the same values. Components ignore keys they do not know.
     */
    private static final String CHANGE_KEY = "itest.change";
    private static final AtomicLong CHANGES = new AtomicLong();
    private static final Duration HANDED_OVER = Duration.ofSeconds(10);

    private final ConfigurationAdmin configurationAdmin;

    Configs(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /** A copy of the configuration's properties; empty when it has none. */
    Dictionary<String, Object> properties(String pid) throws IOException {
        return copyOf(configurationAdmin.getConfiguration(pid, "?").getProperties());
    }

    void update(String pid, Map<String, Object> changes) throws IOException {
        Dictionary<String, Object> properties = properties(pid);
        changes.forEach(properties::put);
        restore(pid, properties);
    }

    /**
     * Replaces the configuration's properties, and returns once Declarative Services has handed them to every
     * active component that uses the PID.
     *
     * <p>Without that wait, a second change of the same PID a few milliseconds later can be lost: Felix SCR reads
     * a configuration's properties and then its change count, so a change landing in between is recorded as seen
     * while the component keeps the older properties until the next change (seen in CI: {@code dev} stayed true
     * for 20 s after a restore to true and {@code dev = false} 3 ms apart; reproduced 9 times in 400 such pairs).
     * An operator's edits, seconds apart, do not meet this; tests that restore a setting and change it again do.
     */
    void restore(String pid, Dictionary<String, Object> saved) throws IOException {
        Dictionary<String, Object> marked = copyOf(saved);
        String change = String.valueOf(CHANGES.incrementAndGet());
        marked.put(CHANGE_KEY, change);
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        configuration.update(marked);
        awaitHandedOver(configuration, marked, change);
    }

    /** Removes the configuration, as deleting its etc/<pid>.cfg does: the component's defaults apply again. */
    void delete(String pid) throws IOException {
        configurationAdmin.getConfiguration(pid, "?").delete();
    }

    /**
     * Waits until every component that uses the PID has been given the change. Applies the change again when
     * the configuration lost it meanwhile: fileinstall writes each change to the etc file, and its poller can
     * read that file half-written and put what it read back into Config Admin, the file's last keys missing (seen
     * once in 2,400 changes made back to back here).
     */
    private static void awaitHandedOver(Configuration configuration, Dictionary<String, Object> properties,
            String change) throws IOException {
        String pid = configuration.getPid();
        BundleContext context = FrameworkUtil.getBundle(Configs.class).getBundleContext();
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime runtime = context.getService(reference);
        try {
            for (int attempt = 1; ; attempt++) {
                HandOver handOver = Poll.until("the change of " + pid + " to reach the components that use it, or"
                        + " to be lost", HANDED_OVER, () -> handOver(runtime, configuration, change), HandOver::ended);
                if (!handOver.lost()) {
                    return;
                }
                if (attempt == 3) {
                    throw new AssertionError("The change of " + pid + " was lost " + attempt + " times: now "
                            + configuration.getProperties());
                }
                System.err.println("Configs: the change of " + pid + " was replaced by " + configuration.getProperties()
                        + "; applying it again");
                configuration.update(properties);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the change of " + pid);
        } finally {
            context.ungetService(reference);
        }
    }

    /** Where a change stands: replaced in Config Admin, or not yet given to the components listed. */
    private record HandOver(boolean lost, List<String> componentsWithout) {
        boolean ended() {
            return lost || componentsWithout.isEmpty();
        }
    }

    private static HandOver handOver(ServiceComponentRuntime runtime, Configuration configuration, String change) {
        Dictionary<String, Object> now = configuration.getProperties();
        if (now == null || !change.equals(now.get(CHANGE_KEY))) {
            return new HandOver(true, List.of());
        }
        return new HandOver(false, componentsWithout(runtime, configuration.getPid(), change));
    }

    private static Dictionary<String, Object> copyOf(Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        if (properties != null) {
            for (var keys = properties.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                copy.put(key, properties.get(key));
            }
        }
        return copy;
    }

    /** The active or satisfied components configured by {@code pid} that have not been given {@code change}. */
    private static List<String> componentsWithout(ServiceComponentRuntime runtime, String pid, String change) {
        List<String> without = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if ("ignore".equals(description.configurationPolicy)
                    || !Arrays.asList(description.configurationPid).contains(pid)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                boolean running = configuration.state == ComponentConfigurationDTO.ACTIVE
                        || configuration.state == ComponentConfigurationDTO.SATISFIED;
                if (running && !change.equals(configuration.properties.get(CHANGE_KEY))) {
                    without.add(description.name + " (" + configuration.properties.get(CHANGE_KEY) + ")");
                }
            }
        }
        return without;
    }
}
