package org.annotationlab.events;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events straight to the broker, exactly as the outbox relay sends them (CloudEvents
 * envelope, key = project id, the relay's headers): for tests that play another service, and for
 * replaying an event by hand. Services publish through their outbox, never through this.
 */
public final class DirectPublisher {

    private static final EventCodec CODEC = new EventCodec();

    private DirectPublisher() {
    }

    /** Publishes each event {@code times} times (more than once = a redelivery) as {@code source}. */
    public static void publish(String bootstrapServers, String source, int times, DomainEvent... events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            for (DomainEvent event : events) {
                String record = CODEC.encode(CODEC.wrap(event, source));
                String key = event.projectId() == null ? null : event.projectId().toString();
                for (int i = 0; i < times; i++) {
                    producer.send(new ProducerRecord<>(event.topic(), null, key, record, EventRecords.headers(event.type())))
                            .get(10, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + events.length + " event(s) to " + bootstrapServers, e);
        }
    }

    /** Publishes a raw record again, as it was (a redelivery). */
    public static void republish(String bootstrapServers, String topic, String key, String record, String type) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, null, key, record, EventRecords.headers(type))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot republish to " + topic, e);
        }
    }
}
