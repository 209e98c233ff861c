package org.iofog.connector.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** The Pax Exam options every test container shares. */
final class KarafOptions {

    static final String KARAF_VERSION = System.getProperty("karaf.version", "4.4.10");
    static final String PROJECT_VERSION = System.getProperty("project.version", "1.0.0-SNAPSHOT");
    static final int HTTP_PORT = 18080;
    static final int HTTPS_PORT = 18443;

    private KarafOptions() {
    }

    /** Boots the given Karaf archive with ssh and JMX moved off their defaults, so a running Karaf does not clash. */
    static Option[] karaf(String frameworkUrl, String name) {
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(frameworkUrl)
                    .karafVersion(KARAF_VERSION)
                    .name(name)
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "18101"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "11099"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44445"),
            // The REST API off 8080/443, so that a connector running on this machine does not clash.
            editConfigurationFilePut("etc/org.iofog.connector.rest.cfg", "http.port", String.valueOf(HTTP_PORT)),
            editConfigurationFilePut("etc/org.iofog.connector.rest.cfg", "https.port", String.valueOf(HTTPS_PORT)),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    localRepository()),
            systemProperty("pax.exam.osgi.unresolved.fail").value("true"),
            // -Dexam.keep=true keeps target/exam/<uuid> (and its data/log/karaf.log) for a look afterwards.
            when(Boolean.getBoolean("exam.keep")).useOptions(keepRuntimeFolder()),
        };
    }

    static String localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? configured
                : System.getProperty("user.home") + "/.m2/repository";
    }

    static String tarballUrl() {
        File tarball = new File(System.getProperty("distribution.tarball",
                "../karaf-distribution/target/iofog-connector-" + PROJECT_VERSION + ".tar.gz"));
        if (!tarball.isFile()) {
            throw new IllegalStateException("The distribution " + tarball + " is not built: run the build from the root");
        }
        return tarball.toURI().toString();
    }
}
