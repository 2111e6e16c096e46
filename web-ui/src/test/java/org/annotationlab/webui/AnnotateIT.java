package org.annotationlab.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The Annotate and Review screens (Label Studio's editor) in Chromium, on a fresh project set up
 * through the REST API: olivia owns it, anna annotates, rita reviews. The regions are drawn as a
 * person draws them ({@link Editor}: a label, then a drag over the words) and checked through the API.
 */
class AnnotateIT {

    private static final String CONFIG = "<View><Labels name=\"label\" toName=\"text\"><Label value=\"Chemical\"/>"
            + "<Label value=\"Disease\"/></Labels><Text name=\"text\" value=\"$text\"/></View>";
    private static final String[] TEXTS = {
        "Aspirin lowers the risk of myocardial infarction.",
        "Ibuprofen relieves headache and fever.",
        "Metformin treats type 2 diabetes.",
    };

    @RegisterExtension
    final Browser browser = new Browser();
    private final Editor editor = new Editor(browser);

    @Test
    void anAnnotatorDrawsARegionSubmitsItSeesItAgainAndGoesOnToTheNextTask() {
        Scene scene = scene("UI annotate");
        // The second task has a model's prediction: the annotator's work starts from it.
        Users.call("olivia", "PUT", scene.api() + "/predictions", "{\"model\": \"ner_demo\", \"modelVersion\": \"3\", "
                + "\"predictions\": [{\"taskId\": \"" + scene.tasks.get(1) + "\", \"score\": 0.87, \"spans\": ["
                + "{\"start\": 0, \"end\": 9, \"label\": \"Chemical\", \"confidence\": 0.58},"
                + "{\"start\": 19, \"end\": 27, \"label\": \"Disease\", \"confidence\": 0.91}]}]}", 200);

        browser.signIn("anna").open("/projects/" + scene.id + "/tasks/" + scene.tasks.get(0));
        assertEquals("Not annotated yet", browser.waitFor(By.id("task-state")).getText());
        editor.label("Chemical");
        editor.drag("Aspirin");
        browser.find(By.id("save-submit")).click();
        assertEquals("Submitted with 1 span.", browser.waitFor(By.id("save-status")).getText());
        assertEquals("Submitted, awaiting review", browser.find(By.id("task-state")).getText());

        String completions = Users.call("anna", "GET", scene.api() + "/tasks/" + scene.tasks.get(0) + "/completions", null, 200);
        assertTrue(completions.contains("\"spans\":[{\"start\":0,\"end\":7,\"label\":\"Chemical\"}]"), completions);
        assertTrue(completions.contains("\"submitted\":true"), completions);

        // Loaded again: exactly the region saved, and the completion can be updated.
        browser.driver().navigate().refresh();
        browser.waitUntil(d -> editor.highlights().equals(List.of("Chemical:Aspirin")));
        assertEquals("Update", browser.waitFor(By.id("save-submit")).getText());

        // Next task: the next one assigned to anna without a submitted completion, without reloading the page.
        ((JavascriptExecutor) browser.driver()).executeScript("window.samePage = true");
        browser.waitFor(By.id("next-task")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/tasks/" + scene.tasks.get(1)));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser.driver()).executeScript("return window.samePage === true"));
        browser.waitUntil(d -> editor.highlights().equals(List.of("Chemical:Ibuprofen", "Disease:headache")));
        WebElement prediction = browser.find(By.cssSelector("#predictions button[data-model='ner_demo v3']"));
        assertTrue(prediction.getText().contains("score 0.87"), prediction.getText());
        assertTrue(browser.find(By.id("start-from")).getText().startsWith("Your annotation starts from ner_demo v3's prediction"));
        editor.label("Disease");
        editor.drag("fever");
        browser.screenshot("annotate");
        // The prediction alone, then the annotation again.
        prediction.click();
        browser.waitUntil(d -> editor.highlights().equals(List.of("Chemical:Ibuprofen", "Disease:headache")));
        browser.find(By.id("show-mine")).click();
        browser.waitUntil(d -> editor.highlights().size() == 3);
        browser.find(By.id("save-submit")).click();
        browser.waitFor(By.id("save-status"));
        String second = Users.call("anna", "GET", scene.api() + "/tasks/" + scene.tasks.get(1) + "/completions", null, 200);
        assertTrue(second.contains("\"spans\":[{\"start\":0,\"end\":9,\"label\":\"Chemical\"},{\"start\":19,\"end\":27,"
                + "\"label\":\"Disease\"},{\"start\":32,\"end\":37,\"label\":\"Disease\"}]"), second);
        // Offered after the submit: the last task of anna's queue.
        browser.find(By.id("go-next")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/tasks/" + scene.tasks.get(2)));
    }

    @Test
    void aReviewerRejectsWithACommentAndTheAnnotatorSeesTheReviewReadOnly() {
        Scene scene = scene("UI review");
        String first = submit(scene, 0, "{\"start\": 0, \"end\": 7, \"label\": \"Disease\"}");
        submit(scene, 1, "{\"start\": 19, \"end\": 27, \"label\": \"Disease\"}");

        browser.signIn("rita").open("/projects/" + scene.id + "/tasks/" + scene.tasks.get(0) + "/review");
        WebElement row = browser.waitFor(By.cssSelector("#completions tr[data-author='anna']"));
        assertTrue(row.getText().contains("Awaiting review"), row.getText());
        browser.waitUntil(d -> editor.highlights().equals(List.of("Disease:Aspirin")));
        browser.find(By.id("review-comment-input")).sendKeys("Aspirin is a Chemical, not a Disease.");
        browser.find(By.id("reject")).click();
        assertEquals("Rejected: anna sees your decision and comment.", browser.waitFor(By.id("review-status")).getText());
        assertEquals("Rejected", browser.find(By.id("task-state")).getText());
        ((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");
        browser.screenshot("review");
        String completion = Users.call("rita", "GET", scene.api() + "/tasks/" + scene.tasks.get(0) + "/completions", null, 200);
        assertTrue(completion.contains("\"id\":\"" + first + "\"") && completion.contains("\"reviewStatus\":\"REJECTED\"")
                && completion.contains("\"reviewComment\":\"Aspirin is a Chemical, not a Disease.\""), completion);

        // The next task awaiting rita's review.
        browser.find(By.id("go-next")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/tasks/" + scene.tasks.get(1) + "/review"));
        browser.waitUntil(d -> editor.highlights().equals(List.of("Disease:headache")));

        // anna sees the review, read-only: no region can be added, nothing to save.
        browser.find(By.id("sign-out")).click();
        browser.waitFor(By.id("kc-login"));
        browser.signIn("anna").open("/projects/" + scene.id + "/tasks/" + scene.tasks.get(0));
        WebElement note = browser.waitFor(By.id("review-note"));
        assertTrue(note.getText().startsWith("Rejected by rita"), note.getText());
        assertEquals("Aspirin is a Chemical, not a Disease.", browser.find(By.id("review-comment")).getText());
        assertTrue(browser.driver().findElements(By.id("save-submit")).isEmpty(), "a reviewed completion cannot be saved");
        browser.waitUntil(d -> editor.highlights().equals(List.of("Disease:Aspirin")));
        editor.label("Chemical");
        editor.drag("myocardial");
        assertEquals(List.of("Disease:Aspirin"), editor.highlights());
    }

    @Test
    void refusalsAreSentencesWithTheRegionsKeptAndAnAnnotatorIsToldWhyNotToReview() {
        Scene scene = scene("UI refusal");
        browser.signIn("anna").open("/projects/" + scene.id + "/tasks/" + scene.tasks.get(2));
        editor.label("Chemical");
        editor.drag("Metformin");
        editor.label("Disease");
        editor.drag("Metformin treats");
        browser.find(By.id("save-submit")).click();
        WebElement problem = browser.waitFor(By.id("save-problem"));
        assertTrue(problem.getText().startsWith("Nothing was saved: a span is not accepted. Your regions are kept"), problem.getText());
        assertTrue(problem.getText().contains("overlaps “Metformin” (Chemical)"), problem.getText());
        assertFalse(problem.getText().matches("(?s).*(spans\\[|[0-9a-f]{8}-[0-9a-f]{4}).*"), "no field paths or ids: " + problem.getText());
        List<String> kept = editor.highlights();
        assertTrue(kept.contains("Chemical:Metformin") && kept.stream().anyMatch(h -> h.startsWith("Disease:")), "the regions stay: " + kept);
        assertEquals("[]", Users.call("anna", "GET", scene.api() + "/tasks/" + scene.tasks.get(2) + "/completions", null, 200));

        browser.open("/projects/" + scene.id + "/tasks/" + scene.tasks.get(2) + "/review");
        assertTrue(browser.waitFor(By.id("review-not-allowed")).getText()
                .startsWith("Only a project Owner or Manager or Reviewer can do this."));
        assertTrue(browser.driver().findElements(By.id("reject")).isEmpty());

        // A completion accepted while anna changes it: 409, said in words, her regions kept.
        String completion = submit(scene, 0, "{\"start\": 0, \"end\": 7, \"label\": \"Chemical\"}");
        browser.open("/projects/" + scene.id + "/tasks/" + scene.tasks.get(0));
        browser.waitUntil(d -> editor.highlights().equals(List.of("Chemical:Aspirin")));
        Users.call("rita", "POST", scene.api() + "/completions/" + completion + "/review", "{\"status\": \"ACCEPTED\"}", 200);
        editor.label("Disease");
        editor.drag("myocardial infarction");
        browser.find(By.id("save-submit")).click();
        assertTrue(browser.waitFor(By.id("save-problem")).getText().startsWith("Your completion was reviewed in the meantime"),
                browser.find(By.id("save-problem")).getText());
        assertEquals(List.of("Chemical:Aspirin", "Disease:myocardial infarction"), editor.highlights());
    }

    // ------------------------------------------------------------------------ the scene, by REST

    /** A project with the two labels, the three tasks assigned to anna and reviewed by rita. */
    private record Scene(String id, List<String> tasks) {
        String api() {
            return "/annotations/projects/" + id;
        }
    }

    private static Scene scene(String prefix) {
        String name = prefix + " " + UUID.randomUUID().toString().substring(0, 8);
        String id = Users.field(Users.call("olivia", "POST", "/projects", "{\"name\": \"" + name + "\"}", 201), "id");
        Users.call("olivia", "PUT", "/projects/" + id + "/labeling-config", CONFIG, "application/xml", 200);
        Users.call("olivia", "POST", "/projects/" + id + "/members", "{\"username\": \"anna\", \"role\": \"ANNOTATOR\"}", 201);
        Users.call("olivia", "POST", "/projects/" + id + "/members", "{\"username\": \"rita\", \"role\": \"REVIEWER\"}", 201);
        StringBuilder tasks = new StringBuilder("[");
        for (String text : TEXTS) {
            tasks.append(tasks.length() > 1 ? "," : "").append("{\"text\": \"").append(text).append("\"}");
        }
        Users.call("olivia", "POST", "/annotations/projects/" + id + "/tasks/import?format=json", tasks + "]", 200);
        String listed = Users.call("olivia", "GET", "/annotations/projects/" + id + "/tasks?size=10", null, 200);
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"").matcher(listed);
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(TEXTS.length, ids.size(), listed);
        Users.call("olivia", "PUT", "/annotations/projects/" + id + "/tasks/assignment", "{\"taskIds\": [\""
                + String.join("\", \"", ids) + "\"], \"assignee\": \"anna\", \"reviewer\": \"rita\"}", 200);
        return new Scene(id, ids);
    }

    /** anna submits a completion of the i-th task with these spans; its id. */
    private static String submit(Scene scene, int i, String spans) {
        return Users.field(Users.call("anna", "POST", scene.api() + "/tasks/" + scene.tasks.get(i) + "/completions",
                "{\"spans\": [" + spans + "], \"submit\": true}", 201), "id");
    }

    /** A call with another body type than JSON (the labeling config's XML). */
}
