package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iofog.connector.api.group.GroupMember;
import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.rest.internal.RestApiTest.Answer;
import org.iofog.connector.rest.internal.RestApiTest.RawHttp;
import org.junit.Rule;
import org.junit.Test;

/** {@code GET /health}: what keepalived's check script, a load balancer or a Kubernetes probe reads. */
public class RestHealthTest {

    @Rule
    public final RestFixture rest = new RestFixture();

    private final ObjectMapper json = new ObjectMapper();

    private Answer get(String extraHeader) throws IOException {
        String head = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeader + "\r\n";
        return RawHttp.exchange(rest.port(), head.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    public void upWhenEveryMappingListensAndTheGroupIsOff() throws Exception {
        rest.relay.registry().addPublic(new PublicPipeSpec(2, 0));

        Answer answer = get("");

        assertEquals(200, answer.code());
        JsonNode body = json.readTree(answer.text());
        assertEquals("UP", body.get("status").asText());
        assertEquals("UP", body.at("/relay/status").asText());
        assertEquals(1, body.at("/relay/mappings").asInt());
        assertEquals("OFF", body.at("/group/status").asText());
        assertTrue(body.get("timestamp").asLong() > 0);
    }

    @Test
    public void downWhileTheMemberJoinsOrCannotOpenAMappingOfTheGroup() throws Exception {
        List<GroupMember> members = List.of(new GroupMember("198.51.100.11:5701", true, true),
                new GroupMember("198.51.100.12:5701", false, false));
        rest.group = new GroupStatus(GroupStatus.State.JOINING, "edge", members, 0, List.of());
        assertEquals(503, get("").code());

        rest.group = new GroupStatus(GroupStatus.State.DEGRADED, "edge", members, 3,
                List.of("PUBLIC mapping 1234 on ports 6000/6001: port 6001 is in use"));
        Answer answer = get("");

        assertEquals(503, answer.code());
        JsonNode body = json.readTree(answer.text());
        assertEquals("DOWN", body.get("status").asText());
        assertEquals("UP", body.at("/relay/status").asText());
        assertEquals("DEGRADED", body.at("/group/status").asText());
        assertEquals("edge", body.at("/group/name").asText());
        assertEquals(3, body.at("/group/mappings").asInt());
        assertEquals("198.51.100.12:5701", body.at("/group/members/1/address").asText());
        assertEquals(false, body.at("/group/members/1/present").asBoolean());
        assertEquals("PUBLIC mapping 1234 on ports 6000/6001: port 6001 is in use",
                body.at("/group/problems/0").asText());

        rest.group = new GroupStatus(GroupStatus.State.READY, "edge", members, 3, List.of());
        assertEquals(200, get("").code());
    }

    @Test
    public void takesGetOnlyAndTheApiTokenLikeEveryPath() throws Exception {
        String post = "POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
        assertEquals(405, RawHttp.exchange(rest.port(), post.getBytes(StandardCharsets.US_ASCII)).code());

        rest.rest = new RestSettings("127.0.0.1", 0, 0, "s3cret", 65_536, Duration.ofSeconds(60), "");
        assertEquals(401, get("").code());
        assertEquals(200, get("Authorization: Bearer s3cret\r\n").code());
    }
}
