package org.iofog.connector.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.OptionUtils.combine;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortRange;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
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

    @Test
    public void featureInstallsIntoStockKaraf() throws Exception {
        URI repository = URI.create("mvn:org.iofog.connector/iofog-connector-features/"
                + KarafOptions.PROJECT_VERSION + "/xml/features");
        features.addRepository(repository);
        assertTrue("repository listed", List.of(features.listRepositories()).stream()
                .anyMatch(r -> r.getURI().equals(repository)));

        features.installFeature("iofog-connector", EnumSet.noneOf(FeaturesService.Option.class));
        assertTrue("installed", features.isInstalled(features.getFeature("iofog-connector")));

        ServiceTracker<PortAllocator, PortAllocator> tracker = new ServiceTracker<>(context, PortAllocator.class, null);
        tracker.open();
        try {
            PortAllocator allocator = tracker.waitForService(Duration.ofSeconds(30).toMillis());
            assertEquals("shipped default range", List.of(new PortRange(6000, 6050)),
                    Poll.until("the shipped configuration", Duration.ofSeconds(20), () -> allocator.usage().ranges(),
                            r -> r.equals(List.of(new PortRange(6000, 6050)))));
        } finally {
            tracker.close();
        }
    }
}
