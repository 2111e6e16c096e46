package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tensorflow.proto.framework.AttrValue;
import org.tensorflow.proto.framework.GraphDef;
import org.tensorflow.proto.framework.NodeDef;

/**
 * Makes NerDL training reproducible. The bundled graphs leave every random op (weight
 * initializers, dropout) unseeded ({@code seed = seed2 = 0}), which TensorFlow reads as "seed
 * from the clock", so two runs on the same data and seed differ. This writes a copy of the
 * selected graph with each random op seeded from the run's seed (and its position, so ops stay
 * independent) into a folder that NerDL is then pointed at.
 */
final class SeededGraph {

    private SeededGraph() {
    }

    /**
     * Writes the seeded copy of a bundled graph into {@code folder}.
     *
     * @param resource the bundled graph, e.g. {@code ner-dl/blstm_10_100_128_120.pb}
     * @return the number of random ops seeded
     */
    static int write(String resource, int seed, Path folder) throws IOException {
        GraphDef graph;
        try (InputStream in = SeededGraph.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IOException("bundled graph " + resource + " not found on the classpath");
            }
            graph = GraphDef.parseFrom(in);
        }
        GraphDef.Builder seeded = graph.toBuilder();
        int count = 0;
        for (int i = 0; i < seeded.getNodeCount(); i++) {
            NodeDef.Builder node = seeded.getNodeBuilder(i);
            if (node.containsAttr("seed") && node.containsAttr("seed2")) {
                // TensorFlow treats seed = seed2 = 0 as unseeded, so neither may be 0.
                node.putAttr("seed", AttrValue.newBuilder().setI(seed == 0 ? 1 : seed).build());
                node.putAttr("seed2", AttrValue.newBuilder().setI(i + 1L).build());
                count++;
            }
        }
        Files.createDirectories(folder);
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        Files.write(folder.resolve(fileName), seeded.build().toByteArray());
        return count;
    }
}
