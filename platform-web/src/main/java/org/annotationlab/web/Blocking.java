package org.annotationlab.web;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Reactive steps (Hibernate Reactive transactions) from blocking code — the schedulers that stage
 * files, start processes and call other services between short transactions. Each step runs on a
 * fresh Vert.x context and is waited for.
 */
public final class Blocking {

    private Blocking() {
    }

    public static <T> T await(Supplier<Uni<T>> step) {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
