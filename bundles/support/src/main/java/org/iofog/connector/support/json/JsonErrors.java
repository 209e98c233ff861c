package org.iofog.connector.support.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Where in a JSON text Jackson stopped, in words a user can look up in the file. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** {@code " at line 3, column 14"}, or "" when Jackson does not know. */
    public static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
