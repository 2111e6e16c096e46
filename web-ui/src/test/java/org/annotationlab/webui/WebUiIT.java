package org.annotationlab.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in Chromium against the whole platform behind its gateway, signed in through
 * Keycloak's login page (run by './lab e2e' after the demo's loop, whose project has a trained
 * model). Each test takes the screenshots docs/ui.md shows.
 */
class WebUiIT {

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void signingInShowsTheUsersNameAndSigningOutEndsTheSession() {
        browser.signIn("olivia");
        assertEquals("olivia", browser.find(By.id("user-name")).getAttribute("title"));
        assertFalse(browser.find(By.id("user-name")).getText().isBlank());
        browser.screenshot("projects");

        browser.find(By.id("sign-out")).click();
        browser.waitFor(By.id("kc-login"));
        browser.open("/projects");
        browser.waitFor(By.id("kc-login"));
        assertTrue(browser.driver().findElements(By.id("user-name")).isEmpty(), "signed out: the login page, not the UI");
    }

    @Test
    void anOwnerCreatesAProjectAndSetsItUp() {
        String name = "UI test " + UUID.randomUUID().toString().substring(0, 8);
        browser.signIn("olivia");
        browser.find(By.id("project-name")).sendKeys(name);
        browser.find(By.id("project-description")).sendKeys("made by the browser test");
        browser.find(By.cssSelector("#create-project button[type=submit]")).click();
        WebElement row = browser.waitFor(By.cssSelector("tr[data-project='" + name + "']"));
        assertEquals("Owner", row.findElement(By.cssSelector("td.role")).getText());

        // The same name again: the sentence next to the name, what was typed kept.
        browser.find(By.id("project-name")).sendKeys(name);
        browser.find(By.cssSelector("#create-project button[type=submit]")).click();
        assertTrue(browser.waitFor(By.id("project-name-error")).getText().contains("already"),
                browser.find(By.id("project-name-error")).getText());
        assertEquals(name, browser.find(By.id("project-name")).getAttribute("value"));

        row.findElement(By.linkText("Set up")).click();
        browser.waitFor(By.id("config-xml"));
        // Label Studio's editor draws the config: its label buttons and the sample text.
        browser.waitUntil(d -> d.findElement(By.id("config-preview")).getText().contains("Chemical")
                && d.findElement(By.id("config-preview")).getText().contains("Aspirin"));

        // A label bound to a model that does not exist: 422 UNKNOWN_MODEL next to the editor, the text kept.
        String wrong = "<View>\n  <Labels name=\"label\" toName=\"text\">\n    <Label value=\"Disease\" model=\"no_such_model_v9\"/>\n"
                + "  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>";
        Browser.replace(browser.find(By.id("config-xml")), wrong);
        browser.find(By.cssSelector("#labeling-config button[type=submit]")).click();
        String error = browser.waitFor(By.id("config-xml-error")).getText();
        assertTrue(error.contains("no_such_model_v9") && error.contains("Disease"), error);
        assertEquals(wrong, browser.find(By.id("config-xml")).getAttribute("value"));
        browser.screenshot("setup-config-error");

        Browser.replace(browser.find(By.id("config-xml")), wrong.replace(" model=\"no_such_model_v9\"", ""));
        browser.find(By.cssSelector("#labeling-config button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#labeling-config .saved"));
        browser.waitFor(By.id("model-of-Disease"));

        // Members: add an annotator.
        browser.find(By.id("member-username")).sendKeys("anna");
        new Select(browser.find(By.id("member-role"))).selectByValue("ANNOTATOR");
        browser.find(By.cssSelector("#add-member button[type=submit]")).click();
        WebElement anna = browser.waitFor(By.cssSelector("tr[data-member='anna']"));
        assertEquals("ANNOTATOR", new Select(anna.findElement(By.tagName("select"))).getFirstSelectedOption().getAttribute("value"));

        // Training defaults: an epoch count out of range is refused next to the field, the value kept.
        WebElement epochs = browser.find(By.id("param-epochs"));
        Browser.replace(epochs, "500");
        browser.find(By.cssSelector("#training-defaults button[type=submit]")).click();
        assertEquals("Epochs must be a whole number from 1 to 200.", browser.waitFor(By.id("param-epochs-error")).getText());
        assertEquals("500", epochs.getAttribute("value"));
        browser.screenshot("setup-training-defaults-error");
        Browser.replace(epochs, "3");
        browser.find(By.cssSelector("#training-defaults button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#training-defaults .saved"));

        // Test set: a tag with a space is refused next to the field, the value kept; another tag is saved.
        WebElement testTag = browser.waitFor(By.id("test-tag"));
        assertEquals("test", testTag.getAttribute("value"));
        assertTrue(browser.waitFor(By.id("test-set-size")).getText().startsWith("No task tagged \"test\""));
        Browser.replace(testTag, "held out");
        browser.find(By.cssSelector("#test-set button[type=submit]")).click();
        assertEquals("A tag is 1 to 100 letters, digits, or _ . : - (no spaces).", browser.waitFor(By.id("test-tag-error")).getText());
        assertEquals("held out", testTag.getAttribute("value"));
        Browser.replace(testTag, "held-out");
        browser.find(By.cssSelector("#test-set button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#test-set .saved"));
        browser.waitUntil(d -> d.findElement(By.id("test-set-size")).getText().startsWith("No task tagged \"held-out\""));

        // Task order: sequential by default; a random order with a bad seed is refused next to the
        // field, the value kept; then most uncertain first by entropy is saved.
        assertTrue(browser.waitFor(By.id("order-sequential")).isSelected());
        browser.find(By.id("order-random")).click();
        WebElement seed = browser.waitFor(By.id("order-seed"));
        Browser.replace(seed, "-3");
        browser.find(By.cssSelector("#task-order button[type=submit]")).click();
        assertEquals("The seed is a whole number, 0 or more.", browser.waitFor(By.id("order-seed-error")).getText());
        assertEquals("-3", seed.getAttribute("value"));
        browser.find(By.id("order-uncertainty")).click();
        new Select(browser.waitFor(By.id("order-measure"))).selectByValue("entropy");
        browser.find(By.cssSelector("#task-order button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#task-order .saved"));
        browser.scrollTo(By.id("task-order"));
        browser.screenshot("setup-task-order");

        // Active learning: on, every 100, no deploy; shown again after a reload.
        browser.find(By.id("al-enabled")).click();
        new Select(browser.find(By.id("al-every"))).selectByValue("100");
        browser.find(By.id("al-deploy")).click();
        browser.find(By.cssSelector("#active-learning button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#active-learning .saved"));
        browser.driver().navigate().refresh();
        browser.waitFor(By.id("al-enabled"));
        assertTrue(browser.find(By.id("al-enabled")).isSelected());
        assertEquals("100", new Select(browser.find(By.id("al-every"))).getFirstSelectedOption().getAttribute("value"));
        assertFalse(browser.find(By.id("al-deploy")).isSelected());
        assertEquals("3", browser.waitFor(By.id("param-epochs")).getAttribute("value"));
        assertEquals("held-out", browser.waitFor(By.id("test-tag")).getAttribute("value"));
        assertTrue(browser.waitFor(By.id("order-uncertainty")).isSelected());
        assertEquals("entropy", new Select(browser.find(By.id("order-measure"))).getFirstSelectedOption().getAttribute("value"));
        browser.waitUntil(d -> d.findElement(By.id("al-next")).getText().startsWith("Next automatic training after 100"));
        browser.scrollTo(By.id("training-defaults"));
        browser.screenshot("setup-settings");
    }

