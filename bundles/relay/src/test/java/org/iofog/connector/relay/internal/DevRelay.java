package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/** A dev-mode {@link TestRelay} (on NIO unless told) in a fresh temporary folder, for the length of one test. */
final class DevRelay extends ExternalResource {

    private final TemporaryFolder folder = new TemporaryFolder();
    private final RelayTransport transport;
    private TestRelay relay;

    DevRelay() {
        this(new NioRelayTransport());
    }

    DevRelay(RelayTransport transport) {
        this.transport = transport;
    }

    @Override
    protected void before() throws Throwable {
        folder.create();
        relay = TestRelay.plain(folder.getRoot().toPath(), transport);
    }

    @Override
    protected void after() {
        relay.close();
        folder.delete();
    }

    TestRelay relay() {
        return relay;
    }

    /** Another folder for a second relay in the same test. */
    Path newFolder() throws IOException {
        return folder.newFolder().toPath();
    }
}
