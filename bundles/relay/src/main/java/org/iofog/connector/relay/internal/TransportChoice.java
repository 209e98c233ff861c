package org.iofog.connector.relay.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;

/**
 * The transports present and which of them the relay should run on. Ranked as OSGi ranks services:
 * highest {@code service.ranking} first, then the oldest registration.
 *
 * <p>The relay takes every transport service and chooses here rather than through a reference
 * target filter naming one: a target on a transport that is absent (not loaded on this machine, or
 * its feature uninstalled) would deactivate the relay and close every mapping, where falling back
 * to the best transport present keeps them open.
 */
final class TransportChoice {

    /** A registered transport service. */
    record Candidate(RelayTransport transport, int ranking, long serviceId) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::ranking).reversed()
            .thenComparingLong(Candidate::serviceId);

    private final List<Candidate> candidates = new ArrayList<>();

    synchronized void add(Candidate candidate) {
        candidates.add(candidate);
        candidates.sort(BEST_FIRST);
    }

    synchronized void remove(RelayTransport transport) {
        candidates.removeIf(candidate -> candidate.transport() == transport);
    }

    /** Names of the transports present, best first. */
    synchronized List<String> available() {
        return candidates.stream().map(candidate -> candidate.transport().name()).toList();
    }

    /**
     * The transport to run on: the configured one when present, the best present for {@code auto} or
     * when the configured one is absent; null when none is present.
     */
    synchronized RelayTransport choose(String configured) {
        if (!TransportSettings.AUTO.equals(configured)) {
            for (Candidate candidate : candidates) {
                if (candidate.transport().name().equals(configured)) {
                    return candidate.transport();
                }
            }
        }
        return candidates.isEmpty() ? null : candidates.get(0).transport();
    }
}
