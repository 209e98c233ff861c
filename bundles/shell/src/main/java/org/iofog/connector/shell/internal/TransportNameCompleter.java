package org.iofog.connector.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.iofog.connector.api.settings.TransportSettings;

/** Completes the values of {@code transport}: auto, nio, epoll, io_uring. */
@Service
public class TransportNameCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(TransportSettings.CHOICES).complete(session, commandLine, candidates);
    }
}
