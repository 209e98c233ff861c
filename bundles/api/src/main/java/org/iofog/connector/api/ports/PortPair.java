package org.iofog.connector.api.ports;

/** The two ports of one mapping, as handed out together by {@link PortAllocator#allocatePair()}. */
public record PortPair(int port1, int port2) {
}