    @Test
    void anAnnotatorSeesTheProjectButNoSetupActions() {
        String name = "UI annotator " + UUID.randomUUID().toString().substring(0, 8);
        String id = Users.field(Users.call("olivia", "POST", "/projects", "{\"name\": \"" + name + "\"}", 201), "id");
        Users.call("olivia", "POST", "/projects/" + id + "/members", "{\"username\": \"anna\", \"role\": \"ANNOTATOR\"}", 201);

        browser.signIn("anna");
        browser.find(By.id("projects-search")).sendKeys(name);
        WebElement row = browser.waitFor(By.cssSelector("tr[data-project='" + name + "']"));
        assertEquals("Annotator", row.findElement(By.cssSelector("td.role")).getText());
        assertTrue(row.findElements(By.linkText("Set up")).isEmpty(), "no Set up link for an Annotator");
        WebElement setUp = row.findElement(By.cssSelector(".button.disabled"));
        assertEquals("Only a project Owner or Manager can do this.", setUp.getAttribute("title"));
        assertEquals("Only a project Owner or Manager or Reviewer can do this.",
                row.findElement(By.cssSelector(".button.disabled.training")).getAttribute("title"));
        WebElement delete = row.findElement(By.cssSelector("button.danger"));
        assertFalse(delete.isEnabled());
        assertEquals("Only a project Owner can do this.", delete.getAttribute("title"));
    }

