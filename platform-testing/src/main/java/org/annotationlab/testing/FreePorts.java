package org.annotationlab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Loopback port helpers for servers started by tests. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code host:port} accepts connections.
     *
     * @param diagnostics what to report if it never does (e.g. the tail of the server's log)
     */
    public static void awaitAccepting(String host, int port, Duration timeout, Supplier<String> diagnostics) {
        Instant deadline = Instant.now().plus(timeout);
        while (!accepts(host, port)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(host + ":" + port + " did not accept connections within " + timeout
                        + "\n" + diagnostics.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + host + ":" + port, e);
            }
        }
    }
}
