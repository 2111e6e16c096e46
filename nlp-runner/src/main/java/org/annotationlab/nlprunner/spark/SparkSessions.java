package org.annotationlab.nlprunner.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of an nlp-runner process. Spark runs in local mode on all cores
 * of the container; the web UI is off and the driver binds to loopback because a training Job
 * or the model server never talks to a cluster.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /** The process's session, created on first use. */
    public static SparkSession local() {
        return SparkSession.builder()
                .appName("nlp-runner")
                .master(System.getProperty("nlp-runner.spark.master", "local[*]"))
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryoserializer.buffer.max", "2000M")
                // Small local data: the default of 200 shuffle partitions only adds overhead.
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
