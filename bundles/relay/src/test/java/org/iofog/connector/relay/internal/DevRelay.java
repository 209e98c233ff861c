package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/** A dev-mode {@link TestRelay} in a fresh temporary folder, for the length of one test. */
final class DevRelay extends ExternalResource {

    private final TemporaryFolder folder = new TemporaryFolder();
    private TestRelay relay;

    @Override
    protected void before() throws Throwable {
        folder.create();
        relay = TestRelay.plain(folder.getRoot().toPath());
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
