package org.annotationlab.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The seed loop through the web UI only, on the platform './lab e2e' starts (real Keycloak, Kafka,
 * PostgreSQL, a real nlp-runner training and model server): an Owner sets up a project, imports a
 * CoNLL file and text tasks, tags and assigns them; an Annotator labels a word with the mouse; a
 * Reviewer accepts one completion and rejects another; the Owner trains, reads the scores and the
 * log, deploys, pre-annotates through the popup and sees the prediction drawn in the editor. The
 * REST API is only read, to check what the screens stored.
 */
class WholeLoopIT {

    /** Three sentences for the annotator; the CoNLL file's disease names, so the model finds them. */
    private static final List<String> NEW_TASKS = List.of(
            "The patient had asthma after surgery .",
            "Doctors treated influenza with rest .",
            "She was diagnosed with diabetes last year .");
    private static final Duration TRAINING = Duration.ofMinutes(6);

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void ownerAnnotatorAndReviewerDoTheWholeLoopInTheBrowser() throws IOException, URISyntaxException {
        String name = "Whole loop " + UUID.randomUUID().toString().substring(0, 8);

        // Owner: the project, its labeling config and members.
        browser.signIn("olivia");
        browser.find(By.id("project-name")).sendKeys(name);
        browser.find(By.cssSelector("#create-project button[type=submit]")).click();
        WebElement row = browser.waitFor(By.cssSelector("tr[data-project='" + name + "']"));
        row.findElement(By.linkText("Set up")).click();
        WebElement xml = browser.waitFor(By.id("config-xml"));
        browser.waitUntil(d -> !xml.getAttribute("value").isBlank());
        Browser.replace(xml, "<View>\n  <Labels name=\"label\" toName=\"text\">\n    <Label value=\"Disease\"/>\n  </Labels>\n"
                + "  <Text name=\"text\" value=\"$text\"/>\n</View>");
        browser.find(By.cssSelector("#labeling-config button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#labeling-config .saved"));
        addMember("anna", "ANNOTATOR");
        addMember("rita", "REVIEWER");
        String projectId = browser.driver().getCurrentUrl().replaceAll(".*#/projects/([^/]+)/setup.*", "$1");

        // Owner: import the CoNLL file (its sentences become tasks with gold completions) and three texts.
        browser.open("/projects/" + projectId + "/tasks");
        importFile("conll", resource("whole-loop.conll"), "gold");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#import-result .saved")).getText()
                .equals("Imported 48 tasks, 48 with completions."));
        Path texts = Files.createTempFile("new-tasks", ".txt");
        Files.writeString(texts, String.join("\n", NEW_TASKS));
        importFile("text", texts, "new");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#import-result .saved")).getText().equals("Imported 3 tasks."));

        // Owner: tag two gold tasks by hand, have rita review the gold ones and anna annotate the new ones.
        filterByTag("gold");
        List<WebElement> boxes = browser.driver().findElements(By.cssSelector("#tasks tbody input[type=checkbox]"));
        boxes.get(0).click();
        boxes.get(1).click();
        browser.find(By.id("tags-add")).sendKeys("second-look");
        browser.find(By.cssSelector("#tag-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#bulk-actions .saved"));
        // Two others become the test set: never trained on, every run is scored on them.
        browser.waitUntil(d -> d.findElements(By.cssSelector("#tasks tbody tr.selected")).isEmpty());
        boxes = browser.driver().findElements(By.cssSelector("#tasks tbody input[type=checkbox]"));
        boxes.get(2).click();
        boxes.get(3).click();
        Browser.replace(browser.find(By.id("tags-add")), "test");
        browser.find(By.cssSelector("#tag-form button[type=submit]")).click();
        browser.waitUntil(d -> d.findElement(By.cssSelector("#bulk-actions .saved")).getText().equals("Tags changed on 2 tasks."));
        browser.waitUntil(d -> d.findElements(By.cssSelector("#tasks tbody tr.selected")).isEmpty());
        browser.find(By.id("select-page")).click();
        browser.find(By.id("assign-reviewer")).sendKeys("rita");
        browser.find(By.cssSelector("#assign-form button[type=submit]")).click();
        browser.waitUntil(d -> d.findElement(By.cssSelector("#bulk-actions .saved")).getText().equals("Assigned 48 tasks."));
        filterByTag("new");
        browser.find(By.id("select-page")).click();
        Browser.replace(browser.find(By.id("assign-annotator")), "anna");
        browser.find(By.cssSelector("#assign-form button[type=submit]")).click();
        browser.waitUntil(d -> d.findElement(By.cssSelector("#bulk-actions .saved")).getText().equals("Assigned 3 tasks."));
        assertTrue(Users.call("olivia", "GET", "/annotations/projects/" + projectId + "/tasks/counts", null, 200)
                .contains("\"second-look\":2"));
        browser.screenshot("loop-tasks");
        browser.open("/projects/" + projectId + "/setup");
        String testSet = browser.waitFor(By.id("test-set-size")).getText();
        assertTrue(testSet.startsWith("2 tasks tagged \"test\" with a submitted completion"), testSet);
        // The quality gate's tolerance: a value out of range is refused next to the field, as typed.
        Browser.replace(browser.find(By.id("gate-tolerance")), "2");
        browser.find(By.cssSelector("#quality-gate button[type=submit]")).click();
        assertTrue(browser.waitFor(By.id("gate-tolerance-error")).getText().contains("from 0 to 1"));
        assertEquals("2", browser.find(By.id("gate-tolerance")).getAttribute("value"));
        Browser.replace(browser.find(By.id("gate-tolerance")), "0.01");
        browser.find(By.cssSelector("#quality-gate button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#quality-gate .saved"));
        assertTrue(Users.call("olivia", "GET", "/deployments/projects/" + projectId + "/quality-gate/settings", null, 200)
                .contains("\"tolerance\":0.01"));
        signOut();

