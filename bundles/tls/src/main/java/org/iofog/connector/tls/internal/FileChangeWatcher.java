package org.iofog.connector.tls.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back once a set of files has changed and then stayed unchanged for a quiet period, so that a
 * certificate and key replaced one after the other are read as one new pair.
 *
 * <p>A change is a different size, modification time or file identity (following symbolic links, so a
 * Kubernetes-style swap of a linked directory counts). The file system's watch service wakes the
 * thread early; a periodic look catches what it misses (directories created later, network file
 * systems).
 */
final class FileChangeWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileChangeWatcher.class);

    private final List<Path> files;
    private final Runnable onChange;
    private final Duration quiet;
    private final Duration lookInterval;
    private final WatchService watchService;
    private final Set<Path> watchedDirectories = new HashSet<>();
    private final Thread thread;
    private volatile boolean closed;

    FileChangeWatcher(List<Path> files, Runnable onChange, Duration quiet, Duration lookInterval) throws IOException {
        this.files = List.copyOf(files);
        this.onChange = onChange;
        this.quiet = quiet;
        this.lookInterval = lookInterval;
        this.watchService = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "tls-file-watch");
        this.thread.setDaemon(true);
    }

    FileChangeWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        List<Object> seen = fingerprints();
        long changedAt = 0;
        while (!closed) {
            watchDirectories();
            try {
                var key = watchService.poll(changedAt == 0 ? lookInterval.toMillis() : quiet.toMillis(),
                        TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            List<Object> now = fingerprints();
            if (!now.equals(seen)) {
                seen = now;
                changedAt = System.nanoTime();
            } else if (changedAt != 0 && System.nanoTime() - changedAt >= quiet.toNanos()) {
                changedAt = 0;
                callBack();
            }
        }
    }

    private void callBack() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.error("Reloading after a change of {} failed", files, e);
        }
    }

    private void watchDirectories() {
        for (Path file : files) {
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null && !watchedDirectories.contains(directory) && Files.isDirectory(directory)) {
                try {
                    directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                    watchedDirectories.add(directory);
                } catch (IOException e) {
                    LOG.debug("Cannot watch {} ({}); looking every {}", directory, e.getMessage(), lookInterval);
                }
            }
        }
    }

    private List<Object> fingerprints() {
        return files.stream().map(FileChangeWatcher::fingerprint).toList();
    }

    private static Object fingerprint(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.size(), attributes.lastModifiedTime(),
                    Objects.requireNonNullElse(attributes.fileKey(), ""));
        } catch (IOException e) {
            return "absent";
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.debug("Closing the watch service", e);
        }
        thread.interrupt();
    }
}
