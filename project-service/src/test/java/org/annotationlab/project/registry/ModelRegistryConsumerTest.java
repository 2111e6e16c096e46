package org.annotationlab.project.registry;

import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.createProject;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventRecords;
import org.annotationlab.events.Topics;
import org.annotationlab.events.deployment.ModelRegistered;
import org.annotationlab.testing.LabInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A model registered by deploy-service (an event on the real broker) becomes usable in labeling configs. */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class ModelRegistryConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aRegisteredModelMayBeBoundOnceItsEventArrives() throws Exception {
        String projectId = createProject("olivia");
        String model = "demo_ner_v" + System.nanoTime();
        String xml = "<View><Labels name=\"label\" toName=\"text\"><Label value=\"Disease\" model=\"" + model + "\"/>"
                + "</Labels><Text name=\"text\" value=\"$text\"/></View>";
        as("olivia").contentType("application/xml").body(xml).put("/projects/" + projectId + "/labeling-config")
                .then().statusCode(422);

        EventCodec codec = new EventCodec();
        ModelRegistered registered = new ModelRegistered(UUID.fromString(projectId), model, List.of("Disease"), false);
        String record = codec.encode(codec.wrap(registered, "deploy-service"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            // Twice, as a redelivery would, with the headers the outbox relay sends.
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(Topics.DEPLOYMENTS, null, projectId, record,
                        EventRecords.headers(registered.type()))).get(10, TimeUnit.SECONDS);
            }
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                as("olivia").contentType("application/xml").body(xml).put("/projects/" + projectId + "/labeling-config")
                        .statusCode() == 200);
    }
}
