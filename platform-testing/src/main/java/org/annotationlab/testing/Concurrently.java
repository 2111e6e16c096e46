package org.annotationlab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The same request fired by many clients at the same moment: what each got, how many got which status. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs {@code request} {@code times} at once (released together) and counts the statuses it returned. */
    public static Map<Integer, Integer> statuses(int times, IntSupplier request) {
        Map<Integer, Integer> counts = new TreeMap<>();
        results(times, request::getAsInt).forEach(status -> counts.merge(status, 1, Integer::sum));
        return counts;
    }

    /** Runs {@code request} {@code times} at once (released together); what each returned. */
    public static <T> List<T> results(int times, Supplier<T> request) {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
