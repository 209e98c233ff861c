package org.iofog.connector.tls.internal;

import static org.iofog.connector.tls.internal.PemFilesTest.fixture;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class CertificatePairTest {

    @Test
    public void leafIsTheFirstCertificate() throws Exception {
        List<X509Certificate> chain = PemFiles.readCertificates(fixture("chain.crt"));
        PrivateKey key = PemFiles.readPrivateKey(fixture("leaf.key"), null);

        CertificatePair pair = new CertificatePair(chain, key);

        assertSame(chain.get(0), pair.leaf());
    }

    @Test
    public void keepsItsOwnCopyOfTheChain() throws Exception {
        List<X509Certificate> chain = new ArrayList<>(PemFiles.readCertificates(fixture("chain.crt")));
        CertificatePair pair = new CertificatePair(chain, PemFiles.readPrivateKey(fixture("leaf.key"), null));

        chain.clear();

        assertEquals(2, pair.chain().size());
        assertThrows(UnsupportedOperationException.class, () -> pair.chain().clear());
    }

    @Test
    public void refusesAnEmptyChain() throws Exception {
        PrivateKey key = PemFiles.readPrivateKey(fixture("leaf.key"), null);

        assertThrows(IllegalArgumentException.class, () -> new CertificatePair(List.of(), key));
    }
}
