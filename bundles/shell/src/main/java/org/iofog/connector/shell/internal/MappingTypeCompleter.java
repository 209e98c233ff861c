package org.iofog.connector.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the mapping types connector:mapping-add opens. */
@Service
public class MappingTypeCompleter implements Completer {

    static final List<String> TYPES = List.of("public", "private");

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(TYPES).complete(session, commandLine, candidates);
    }
}
