package org.annotationlab.web;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.MutinyHelper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Reactive steps (Hibernate Reactive transactions) from blocking code — the schedulers that stage
 * files, start processes and call other services between short transactions. Each step runs on a
 * fresh Vert.x context and is waited for.
 */
public final class Blocking {

    private Blocking() {
    }

    /**
     * Blocking work (a call to another service) started from a request's event loop: it runs on a
     * worker thread, and its result comes back on the caller's Vert.x context, where Hibernate
     * Reactive can go on (on the worker when there is no context).
     */
    public static <T> Uni<T> offload(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> onWorker = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? onWorker : onWorker.emitOn(MutinyHelper.executor(context));
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
