package org.annotationlab.web.paging;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the same shape for every list endpoint: the items, the page asked for (from
 * 0), its size, and the total number of items matching the request.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The requested page of a Panache query (whose order is the request's) and the query's total, each item viewed. */
    public static <E, V> Uni<Page<V>> of(PanacheQuery<E> query, PageRequest request, Function<E, V> view) {
        return query.page(request.page(), request.size()).list().flatMap(items -> query.count()
                .map(total -> new Page<>(items.stream().map(view).toList(), request.page(), request.size(), total)));
    }

    public <R> Page<R> map(Function<T, R> view) {
        return new Page<>(items.stream().map(view).toList(), page, size, total);
    }
}
