package org.annotationlab.web.paging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;

/**
 * A list request the same way on every list endpoint: {@code page} (from 0), {@code size} and
 * {@code sort} = {@code key} or {@code key,asc|desc}, where the keys are those the endpoint
 * offers. An unknown key or direction is a 400 naming the field {@code sort} and the keys.
 *
 * @param orderBy the order clause to append to the endpoint's query (with a unique tiebreak)
 */
public record PageRequest(int page, int size, String orderBy) {

    /**
     * @param keys     sort key as clients write it → the column or property it orders by
     * @param fallback the endpoint's order when {@code sort} is absent, e.g. {@code created,desc}
     * @param unique   a unique column or property that breaks ties, so pages never overlap
     */
    public static PageRequest of(int page, int size, String sort, Map<String, String> keys, String fallback, String unique) {
        String asked = sort == null || sort.isBlank() ? fallback : sort.trim();
        String[] parts = asked.split(",", -1);
        String key = parts[0].trim();
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase() : "asc";
        if (!keys.containsKey(key) || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            String message = "must be one of " + String.join(", ", keys.keySet()) + ", optionally followed by ,asc or ,desc"
                    + " (was '" + asked + "')";
            throw new ProblemException(400, "INVALID_SORT", "sort: " + message, List.of(new Problem.FieldError("sort", message)));
        }
        String column = keys.get(key);
        String nulls = "";
        if (column.endsWith(NULLS_LAST)) {
            column = column.substring(0, column.length() - NULLS_LAST.length());
            nulls = NULLS_LAST;
        }
        String order = " order by " + column + " " + direction + nulls
                + (column.equals(unique) ? "" : ", " + unique + " " + direction);
        return new PageRequest(page, size, order);
    }

    private static final String NULLS_LAST = " nulls last";

    /** A nullable column whose rows without a value come last whichever the direction (not first, as PostgreSQL's desc puts them). */
    public static String nullsLast(String column) {
        return column + NULLS_LAST;
    }

    /** Keys in the order they are listed in an error. */
    public static Map<String, String> keys(String... keyThenColumn) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyThenColumn.length; i += 2) {
            keys.put(keyThenColumn[i], keyThenColumn[i + 1]);
        }
        return keys;
    }

    /** The first row of the page, for queries that take an offset. */
    public int offset() {
        return page * size;
    }

    /**
     * A search text as a case-insensitive LIKE pattern matching it anywhere ({@code %text%}, to
     * compare with {@code lower(column) like ?}): {@code \}, {@code %} and {@code _} in it match
     * themselves (PostgreSQL's default escape character is the backslash). Null or blank: {@code %}.
     */
    public static String containing(String text) {
        String plain = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return "%" + plain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