    /** The demo's project has a trained model bound to Disease: the picker and the models list show it. */
    @Test
    void aLabelIsBoundFromThePickerAndTheModelsListShowsWhenEachModelWasTrained() {
        String projects = demoProject();
        String id = Users.field(projects, "id");
        String projectName = Users.field(projects, "name");
        String model = Users.field(Users.call("olivia", "GET", "/models?size=1&project="
                + java.net.URLEncoder.encode(projectName, java.nio.charset.StandardCharsets.UTF_8), null, 200), "name");

        browser.signIn("olivia").open("/projects/" + id + "/setup");
        Select picker = new Select(browser.waitFor(By.id("model-of-Disease")));
        browser.waitUntil(d -> picker.getOptions().size() > 1);
        for (String choice : new String[] {"", model}) {
            new Select(browser.find(By.id("model-of-Disease"))).selectByValue(choice);
            String bound = choice.isEmpty() ? "\"model\":null" : "\"model\":\"" + model + "\"";
            browser.waitUntil(d -> Users.call("olivia", "GET", "/projects/" + id + "/labeling-config", null, 200).contains(bound));
        }
        WebElement option = new Select(browser.find(By.id("model-of-Disease"))).getFirstSelectedOption();
        assertTrue(option.getAttribute("title").startsWith(model + ": trained "), option.getAttribute("title"));

        browser.open("/models");
        browser.waitFor(By.id("models-search")).sendKeys(projectName.toUpperCase(), Keys.TAB);
        WebElement row = browser.waitFor(By.cssSelector("tr[data-model='" + model + "']"));
        WebElement trained = row.findElement(By.cssSelector(".trained"));
        new Actions(browser.driver()).moveToElement(trained).perform();
        assertTrue(trained.getAttribute("title").startsWith("Trained "), trained.getAttribute("title"));
        assertTrue(row.getText().contains("Disease"), row.getText());
        browser.waitUntil(d -> row.getText().contains("by training run"));
        browser.screenshot("models");

        browser.find(By.id("models-search")).sendKeys(" no project is named like this");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#models")).isEmpty());
        assertTrue(browser.find(By.cssSelector("p.empty")).getText().startsWith("No model of a project named like"));
    }

