package org.annotationlab.web.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.vertx.MutinyHelper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A state followed as a stream, for server-sent events (progress without polling): the state as
 * read first, then each state that differs from the one before, read again every {@code every};
 * the stream ends with a state for which {@code last} holds (a run that finished). Reading the
 * database, not an in-memory bus, keeps it right with several replicas and across restarts. The
 * caller authorizes once, before the first read; each later read runs on the request's Vert.x
 * context (Hibernate Reactive needs it). A client that goes away cancels the stream.
 */
public final class ChangeStream {

    private ChangeStream() {
    }

    public static <T> Multi<T> follow(T first, Duration every, Supplier<Uni<T>> read, Predicate<T> last) {
        Context context = Vertx.currentContext();
        return Multi.createFrom().emitter(emitter -> {
            emitter.emit(first);
            if (last.test(first)) {
                emitter.complete();
                return;
            }
            AtomicReference<T> previous = new AtomicReference<>(first);
            Cancellable reading = Multi.createFrom().ticks().every(every).onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> {
                        Uni<T> next = Uni.createFrom().deferred(read::get);
                        return context == null ? next : next.runSubscriptionOn(MutinyHelper.executor(context));
                    })
                    .subscribe().with(state -> {
                        if (!Objects.equals(state, previous.getAndSet(state))) {
                            emitter.emit(state);
                        }
                        if (last.test(state)) {
                            emitter.complete();
                        }
                    }, emitter::fail);
            emitter.onTermination(reading::cancel);
        });
    }
}
