package org.iofog.connector.rest.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body: UTF-8, {@code +} for space and
 * {@code %XX} escapes decoded. Text that is not valid UTF-8 or has a broken escape is refused rather
 * than guessed at.
 */
final class FormBody {

    private final Map<String, List<String>> fields;

    private FormBody(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static FormBody parse(ByteBuf content) throws ApiException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(content.nioBuffer())
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the request body is not UTF-8 text");
        }
        try {
            // hasPath = false: the whole text is the query string; no limit on the number of fields
            // beyond the body size limit the server already applies.
            QueryStringDecoder decoder = new QueryStringDecoder(text, StandardCharsets.UTF_8, false);
            return new FormBody(decoder.parameters());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the request body is not valid form encoding (" + e.getMessage() + ")");
        }
    }

    /** The field's value, stripped (ids, numbers, commands); refused when missing or blank. */
    String required(String name) throws ApiException {
        String value = optional(name).strip();
        if (value.isEmpty()) {
            throw ApiException.badRequest(fields.containsKey(name) ? "field \"" + name + "\" is empty"
                    : "field \"" + name + "\" is missing");
        }
        return value;
    }

    /** The field's value exactly as sent (a certificate keeps its final newline); empty when missing. */
    String optional(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