    /** The demo's project has trained: its history, a successful run's scores per label and its log. */
    @Test
    void theTrainingScreenShowsTheHistoryARunsScoresAndItsLog() {
        String id = Users.field(demoProject(), "id");

        browser.signIn("olivia").open("/projects/" + id + "/training");
        WebElement succeeded = browser.waitFor(By.xpath("//table[@id='runs']//tr[.//span[contains(@class,'succeeded')]]"));
        assertTrue(succeeded.getText().contains("completions"), succeeded.getText());
        succeeded.findElement(By.cssSelector("button.link")).click();

        WebElement disease = browser.waitFor(By.cssSelector("#run-scores tr[data-label='Disease']"));
        java.util.List<WebElement> cells = disease.findElements(By.tagName("td"));
        assertEquals(4, cells.size(), disease.getText());
        assertTrue(cells.get(2).getText().matches("\\d+\\.\\d%"), "F1 " + cells.get(2).getText());
        assertTrue(Integer.parseInt(cells.get(3).getText()) > 0, "mentions " + cells.get(3).getText());
        // The demo's held-out tasks are its test set: the run was scored on them, one point of the curve so far.
        assertTrue(browser.find(By.cssSelector("#run-test-scores caption")).getText().startsWith("Test set: 40 tasks"),
                browser.find(By.cssSelector("#run-test-scores caption")).getText());
        // The learning curve draws the service's points (the demo itself trains once: one point, said in words).
        int points = Users.call("olivia", "GET", "/trainings/projects/" + id + "/learning-curve", null, 200)
                .split("\"runId\"", -1).length - 1;
        if (points < 2) {
            assertEquals("The curve needs two runs scored on the same test set; one so far.",
                    browser.waitFor(By.id("curve-empty")).getText());
        } else {
            browser.waitUntil(d -> d.findElements(By.cssSelector("#learning-curve svg circle[data-run]")).size() == points);
        }
        browser.waitUntil(d -> d.findElement(By.id("run-log")).getText().contains("nlp-runner train"));
        assertTrue(browser.find(By.id("log-download")).getAttribute("href").startsWith("blob:"));
        browser.scrollTo(By.id("run-details"));
        browser.screenshot("training-history");
        browser.scrollTo(By.id("learning-curve"));
        browser.screenshot("training-curve");
    }

    /**
     * Train Now on a project with no data: a value out of range is refused next to its field with
     * what was typed kept; then the run is queued and fails, and the screen says why in words.
     */
    @Test
    void trainNowRefusesAValueOutOfRangeAndARunWithoutDataFailsSayingWhy() {
        String name = "UI training " + UUID.randomUUID().toString().substring(0, 8);
        String id = Users.field(Users.call("olivia", "POST", "/projects", "{\"name\": \"" + name + "\"}", 201), "id");

        browser.signIn("olivia").open("/projects/" + id + "/training");
        assertTrue(browser.waitFor(By.id("train-warning")).getText().startsWith("0 completions are selected for training"),
                browser.find(By.id("train-warning")).getText());
        WebElement epochs = browser.waitFor(By.id("train-epochs"));
        Browser.replace(epochs, "0");
        browser.find(By.id("train-now-button")).click();
        assertEquals("Epochs must be a whole number from 1 to 200.", browser.waitFor(By.id("train-epochs-error")).getText());
        assertEquals("0", epochs.getAttribute("value"));

        Browser.replace(epochs, "1");
        browser.find(By.id("train-now-button")).click();
        assertEquals("Training run 1 is queued.", browser.waitFor(By.cssSelector("#train-now .saved")).getText());
        browser.waitUntil(d -> d.findElement(By.cssSelector("#runs tr[data-run='1'] .outcome")).getText()
                .contains("Too little data: the training set has 0 sentences; at least 20 are needed"));
        assertTrue(browser.waitFor(By.id("run-reason")).getText().startsWith("Too little data"));
        assertEquals("This run wrote no log: it ended before its training job started.",
                browser.waitFor(By.id("run-log-missing")).getText());
        browser.scrollTo(By.id("runs"));
        browser.screenshot("training-failed");

        // A train curve is a run of its own kind, named so in the history.
        browser.waitUntil(d -> d.findElement(By.id("train-curve-button")).isEnabled());
        browser.find(By.id("train-curve-button")).click();
        assertEquals("Train curve 2 is queued: 25, 50, 75 and 100 % of the set.",
                browser.waitFor(By.cssSelector("#train-now .saved")).getText());
        browser.waitUntil(d -> d.findElement(By.cssSelector("#runs tr[data-run='2'] th .sub")).getText()
                .startsWith("train curve by olivia"));
    }

