package org.annotationlab.training.contract;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters of one training run: a project's defaults, a Train Now request's overrides and
 * nlp-runner's {@code params.json} are all this record. Its defaults and ranges live here and
 * nowhere else; project-service, training-service and nlp-runner check values with {@link #parse}.
 * A new parameter is a new component, its default in {@link #DEFAULTS} and its {@link Range} in
 * {@link #RANGES}: stored parameters and requests that lack it take the default.
 *
 * @param validationSplit share of sentences held out for evaluation
 * @param epochs          training epochs
 * @param learningRate    initial learning rate
 * @param decay           learning-rate decay per epoch ({@code lr / (1 + decay * epoch)})
 * @param dropout         dropout rate
 * @param batchSize       sentences per batch
 * @param seed            random seed of the validation split, the learned embeddings and the network
 */
public record TrainingParameters(double validationSplit, int epochs, double learningRate, double decay,
        double dropout, int batchSize, int seed) {

    /** What a new project starts with and what a run uses for a parameter nobody set. */
    public static final TrainingParameters DEFAULTS = new TrainingParameters(0.2, 10, 0.001, 0.005, 0.5, 8, 42);

    /** Each parameter's range, in the record's order. */
    public static final List<Range> RANGES = List.of(
            Range.number("validationSplit", 0, true, 0.5, true),
            Range.integer("epochs", 1, 200),
            Range.number("learningRate", 0, false, 1, true),
            Range.number("decay", 0, true, 1, true),
            Range.number("dropout", 0, true, 1, false),
            Range.integer("batchSize", 1, 1024),
            Range.integer("seed", Integer.MIN_VALUE, Integer.MAX_VALUE));

    private static final RecordComponent[] COMPONENTS = TrainingParameters.class.getRecordComponents();

    static {
        List<String> names = Arrays.stream(COMPONENTS).map(RecordComponent::getName).toList();
        if (!names.equals(RANGES.stream().map(Range::name).toList())) {
            throw new ExceptionInInitializerError("RANGES must name the components in order: " + names);
        }
    }

    /**
     * {@code base} with the given values over it. A key that is no parameter, a value of the wrong
     * type or out of its range is refused, each with its own {@link Violation}; a null value or a
     * missing key keeps {@code base}'s. Numbers may be any {@link Number} (as a JSON reader gives them).
     */
    public static TrainingParameters parse(Map<String, ?> values, TrainingParameters base) throws InvalidParameters {
        List<Violation> violations = new ArrayList<>();
        values.keySet().stream().filter(key -> RANGES.stream().noneMatch(r -> r.name().equals(key))).sorted()
                .forEach(key -> violations.add(new Violation(key, "is not a training parameter (they are "
                        + RANGES.stream().map(Range::name).collect(Collectors.joining(", ")) + ")", Kind.UNKNOWN)));
        Map<String, Object> merged = base.asMap();
        for (Range range : RANGES) {
            Object value = values.get(range.name());
            if (value != null) {
                Violation problem = range.check(value);
                if (problem != null) {
                    violations.add(problem);
                } else {
                    merged.put(range.name(), value);
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidParameters(violations);
        }
        return of(merged);
    }

    /**
     * These parameters with some replaced, for values known to be valid (written in code or a
     * test, so that it names only the parameters it cares about); a refused value is an
     * {@link IllegalArgumentException}.
     */
    public TrainingParameters with(Map<String, ?> values) {
        try {
            return parse(values, this);
        } catch (InvalidParameters e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The parameters by name, in the record's order (the shape of {@code params.json}). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : COMPONENTS) {
            try {
                map.put(component.getName(), component.getAccessor().invoke(this));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return map;
    }

    private static TrainingParameters of(Map<String, Object> checked) {
        Object[] arguments = new Object[COMPONENTS.length];
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            types[i] = COMPONENTS[i].getType();
            Number value = (Number) checked.get(COMPONENTS[i].getName());
            arguments[i] = types[i] == int.class ? (Object) value.intValue() : (Object) value.doubleValue();
        }
        try {
            Constructor<TrainingParameters> constructor = TrainingParameters.class.getDeclaredConstructor(types);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One parameter's type and bounds.
     *
     * @param integer whether only whole numbers are allowed
     */
    public record Range(String name, boolean integer, double min, boolean minInclusive, double max,
            boolean maxInclusive) {

        static Range number(String name, double min, boolean minInclusive, double max, boolean maxInclusive) {
            return new Range(name, false, min, minInclusive, max, maxInclusive);
        }

        static Range integer(String name, int min, int max) {
            return new Range(name, true, min, true, max, true);
        }

        /** What is wrong with {@code value} for this parameter, or null when it is fine. */
        public Violation check(Object value) {
            if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                return new Violation(name, "must be " + (integer ? "a whole number" : "a number") + ", not "
                        + describe(value), Kind.WRONG_TYPE);
            }
            if (integer && !isWhole(number)) {
                return new Violation(name, "must be a whole number, not " + number, Kind.WRONG_TYPE);
            }
            double x = number.doubleValue();
            boolean aboveMin = minInclusive ? x >= min : x > min;
            boolean belowMax = maxInclusive ? x <= max : x < max;
            return aboveMin && belowMax ? null : new Violation(name, "must be " + bounds() + ", not " + number,
                    Kind.OUT_OF_RANGE);
        }

        /** The bounds in words, e.g. "from 1 to 200" or "above 0 and at most 1". */
        public String bounds() {
            if (integer && min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
                return "a 32-bit integer";
            }
            String low = minInclusive ? "from " + format(min) : "above " + format(min);
            String high = maxInclusive ? (minInclusive ? " to " : " and at most ") + format(max) : " and below " + format(max);
            return low + high;
        }

        private static boolean isWhole(Number number) {
            if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
                return true;
            }
            if (number instanceof Long l) {
                return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
            }
            if (number instanceof BigInteger big) {
                return big.bitLength() < 32;
            }
            return false;
        }

        private static String format(double x) {
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.format(Locale.ROOT, "%s", x);
        }

        /** The value in a message, cut short: a refused value may be anything a client sent. */
        private static String describe(Object value) {
            String text = value instanceof String s ? "the text \"" + s + "\""
                    : value instanceof Number || value instanceof Boolean ? String.valueOf(value)
                    : value instanceof Map ? "an object" : value instanceof List ? "a list" : String.valueOf(value);
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }

    /** One refused parameter and why, e.g. {@code epochs}: "must be from 1 to 200, not 0". */
    public record Violation(String parameter, String message, Kind kind) {
    }

    /** What kind of mistake a {@link Violation} is: a request that is malformed, or a value refused. */
    public enum Kind {
        /** The name is no parameter. */
        UNKNOWN,
        /** Not a finite number, or not a whole number where one is needed. */
        WRONG_TYPE,
        /** A number outside the parameter's range. */
        OUT_OF_RANGE
    }

    /** Parameters that cannot be used as given; {@link #violations()} names each one. */
    public static final class InvalidParameters extends Exception {

        private final transient List<Violation> violations;

        public InvalidParameters(List<Violation> violations) {
            super(violations.stream().map(v -> v.parameter() + " " + v.message()).collect(Collectors.joining("; ")),
                    null, false, false);
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }
}
