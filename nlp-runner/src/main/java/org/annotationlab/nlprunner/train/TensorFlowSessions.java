package org.annotationlab.nlprunner.train;

import org.tensorflow.proto.framework.ConfigProto;

/**
 * The TensorFlow session configuration NerDL trains with; the trained model keeps it, so
 * evaluation and the model server run with it too.
 *
 * <p>One inter-op thread: the bundled graphs keep most variables as reference variables, updated
 * in place by the optimizer while other ops of the same step may still read them, so with
 * several inter-op threads the result of a step depends on thread timing and two runs with the
 * same data and seed drift apart. With one, the ops of a step run in the same order every run.
 * Each op still uses {@link Runtime#availableProcessors()} intra-op threads (TensorFlow's own
 * default would count the host's cores, not the container's); the float sums of an op are
 * ordered by that thread count, so results are reproducible on machines with the same number of
 * cores. Both can be overridden with the system properties {@value #INTER_OP_PROPERTY} and
 * {@value #INTRA_OP_PROPERTY} (0 lets TensorFlow choose).
 */
public final class TensorFlowSessions {

    static final String INTER_OP_PROPERTY = "nlp-runner.tensorflow.inter-op-threads";
    static final String INTRA_OP_PROPERTY = "nlp-runner.tensorflow.intra-op-threads";

    private TensorFlowSessions() {
    }

    /** The serialized {@code ConfigProto}, as Spark NLP's {@code setConfigProtoBytes} takes it. */
    public static int[] configProto() {
        byte[] bytes = ConfigProto.newBuilder()
                .setInterOpParallelismThreads(interOpThreads())
                .setIntraOpParallelismThreads(intraOpThreads())
                // As Spark NLP's default session configuration.
                .setAllowSoftPlacement(true)
                .build()
                .toByteArray();
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i];
        }
        return values;
    }

    /** The thread counts in words, for the training log. */
    public static String describe() {
        return "TensorFlow session: " + interOpThreads() + " inter-op thread(s), " + intraOpThreads()
                + " intra-op thread(s) (0: TensorFlow's choice)";
    }

    private static int interOpThreads() {
        return Integer.getInteger(INTER_OP_PROPERTY, 1);
    }

    private static int intraOpThreads() {
        return Integer.getInteger(INTRA_OP_PROPERTY, Runtime.getRuntime().availableProcessors());
    }
}