    /**
     * The task list: an import with a bad row stops with the row's line next to the file; with
     * "skip bad rows" the rest is imported and the skipped row listed; a tag filter, every task
     * matching it selected across pages, tagged and assigned; pre-annotation refused in words while
     * nothing is deployed.
     */
    @Test
    void anOwnerImportsTasksSeesTheSkippedRowsAndTagsAndAssignsEveryTaskMatchingTheFilter() throws java.io.IOException {
        String id = newProject("UI tasks");
        browser.signIn("olivia").open("/projects/" + id + "/tasks");
        browser.waitFor(By.id("no-tasks"));

        java.nio.file.Path json = java.nio.file.Files.createTempFile("tasks", ".json");
        java.nio.file.Files.writeString(json, "[{\"text\": \"Aspirin eases the headache.\"},\n {\"text\": \"\"},\n"
                + " {\"text\": \"Ibuprofen lowers the fever.\"}]");
        new Select(browser.find(By.id("import-format"))).selectByValue("json");
        browser.find(By.id("import-file")).sendKeys(json.toString());
        browser.find(By.id("import-tag")).sendKeys("first");
        browser.find(By.cssSelector("#import button[type=submit]")).click();
        String error = browser.waitFor(By.id("import-file-error")).getText();
        assertTrue(error.startsWith("Line 2:") && error.contains("nothing was imported"), error);

        browser.find(By.id("import-skip")).click();
        browser.find(By.cssSelector("#import button[type=submit]")).click();
        assertEquals("Imported 2 tasks. 1 row was skipped.", browser.waitFor(By.cssSelector("#import-result .saved")).getText());
        assertEquals("2 \"text\" must be a non-empty string", browser.find(By.cssSelector("#skipped-rows tbody tr")).getText());
        browser.waitUntil(d -> d.findElements(By.cssSelector("#tasks tbody tr")).size() == 2);

        // 55 more tasks from a text file: more than a page.
        java.nio.file.Path text = java.nio.file.Files.createTempFile("tasks", ".txt");
        java.nio.file.Files.writeString(text, java.util.stream.IntStream.rangeClosed(1, 55)
                .mapToObj(i -> "Sentence " + i + " mentions no disease.").collect(java.util.stream.Collectors.joining("\n")));
        new Select(browser.find(By.id("import-format"))).selectByValue("text");
        browser.find(By.id("import-file")).sendKeys(text.toString());
        Browser.replace(browser.find(By.id("import-tag")), "second");
        browser.find(By.id("import-skip")).click();
        browser.find(By.cssSelector("#import button[type=submit]")).click();
        browser.waitUntil(d -> d.findElement(By.cssSelector("#import-result .saved")).getText().equals("Imported 55 tasks."));
        browser.waitUntil(d -> d.findElement(By.id("task-counts")).getText().startsWith("57 tasks"));

        // Filter by the tag, select the page, then every task matching: tag and assign them.
        browser.waitUntil(d -> new Select(d.findElement(By.id("filter-tag"))).getOptions().size() == 3);
        new Select(browser.find(By.id("filter-tag"))).selectByValue("second");
        browser.waitUntil(d -> d.findElement(By.cssSelector("nav.pager span")).getText().equals("1–50 of 55"));
        browser.find(By.id("select-page")).click();
        browser.find(By.id("select-all")).click();
        assertTrue(browser.find(By.id("selection")).getText().startsWith("All 55 tasks matching the filters are selected."),
                browser.find(By.id("selection")).getText());
        browser.find(By.id("tags-add")).sendKeys("checked");
        browser.find(By.cssSelector("#tag-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#bulk-actions .saved"));
        String counts = Users.call("olivia", "GET", "/annotations/projects/" + id + "/tasks/counts", null, 200);
        assertTrue(counts.contains("\"checked\":55") && counts.contains("\"first\":2"), counts);

        browser.find(By.id("select-page")).click();
        browser.find(By.id("select-all")).click();
        browser.find(By.id("assign-annotator")).sendKeys("anna");
        browser.find(By.cssSelector("#assign-form button[type=submit]")).click();
        browser.waitUntil(d -> d.findElements(By.cssSelector("#tasks tbody tr td:nth-child(6)")).stream()
                .allMatch(td -> td.getText().startsWith("anna")));
        assertTrue(Users.call("olivia", "GET", "/annotations/projects/" + id + "/tasks?assignee=anna&size=1", null, 200)
                .contains("\"total\":55"));
        browser.screenshot("tasks");

        // Nothing deployed: the popup says so and the run cannot start.
        browser.find(By.cssSelector("#tasks tbody tr input[type=checkbox]")).click();
        browser.find(By.id("preannotate-button")).click();
        browser.waitFor(By.id("no-deployment"));
        assertFalse(browser.find(By.id("preannotate-blocked")).getText().isBlank());
        assertFalse(browser.find(By.id("start-preannotation")).isEnabled());
    }

