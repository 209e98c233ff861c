package org.iofog.connector.shell.internal;

import static org.junit.Assert.assertEquals;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.junit.Test;

public class MappingFormatsTest {

    @Test
    public void secretsShowOnlyTheirLastFourCharacters() {
        assertEquals("••••WXYZ", MappingFormats.mask("ABCDEFGHIJWXYZ"));
        assertEquals("••••", MappingFormats.mask("ABCD"));
        assertEquals("••••", MappingFormats.mask("A"));
        assertEquals("(none)", MappingFormats.mask(""));
        assertEquals("ABCDEFGHIJWXYZ", MappingFormats.secret("ABCDEFGHIJWXYZ", true));
        assertEquals("••••WXYZ", MappingFormats.secret("ABCDEFGHIJWXYZ", false));
    }

    @Test
    public void mappingFieldsPerType() {
        MappingStatus pub = new MappingStatus(mapping(MappingType.PUBLIC, 6000, 6001, 60, 0), true, true, 1, 0, 3,
                10, 20);
        MappingStatus priv = new MappingStatus(mapping(MappingType.PRIVATE, 6002, 6003, 1, 1), true, true, 1, 0, 0,
                0, 0);
        MappingStatus direct = new MappingStatus(mapping(MappingType.DIRECT, 0, 0, 0, 0), false, false, 0, 0, 0, 0, 0);
        assertEquals("6000/6001", MappingFormats.ports(pub.mapping()));
        assertEquals("-", MappingFormats.ports(direct.mapping()));
        assertEquals("1/60", MappingFormats.agents(pub));
        assertEquals("1/1 · 0/1", MappingFormats.agents(priv));
        assertEquals("-", MappingFormats.agents(direct));
        assertEquals("3", MappingFormats.publicClients(pub));
        assertEquals("-", MappingFormats.publicClients(priv));
        assertEquals("public", MappingFormats.type(MappingType.PUBLIC));
        assertEquals("200000 ms", MappingFormats.heartbeat(200_000));
        assertEquals("never (0)", MappingFormats.heartbeat(0));
    }

    static Mapping mapping(MappingType type, int port1, int port2, int max1, int max2) {
        return new Mapping("id-" + type, type, port1, port2, max1, max2, "PASSCODE1234",
                type == MappingType.PRIVATE ? "SECOND5678" : "", 200_000, type == MappingType.PRIVATE ? 200_000 : 0,
                FormatsTest.NOW.minusSeconds(90));
    }
}
