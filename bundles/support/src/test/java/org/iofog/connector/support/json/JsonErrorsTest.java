package org.iofog.connector.support.json;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.Test;

public class JsonErrorsTest {

    @Test
    public void theLineAndColumnWhereParsingStopped() throws Exception {
        try (JsonParser parser = new JsonFactory().createParser("{\n  \"ports\": [6000,\n  }")) {
            while (parser.nextToken() != null) {
                // read until the error
            }
            throw new AssertionError("the JSON is broken");
        } catch (JsonProcessingException e) {
            assertEquals("the closing brace where a value belongs", " at line 3, column 3", JsonErrors.where(e));
        }
    }

    @Test
    public void nothingWhenJacksonDoesNotKnow() {
        assertEquals("", JsonErrors.where(new JsonParseException((JsonParser) null, "no location")));
    }
}
