package org.annotationlab.training;

import static org.annotationlab.training.TrainingLab.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.events.deployment.DeploymentCompleted;
import org.annotationlab.events.deployment.DeploymentStarted;
import org.annotationlab.training.launcher.JobController;
import org.junit.jupiter.api.Test;

/**
 * training-service with the Kubernetes launcher against Fabric8's mock API server: the cluster-wide
 * cap K=2 with a FIFO queue, the Job each run gets, outcomes read from Job and pod status (the
 * job's own INSUFFICIENT_DATA, a success with the model it left in the store), a Job that vanished,
 * and cancelling a running Job. The training sets are real exports of annotation-service.
 */
@QuarkusTest
@QuarkusTestResource(value = org.annotationlab.testing.LabInfra.class, initArgs = {
        @ResourceArg(name = "services", value = "annotation-service"),
        @ResourceArg(name = "oidc-client", value = "true")})
@QuarkusTestResource(value = KubernetesMockApi.class, restrictToAnnotatedClass = true)
class KubernetesTrainingTest {

    @Test
    void runsShareTwoSlotsAndFollowTheirJobs() throws Exception {
        KubernetesClient k8s = KubernetesMockApi.client();
        List<TrainingLab.Sentence> sentences = TrainingLab.sentences(25);
        UUID[] projects = new UUID[3];
        for (int p = 0; p < 3; p++) {
            projects[p] = TrainingLab.project("k8s-" + p, false, 50);
            List<String> tasks = TrainingLab.importTasks(projects[p], sentences);
            for (int i = 0; i < sentences.size(); i++) {
                TrainingLab.submit(projects[p], tasks.get(i), sentences.get(i));
            }
            if (p == 0) { // the last 5 of the first project are its test set
                TrainingLab.annotation("olivia").body(Map.of("taskIds", tasks.subList(20, 25), "add", List.of("test")))
                        .post("/projects/" + projects[p] + "/tasks/tags").then().statusCode(200);
            }
        }
        String[] runs = new String[3];
        for (int p = 0; p < 3; p++) {
            runs[p] = as("olivia").body(Map.of("tags", List.of(), "deploy", p == 1))
                    .post("/projects/" + projects[p] + "/trainings").then().statusCode(202).extract().path("id");
            Thread.sleep(50); // distinct request times: the queue is first come, first served
        }

        // K = 2: the first two get Jobs, the third waits.
        Job first = awaitJob(k8s, runs[0]);
        awaitJob(k8s, runs[1]);
        assertEquals("QUEUED", run(runs[2]).getString("state"));
        assertNull(k8s.batch().v1().jobs().withName("training-" + runs[2]).get());

        assertEquals(projects[0].toString(), first.getMetadata().getLabels().get("annotationlab.org/project"));
        assertEquals(runs[0], first.getMetadata().getLabels().get("annotationlab.org/training-run"));
        assertEquals(0, first.getSpec().getBackoffLimit());
        Container container = first.getSpec().getTemplate().getSpec().getContainers().get(0);
        Path runDir = runDirOf(container);
        assertTrue(container.getArgs().containsAll(List.of("train", "--training-set", runDir.resolve("training-set.conll").toString(),
                "--progress-file", runDir.resolve("progress.jsonl").toString(),
                "--unlabelled", runDir.resolve("unlabelled.txt").toString(),
                "--test-set", runDir.resolve("test-set.jsonl").toString())), container.getArgs().toString());
        // Word2Vec's extra corpus: every task text of the project but the test tasks', one per line.
        assertEquals(sentences.subList(0, 20).stream().map(TrainingLab.Sentence::text).toList(),
                Files.readAllLines(runDir.resolve("unlabelled.txt")));
        // The staged training set is annotation-service's export of the 20 selected completions that
        // are not test tasks; the test set, its export of the other 5, text and spans.
        assertEquals(20, blocks(runDir.resolve("training-set.conll")));
        assertEquals(20, run(runs[0]).getInt("dataset.size"));
        List<String> testSet = Files.readAllLines(runDir.resolve("test-set.jsonl"));
        assertEquals(5, testSet.size());
        assertEquals(sentences.get(20).text(), JsonPath.from(testSet.get(0)).getString("text"));
        assertEquals(sentences.get(20).spans().size(), JsonPath.from(testSet.get(0)).getList("spans").size());

        // The pod reports progress through the model store, then fails with the job's own reason.
        Files.writeString(runDir.resolve("progress.jsonl"),
                "{\"event\":\"started\"}\n{\"event\":\"epoch\",\"epoch\":1,\"epochs\":1,\"loss\":12.5}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(1).equals(run(runs[0]).get("progress.epoch")));
        assertEquals(12.5, run(runs[0]).getDouble("progress.loss"));
        JobController.finish(k8s, "training-" + runs[0], false,
                "INSUFFICIENT_DATA: the training set has 3 entity mentions; at least 10 are needed");
        JsonPath failed = awaitState(runs[0], "FAILED");
        assertEquals("INSUFFICIENT_DATA", failed.getString("reason"));
        assertEquals("the training set has 3 entity mentions; at least 10 are needed", failed.getString("message"));

        // Its slot goes to the queued run.
        awaitJob(k8s, runs[2]);

        // The second succeeds: the pod left the model, metrics and labels in the store.
        Path secondDir = runDirOf(awaitJob(k8s, runs[1]).getSpec().getTemplate().getSpec().getContainers().get(0));
        Files.createDirectories(secondDir.resolve("model"));
        Files.writeString(secondDir.resolve("labels.json"), "[\"Disease\"]");
        Files.writeString(secondDir.resolve("metrics.json"), "{\"micro\":{\"precision\":0.5,\"recall\":0.25,\"f1\":0.3333},"
                + "\"macro\":{\"precision\":0.5,\"recall\":0.25,\"f1\":0.3333},\"perLabel\":{\"Disease\":{\"precision\":0.5,"
                + "\"recall\":0.25,\"f1\":0.3333,\"support\":4}},\"trainSentences\":20,\"validationSentences\":5,"
                + "\"entities\":24,\"trainingSetSha256\":\"abc\"}");
        JobController.finish(k8s, "training-" + runs[1], true, "SUCCEEDED: trained on 20 sentences");
        JsonPath succeeded = awaitState(runs[1], "SUCCEEDED");
        assertEquals("k8s-1_ner_v1", succeeded.getString("model.name"));
        assertEquals(0.3333, succeeded.getDouble("metrics.micro.f1"), 1e-9);
        assertEquals("abc", succeeded.getString("dataset.sha256"));
        assertTrue(succeeded.getBoolean("deploy"));

        // The third's Job disappears behind the service's back: no run waits forever.
        k8s.batch().v1().jobs().withName("training-" + runs[2]).delete();
        JsonPath vanished = awaitState(runs[2], "FAILED");
        assertEquals("JOB_FAILED", vanished.getString("reason"));
        assertTrue(vanished.getString("message").contains("no longer exists"), vanished.getString("message"));

        // Cancelling a running run deletes its Job.
        String again = as("olivia").body("{}").post("/projects/" + projects[2] + "/trainings").then().statusCode(202)
                .extract().path("id");
        awaitJob(k8s, again);
        as("olivia").delete("/trainings/" + again).then().statusCode(202).body("cancelRequested", equalTo(true));
        awaitState(again, "CANCELLED");
        await().atMost(Duration.ofSeconds(10)).until(() -> k8s.batch().v1().jobs().withName("training-" + again).get() == null);

        // Once deploy-service announces the second project's model serving, its next run scores that
        // model on the same test set (the quality gate's baseline).
        org.annotationlab.events.DirectPublisher.publish(TrainingLab.config("kafka.bootstrap.servers"), "deploy-service", 1,
                new DeploymentCompleted(projects[1], UUID.randomUUID(), List.of(new DeploymentStarted.DeployedModel(
                        "k8s-1_ner_v1", "1", List.of("Disease"))), "http://model-server"));
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("k8s-1_ner_v1").equals(as("olivia")
                .get("/projects/" + projects[1] + "/trainings/status").jsonPath().getList("serving")));
        String next = as("olivia").body("{}").post("/projects/" + projects[1] + "/trainings").then().statusCode(202)
                .extract().path("id");
        List<String> args = awaitJob(k8s, next).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals("k8s-1_ner_v1=" + secondDir, args.get(args.indexOf("--baseline-model") + 1), args.toString());
        assertEquals(-1, args.indexOf("--curve"), "an ordinary run trains once");
        as("olivia").delete("/trainings/" + next).then().statusCode(202);
        awaitState(next, "CANCELLED");

        // A train curve is a kind of run: queued like any, its Job trains on 25/50/75 % first,
        // cancellable; it is never deployed by itself.
        as("olivia").body(Map.of("curve", true, "deploy", true)).post("/projects/" + projects[1] + "/trainings").then()
                .statusCode(422).body("errors[0].field", equalTo("curve"));
        String curve = as("olivia").body(Map.of("curve", true)).post("/projects/" + projects[1] + "/trainings").then()
                .statusCode(202).body("trigger", equalTo("CURVE")).body("deploy", equalTo(false)).extract().path("id");
        List<String> curveArgs = awaitJob(k8s, curve).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals("0.25,0.5,0.75", curveArgs.get(curveArgs.indexOf("--curve") + 1), curveArgs.toString());
        as("olivia").delete("/trainings/" + curve).then().statusCode(202);
        awaitState(curve, "CANCELLED");
    }

    private static int blocks(Path conll) throws Exception {
        int sentences = 0;
        boolean inSentence = false;
        for (String line : Files.readAllLines(conll)) {
            if (line.isBlank() || line.startsWith("-DOCSTART-")) {
                inSentence = false;
            } else if (!inSentence) {
                inSentence = true;
                sentences++;
            }
        }
        return sentences;
    }

    private static Path runDirOf(Container container) {
        List<String> args = container.getArgs();
        return Path.of(args.get(args.indexOf("--output") + 1));
    }

    private static Job awaitJob(KubernetesClient k8s, String runId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> k8s.batch().v1().jobs().withName("training-" + runId).get() != null
                && "LAUNCHED".equals(run(runId).getString("phase")));
        return k8s.batch().v1().jobs().withName("training-" + runId).get();
    }

    private static JsonPath awaitState(String runId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(run(runId).getString("state")));
        return run(runId);
    }

    private static JsonPath run(String runId) {
        return as("olivia").get("/trainings/" + runId).then().statusCode(200).extract().jsonPath();
    }
}
