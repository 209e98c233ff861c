package org.iofog.connector.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The connector's files live outside etc/, and an installation that had them in etc/iofog-connector/ keeps them. */
public class ConnectorDirectoryTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    private Path base;
    private Path former;
    private ConnectorDirectory directory;

    @Before
    public void karaf() throws IOException {
        base = temporary.newFolder("karaf").toPath();
        former = base.resolve("etc/iofog-connector");
        directory = new ConnectorDirectory(base, base.resolve("etc"));
    }

    @Test
    public void theFolderIsBesideEtcNotInIt() {
        assertEquals(base.resolve("iofog-connector"), directory.folder());
        assertFalse(directory.folder().startsWith(base.resolve("etc")));
    }

    @Test
    public void filesOfTheFormerFolderAreMovedAndTheFolderRemoved() throws IOException {
        Files.createDirectories(former);
        Files.writeString(former.resolve("configs.json"), "{\"mappings\":[]}");
        Files.writeString(former.resolve("configs.json.journal"), "journal");
        Files.writeString(former.resolve("server-cert.pem"), "cert");
        Files.writeString(former.resolve("server-key.pem"), "key");

        directory.adoptFormerFolder();

        assertFalse("file install would keep it as a bundle", Files.exists(former));
        assertEquals("{\"mappings\":[]}", Files.readString(directory.folder().resolve("configs.json")));
        assertEquals("journal", Files.readString(directory.folder().resolve("configs.json.journal")));
        assertEquals("cert", Files.readString(directory.folder().resolve("server-cert.pem")));
        assertEquals("key", Files.readString(directory.folder().resolve("server-key.pem")));

        directory.adoptFormerFolder();
        assertEquals("a second run changes nothing", "cert",
                Files.readString(directory.folder().resolve("server-cert.pem")));
    }

    @Test
    public void aFileWhoseNameIsTakenStaysAndSoDoesTheFolder() throws IOException {
        Files.createDirectories(former);
        Files.createDirectories(directory.folder());
        Files.writeString(former.resolve("configs.json"), "old");
        Files.writeString(former.resolve("server-cert.pem"), "cert");
        Files.writeString(directory.folder().resolve("configs.json"), "new");

        directory.adoptFormerFolder();

        assertEquals("new", Files.readString(directory.folder().resolve("configs.json")));
        assertEquals("never overwritten, never lost", "old", Files.readString(former.resolve("configs.json")));
        assertEquals("cert", Files.readString(directory.folder().resolve("server-cert.pem")));
        assertFalse(Files.exists(former.resolve("server-cert.pem")));
    }

    @Test
    public void withoutTheFormerFolderNothingIsCreated() {
        directory.adoptFormerFolder();
        assertFalse(Files.exists(directory.folder()));
    }

    @Test
    public void pathsIntoTheFormerFolderMeanTheSameNamesInTheNewOne() {
        assertEquals(base.resolve("iofog-connector/configs.json"),
                directory.file(Path.of("etc/iofog-connector/configs.json")));
        assertEquals(base.resolve("iofog-connector/tls/cert.pem"),
                directory.file(base.resolve("etc/iofog-connector/tls/cert.pem")));
        assertEquals(base.resolve("iofog-connector/configs.json"), directory.file(Path.of("iofog-connector/configs.json")));
        assertEquals(base.resolve("etc/other/configs.json"), directory.file(Path.of("etc/other/configs.json")));
        assertEquals(Path.of("/srv/mappings.json"), directory.file(Path.of("/srv/mappings.json")));
        assertTrue(directory.file(Path.of("etc/iofog-connector-x/a.json")).startsWith(base.resolve("etc")));
    }

    /** The relay and TLS bundles resolve their files through this service, once the move is done. */
    @Test
    public void theServiceMovesTheFormerFolderWhenActivatedAndResolvesAsTheDirectoryDoes() throws IOException {
        Files.createDirectories(former);
        Files.writeString(former.resolve("configs.json"), "{\"mappings\":[]}");
        ConnectorFolderComponent service = new ConnectorFolderComponent(directory);

        service.activate();

        assertFalse(Files.exists(former));
        assertEquals(base.resolve("iofog-connector"), service.folder());
        assertEquals("the default of earlier versions means today's", base.resolve("iofog-connector/configs.json"),
                service.resolve(Path.of("etc/iofog-connector/configs.json")));
        assertEquals(base.resolve("mine/pipes.json"), service.resolve(Path.of("mine/pipes.json")));
        assertTrue(Files.exists(service.resolve(Path.of("iofog-connector/configs.json"))));
    }
}
