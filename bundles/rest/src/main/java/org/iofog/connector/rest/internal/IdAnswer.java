package org.iofog.connector.rest.internal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code {"status":…,"id":…,"timestamp":…}}: a removal done ({@code ok}), a direct caller told to {@code wait}. */
@JsonPropertyOrder({"status", "id", "timestamp"})
record IdAnswer(String status, String id, long timestamp) {

    static IdAnswer ok(String id) {
        return new IdAnswer("ok", id, System.currentTimeMillis());
    }

    static IdAnswer waiting(String id) {
        return new IdAnswer("wait", id, System.currentTimeMillis());
    }
}
