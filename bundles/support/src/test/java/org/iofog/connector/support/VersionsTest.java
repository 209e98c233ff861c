package org.iofog.connector.support;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class VersionsTest {

    @Test
    public void outsideOsgiTheJarsImplementationVersionElseUnknown() {
        // This test class comes from a folder, not a jar with a manifest, and from no bundle.
        assertEquals("unknown", Versions.of(VersionsTest.class));
        // JUnit's jar says its version in its manifest (Implementation-Version), as a bundle's does.
        assertEquals(junit.runner.Version.id(), Versions.of(org.junit.Test.class));
    }
}
