package org.iofog.connector.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.OptionUtils.combine;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A stock Apache Karaf 4.4 with nothing of ours in it: {@code feature:repo-add} our features repository
 * by its mvn: URL, {@code feature:install iofog-connector}, and the connector's services come up with
 * the shipped default settings. The build's own artifacts are offered to Karaf's Maven resolver as an
 * extra repository, as an operator's repository manager would offer them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StockKarafFeatureIT {

    @Inject
    private FeaturesService features;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        String stockKaraf = maven().groupId("org.apache.karaf").artifactId("apache-karaf").type("tar.gz")
                .version(KarafOptions.KARAF_VERSION).getURL();
        File builtArtifacts = new File(System.getProperty("distribution.system",
                "../karaf-distribution/target/assembly/system"));
        return combine(KarafOptions.karaf(stockKaraf, "Apache Karaf"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots, "
                                + "file:${karaf.data}/kar@id=kar.repository@multi@snapshots, "
                                + builtArtifacts.toURI() + "@id=iofog-build@snapshots"));
    }

    private static final String ALLOCATOR = "org.iofog.connector.api.ports.PortAllocator";

    @Test
    public void featureInstallsIntoStockKaraf() throws Exception {
        // Features operations may refresh this probe bundle, which invalidates its own context; the system
        // bundle's stays valid.
        BundleContext system = context.getBundle(0).getBundleContext();
        URI repository = URI.create("mvn:org.iofog.connector/iofog-connector-features/"
                + KarafOptions.PROJECT_VERSION + "/xml/features");
        features.addRepository(repository);
        assertTrue("repository listed", List.of(features.listRepositories()).stream()
                .anyMatch(r -> r.getURI().equals(repository)));

        features.installFeature("iofog-connector", EnumSet.noneOf(FeaturesService.Option.class));
        assertTrue("installed", features.isInstalled(features.getFeature("iofog-connector")));

        // The probe bundle is installed before the feature, so it cannot link to the connector's API:
        // the allocator is looked up by name and asked through reflection.
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                context.createFilter("(objectClass=" + ALLOCATOR + ")"), null);
        tracker.open();
        try {
            Object allocator = tracker.waitForService(Duration.ofSeconds(30).toMillis());
            assertNotNull("no " + ALLOCATOR + " service after feature:install", allocator);
            Poll.until("the shipped default range 6000-6050", Duration.ofSeconds(20), () -> ranges(allocator),
                    "[6000-6050]"::equals);
        } finally {
            tracker.close();
        }
        int connectorBundles = 0;
        List<String> platforms = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.iofog.connector.")) {
                assertEquals(bundle.getSymbolicName(), Bundle.ACTIVE, bundle.getState());
                if (bundle.getSymbolicName().startsWith("org.iofog.connector.platform.")) {
                    platforms.add(bundle.getSymbolicName());
                } else {
                    connectorBundles++;
                }
            }
        }
        assertEquals("api, config, ports, tls, transport-nio, relay, rest and shell bundles", 8, connectorBundles);
        if ("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"))) {
            assertEquals("the marker of this platform only, which brings the native libraries",
                    List.of("org.iofog.connector.platform.linux.x86_64"), platforms);
        }

        // The features service must stay usable for the transports, for Karaf's own features and for an
        // uninstall and a reinstall. (A feature condition on osgi.native once broke all of these on a stock
        // Karaf. Pax Exam's own bundles hide that failure here; karaf-distribution's stock-karaf-test.sh
        // shows it on an unpacked stock Karaf, with a restart.)
        for (String feature : List.of("iofog-connector-transport-epoll", "iofog-connector-transport-io-uring", "wrap")) {
            features.installFeature(feature, EnumSet.noneOf(FeaturesService.Option.class));
            assertTrue(feature + " installed", features.isInstalled(features.getFeature(feature)));
        }
        features.uninstallFeature("iofog-connector", EnumSet.noneOf(FeaturesService.Option.class));
        Poll.until("the relay bundle gone after feature:uninstall iofog-connector", Duration.ofSeconds(20),
                () -> connectorBundleNames(system), names -> !names.contains("org.iofog.connector.relay"));
        features.installFeature("iofog-connector", EnumSet.noneOf(FeaturesService.Option.class));
        tracker = new ServiceTracker<>(system, system.createFilter("(objectClass=" + ALLOCATOR + ")"), null);
        tracker.open();
        try {
            assertNotNull("no " + ALLOCATOR + " after the reinstall", tracker.waitForService(30_000));
        } finally {
            tracker.close();
        }
    }

    private static List<String> connectorBundleNames(BundleContext system) {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : system.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("org.iofog.connector.")) {
                names.add(bundle.getSymbolicName());
            }
        }
        return names;
    }

    private static String ranges(Object allocator) {
        try {
            Object usage = allocator.getClass().getMethod("usage").invoke(allocator);
            return String.valueOf(usage.getClass().getMethod("ranges").invoke(usage));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("PortAllocator.usage().ranges() failed", e);
        }
    }
}