    /** The demo's deployed model pre-annotates a task chosen in the list; the list then names the model and its score. */
    @Test
    void thePreannotationPopupShowsTheDeployedModelsAndRunsOverTheSelectedTasks() {
        String id = Users.field(demoProject(), "id");
        browser.signIn("olivia").open("/projects/" + id + "/tasks");
        new Select(browser.waitFor(By.id("filter-predictions"))).selectByValue("none");
        WebElement row = browser.waitFor(By.cssSelector("#tasks tbody tr"));
        String task = row.getAttribute("data-task");
        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.find(By.id("preannotate-button")).click();
        WebElement model = browser.waitFor(By.cssSelector("#deployed-models tbody tr"));
        assertTrue(model.getText().contains("Disease"), model.getText());
        browser.screenshot("preannotate-popup");

        browser.find(By.id("start-preannotation")).click();
        browser.waitUntil(d -> d.findElement(By.id("run-state")).getText().equals("Done"));
        assertTrue(browser.find(By.id("preannotation-run")).getText().contains("1 of 1 tasks"));
        browser.screenshot("preannotate-done");
        browser.find(By.id("close-preannotate")).click();
        new Select(browser.find(By.id("filter-predictions"))).selectByValue("any");
        WebElement predicted = browser.waitFor(By.cssSelector("#tasks tr[data-task='" + task + "'] .prediction"));
        assertTrue(predicted.getText().matches(".+ v\\d+( · \\d\\.\\d\\d)?"), predicted.getText());
    }

    /** A new project of olivia's with a labeling config of Disease and Chemical; its id. */
    private static String newProject(String prefix) {
        String name = prefix + " " + UUID.randomUUID().toString().substring(0, 8);
        String id = Users.field(Users.call("olivia", "POST", "/projects", "{\"name\": \"" + name + "\"}", 201), "id");
        Users.call("olivia", "PUT", "/projects/" + id + "/labeling-config", "<View><Labels name=\"label\" toName=\"text\">"
                + "<Label value=\"Disease\"/><Label value=\"Chemical\"/></Labels><Text name=\"text\" value=\"$text\"/></View>",
                "application/xml", 200);
        return id;
    }

    /** The newest project of the demo's loop (it has a trained, deployed model), as project-service lists it. */
    private static String demoProject() {
        return Users.call("olivia", "GET", "/projects?q=NCBI%20disease%20demo&sort=created,desc&size=1", null, 200);
    }

}
