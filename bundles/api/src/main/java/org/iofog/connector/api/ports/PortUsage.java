package org.iofog.connector.api.ports;

import java.util.List;

/**
 * A snapshot of the allocator's state, for status displays.
 *
 * @param ranges           the configured ranges
 * @param exclude          the configured exclusions
 * @param free             ports in the ranges that are neither excluded nor handed out
 * @param used             ports handed out (or restored) and not yet released, including those outside the ranges
 * @param usedOutsideRange ports still in use that the current ranges minus excludes no longer contain (after a narrowing)
 */
public record PortUsage(List<PortRange> ranges, List<PortRange> exclude, int free, int used,
                        List<Integer> usedOutsideRange) {

    public PortUsage {
        ranges = List.copyOf(ranges);
        exclude = List.copyOf(exclude);
        usedOutsideRange = List.copyOf(usedOutsideRange);
    }
}
