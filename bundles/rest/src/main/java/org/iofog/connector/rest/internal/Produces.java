package org.iofog.connector.rest.internal;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderValues;

/** What a route answers: the content type, and how a body becomes its bytes. */
enum Produces {

    /** A record written by Jackson; every answer of the API v2 and every refusal. */
    JSON(HttpHeaderValues.APPLICATION_JSON.toString()),
    /** Prometheus' text exposition format, version 0.0.4. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8");

    private final String contentType;

    Produces(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    byte[] bytes(ObjectMapper json, Object body) {
        if (this != JSON) {
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable: " + e.getMessage(), e);
        }
    }
}
