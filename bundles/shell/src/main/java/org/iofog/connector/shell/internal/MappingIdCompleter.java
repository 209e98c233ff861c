package org.iofog.connector.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.iofog.connector.api.mapping.MappingRegistry;

/** Completes the ids of the mappings there are now. */
@Service
public class MappingIdCompleter implements Completer {

    @Reference(optional = true)
    MappingRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (registry != null) {
            registry.statuses().forEach(status -> delegate.getStrings().add(status.mapping().id()));
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
