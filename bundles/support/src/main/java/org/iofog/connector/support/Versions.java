package org.iofog.connector.support;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The connector's version as users see it: the Maven version ({@code 1.0.0-SNAPSHOT}), which every bundle's
 * manifest carries as {@code Implementation-Version} (set in the parent POM), rather than the OSGi form
 * ({@code 1.0.0.SNAPSHOT}).
 */
public final class Versions {

    private Versions() {
    }

    /** The version of the bundle (or, outside OSGi, the jar) that holds {@code type}; "unknown" if none says. */
    public static String of(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle != null) {
            String implementation = bundle.getHeaders().get("Implementation-Version");
            return implementation != null ? implementation : bundle.getVersion().toString();
        }
        Package pkg = type.getPackage();
        String implementation = pkg == null ? null : pkg.getImplementationVersion();
        return implementation != null ? implementation : "unknown";
    }
}