        // Annotator: her queue, the first task, "asthma" labelled Disease with the mouse, submitted.
        browser.signIn("anna").open("/projects/" + projectId + "/tasks");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#tasks tbody tr")).size() == NEW_TASKS.size());
        browser.find(By.linkText(NEW_TASKS.get(0))).click();
        Editor editor = new Editor(browser);
        editor.label("Disease");
        editor.drag("asthma");
        browser.find(By.id("save-submit")).click();
        browser.waitUntil(d -> d.findElement(By.id("save-status")).getText().startsWith("Submitted"));
        String taskId = browser.driver().getCurrentUrl().replaceAll(".*/tasks/([^/?]+).*", "$1");
        String stored = Users.call("olivia", "GET", "/annotations/projects/" + projectId + "/tasks/" + taskId + "/completions", null, 200);
        int start = NEW_TASKS.get(0).indexOf("asthma");
        assertTrue(stored.contains("\"start\":" + start + ",\"end\":" + (start + "asthma".length()) + ",\"label\":\"Disease\""), stored);
        signOut();

        // Reviewer: accept anna's completion, reject a gold one with a comment; the list shows both states.
        browser.signIn("rita").open("/projects/" + projectId + "/tasks/" + taskId + "/review");
        browser.waitFor(By.cssSelector("#completions tr[data-author='anna']"));
        browser.find(By.id("accept")).click();
        browser.waitUntil(d -> d.findElement(By.id("task-state")).getText().equals("Accepted"));
        browser.open("/projects/" + projectId + "/tasks");
        filterByTag("second-look");
        browser.find(By.cssSelector("#tasks tbody tr .actions")).findElement(By.linkText("Review")).click();
        browser.waitFor(By.id("review-comment-input")).sendKeys("The span misses a word.");
        browser.find(By.id("reject")).click();
        browser.waitUntil(d -> d.findElement(By.id("task-state")).getText().equals("Rejected"));
        browser.open("/projects/" + projectId + "/tasks");
        new Select(browser.waitFor(By.id("filter-state"))).selectByValue("rejected");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#tasks tbody tr")).size() == 1
                && d.findElement(By.cssSelector("#tasks tbody .badge")).getText().equals("Rejected"));
        signOut();

        // Owner: Train Now (disabled while the run goes), SUCCEEDED with its scores and log; deployed.
        browser.signIn("olivia").open("/projects/" + projectId + "/training");
        Browser.replace(browser.waitFor(By.id("train-epochs")), "8");
        Browser.replace(browser.find(By.id("train-learningRate")), "0.01");
        browser.find(By.id("train-deploy")).click();
        browser.find(By.id("train-now-button")).click();
        // The status the button follows says a run is going: disabled, with the reason beside it.
        browser.waitUntil(d -> !d.findElements(By.id("train-blocked")).isEmpty());
        assertFalse(browser.find(By.id("train-now-button")).isEnabled());
        assertFalse(browser.find(By.id("train-blocked")).getText().isBlank());
        // Meanwhile pre-annotation is refused, and the popup says why.
        browser.open("/projects/" + projectId + "/tasks");
        browser.waitFor(By.cssSelector("#tasks tbody input[type=checkbox]")).click();
        browser.find(By.id("preannotate-button")).click();
        String blocked = browser.waitFor(By.id("preannotate-blocked")).getText();
        assertTrue(blocked.contains("train"), blocked);
        assertFalse(browser.find(By.id("start-preannotation")).isEnabled());
        browser.open("/projects/" + projectId + "/training");
        browser.waitUntil(TRAINING, d -> d.findElement(By.cssSelector("#runs tr[data-run='1'] .outcome")).getText()
                .startsWith("Succeeded"));
        browser.find(By.cssSelector("#runs tr[data-run='1'] button.link")).click();
        WebElement disease = browser.waitFor(By.cssSelector("#run-scores tr[data-label='Disease']"));
        assertTrue(disease.findElements(By.tagName("td")).get(2).getText().matches("\\d+\\.\\d%"), disease.getText());
        // Scored on the 2 test tasks too, as pre-annotation would tag them; that is the run's F1 in the list.
        assertTrue(browser.find(By.cssSelector("#run-test-scores caption")).getText().startsWith("Test set: 2 tasks"));
        assertTrue(browser.find(By.cssSelector("#run-test-scores tr[data-label='Disease']")).isDisplayed());
        assertTrue(browser.find(By.cssSelector("#runs tr[data-run='1'] td:last-child")).getText().endsWith("test set"));
        // Trained with deploy: the quality gate's decision, a moment after the run (nothing was deployed before).
        browser.waitUntil(d -> d.findElement(By.id("run-gate")).getText().startsWith("Deployed without a comparison."));
        browser.scrollTo(By.id("run-details"));
        browser.screenshot("loop-run-scores");
        browser.waitUntil(d -> d.findElement(By.id("run-log")).getText().contains("nlp-runner train"));
        assertTrue(browser.find(By.id("log-download")).getAttribute("href").startsWith("blob:"));
        browser.screenshot("loop-training");

        // Owner: pre-annotate the two new tasks anna did not annotate, through the popup.
        browser.open("/projects/" + projectId + "/tasks");
        filterByTag("new");
        new Select(browser.find(By.id("filter-state"))).selectByValue("none");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#tasks tbody tr")).size() == 2);
        browser.find(By.id("select-page")).click();
        browser.find(By.id("preannotate-button")).click();
        browser.waitUntil(TRAINING, d -> d.findElement(By.id("deployment-state")).getText().contains("Ready"));
        browser.find(By.id("start-preannotation")).click();
        browser.waitUntil(d -> d.findElement(By.id("run-state")).getText().equals("Done"));
        browser.find(By.id("close-preannotate")).click();
        WebElement predicted = browser.waitFor(By.linkText(NEW_TASKS.get(1)));
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#tasks tbody tr .prediction")).isEmpty());

        // The editor draws the prediction, named by model and version, with its score.
        predicted.click();
        WebElement prediction = browser.waitFor(By.cssSelector("#predictions button[data-model]"));
        assertTrue(prediction.getText().matches(".+ v1 score \\d\\.\\d\\d"), prediction.getText());
        browser.waitUntil(d -> editor.highlights().contains("Disease:influenza"));
        browser.screenshot("loop-prediction");
    }

    private void addMember(String username, String role) {
        Browser.replace(browser.find(By.id("member-username")), username);
        new Select(browser.find(By.id("member-role"))).selectByValue(role);
        browser.find(By.cssSelector("#add-member button[type=submit]")).click();
        browser.waitFor(By.cssSelector("tr[data-member='" + username + "']"));
    }

    private void importFile(String format, Path file, String tag) {
        new Select(browser.waitFor(By.id("import-format"))).selectByValue(format);
        browser.find(By.id("import-file")).sendKeys(file.toString());
        Browser.replace(browser.find(By.id("import-tag")), tag);
        browser.find(By.cssSelector("#import button[type=submit]")).click();
    }

    private void filterByTag(String tag) {
        browser.waitUntil(d -> new Select(d.findElement(By.id("filter-tag"))).getOptions().stream()
                .anyMatch(o -> tag.equals(o.getAttribute("value"))));
        new Select(browser.find(By.id("filter-tag"))).selectByValue(tag);
        browser.waitUntil(d -> d.findElements(By.cssSelector("#tasks tbody tr")).stream()
                .allMatch(r -> r.findElement(By.cssSelector("td.tags")).getText().contains(tag)));
    }

    private void signOut() {
        browser.find(By.id("sign-out")).click();
        browser.waitFor(By.id("kc-login"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(WholeLoopIT.class.getClassLoader().getResource(name).toURI());
    }

}
