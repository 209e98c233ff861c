package org.iofog.connector.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;

/**
 * A command of scope {@code connector}: it writes its output to the console, and reports a problem by throwing
 * an exception whose message is the one line the console shows ("Error executing command: ...").
 */
abstract class ConnectorAction implements Action {

    static final String SCOPE = "connector";

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    abstract void run(PrintStream out) throws Exception;

    /** A service the command cannot work without is not there (its bundle stopped or failed). */
    static <T> T require(T service, String what) {
        if (service == null) {
            throw new IllegalStateException(what + " is not available: is the connector running? (bundle:list)");
        }
        return service;
    }
}
