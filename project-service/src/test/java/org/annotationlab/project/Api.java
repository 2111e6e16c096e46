package org.annotationlab.project;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.TestTokens;

/** The project-service API as a test's users call it, with real signed bearer tokens. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String user, String... realmRoles) {
        return given().header("Authorization", TestTokens.bearer(user, realmRoles)).contentType(ContentType.JSON);
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String createProject(String owner) {
        return as(owner).body(Map.of("name", unique("Project"))).post("/projects")
                .then().statusCode(201).extract().path("id");
    }

    /** deploy-service registering a model: its event on the real broker, sent twice as a redelivery would. */
    public static void registerModel(String projectId, String name, boolean pretrained, String... labels) {
        org.annotationlab.events.EventCodec codec = new org.annotationlab.events.EventCodec();
        org.annotationlab.events.deployment.ModelRegistered registered = new org.annotationlab.events.deployment.ModelRegistered(
                projectId == null ? null : UUID.fromString(projectId), name, java.util.List.of(labels), pretrained);
        String record = codec.encode(codec.wrap(registered, "deploy-service"));
        String bootstrap = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < 2; i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(org.annotationlab.events.Topics.DEPLOYMENTS,
                        null, projectId, record, org.annotationlab.events.EventRecords.headers(registered.type())))
                        .get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish ModelRegistered", e);
        }
    }

    public static void addMember(String projectId, String owner, String user, String role) {
        as(owner).body(Map.of("username", user, "role", role)).post("/projects/" + projectId + "/members")
                .then().statusCode(201);
    }
}
