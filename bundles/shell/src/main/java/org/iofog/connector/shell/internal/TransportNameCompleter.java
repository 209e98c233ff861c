package org.iofog.connector.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.TransportStatusProvider;

/** Completes the values of {@code transport}: auto and the transports registered now, best first. */
@Service
public class TransportNameCompleter implements Completer {

    @Reference(optional = true)
    TransportStatusProvider transports;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(choices(transports)).complete(session, commandLine, candidates);
    }

    static List<String> choices(TransportStatusProvider transports) {
        List<String> choices = new ArrayList<>();
        choices.add(TransportSettings.AUTO);
        if (transports != null) {
            choices.addAll(transports.transportStatus().available());
        }
        return choices;
    }
}
