package org.iofog.connector.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.ports.NoAvailablePortsException;

/**
 * A command of scope {@code connector}: it writes its output to the console, and reports a user's mistake or a
 * refused action with a {@link CommandException} whose message is the one line the console shows.
 *
 * <p>Why {@link CommandException}: Karaf 4.4's {@code ShellUtil.logException} prints
 * {@code Error executing command: <message>} for it and logs it at DEBUG only, while any other exception is
 * logged at ERROR with its stack trace. It tells them apart by the simple class name {@code CommandException},
 * so it must be Karaf's class itself, not a subclass of ours. Anything else a command throws is a fault (a bug)
 * and keeps going to karaf.log as an ERROR.
 */
abstract class ConnectorAction implements Action {

    static final String SCOPE = "connector";

    @Override
    public Object execute() throws Exception {
        try {
            run(System.out);
        } catch (NoAvailablePortsException | MappingException | IOException e) {
            // What the services declare they refuse, with a message written for the operator (no ports free, a
            // listener cannot bind, a file cannot be read or is already there): an answer, not a bug. The cause
            // stays attached for karaf.log at DEBUG.
            throw new CommandException(message(e), e);
        }
        return null;
    }

    abstract void run(PrintStream out) throws Exception;

    /** A user's mistake or a refused action: one console line, no ERROR in karaf.log. */
    static CommandException mistake(String message) {
        return new CommandException(message);
    }

    /** A service the command cannot work without is not there (its bundle stopped or failed). */
    static <T> T require(T service, String what) throws CommandException {
        if (service == null) {
            throw mistake(what + " is not available: is the connector running? (bundle:list)");
        }
        return service;
    }

    /** The exception's message; a file system exception without a reason says only the path, so the reason is added. */
    static String message(Exception e) {
        if (e instanceof FileSystemException fs && fs.getReason() == null) {
            if (fs instanceof NoSuchFileException) {
                return fs.getFile() + ": no such file";
            }
            if (fs instanceof AccessDeniedException) {
                return fs.getFile() + ": permission denied";
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
