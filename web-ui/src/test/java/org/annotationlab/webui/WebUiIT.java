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
        replace(browser.find(By.id("config-xml")), wrong);
        browser.find(By.cssSelector("#labeling-config button[type=submit]")).click();
        String error = browser.waitFor(By.id("config-xml-error")).getText();
        assertTrue(error.contains("no_such_model_v9") && error.contains("Disease"), error);
        assertEquals(wrong, browser.find(By.id("config-xml")).getAttribute("value"));
        browser.screenshot("setup-config-error");

        replace(browser.find(By.id("config-xml")), wrong.replace(" model=\"no_such_model_v9\"", ""));
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
        replace(epochs, "500");
        browser.find(By.cssSelector("#training-defaults button[type=submit]")).click();
        assertEquals("Epochs must be a whole number from 1 to 200.", browser.waitFor(By.id("param-epochs-error")).getText());
        assertEquals("500", epochs.getAttribute("value"));
        browser.screenshot("setup-training-defaults-error");
        replace(epochs, "3");
        browser.find(By.cssSelector("#training-defaults button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#training-defaults .saved"));

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
        browser.waitUntil(d -> d.findElement(By.id("run-log")).getText().contains("nlp-runner train"));
        assertTrue(browser.find(By.id("log-download")).getAttribute("href").startsWith("blob:"));
        browser.scrollTo(By.id("run-details"));
        browser.screenshot("training-history");
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
        replace(epochs, "0");
        browser.find(By.id("train-now-button")).click();
        assertEquals("Epochs must be a whole number from 1 to 200.", browser.waitFor(By.id("train-epochs-error")).getText());
        assertEquals("0", epochs.getAttribute("value"));

        replace(epochs, "1");
        browser.find(By.id("train-now-button")).click();
        assertEquals("Training run 1 is queued.", browser.waitFor(By.cssSelector("#train-now .saved")).getText());
        browser.waitUntil(d -> d.findElement(By.cssSelector("#runs tr[data-run='1'] .outcome")).getText()
                .contains("Too little data: the training set has 0 sentences; at least 20 are needed"));
        assertTrue(browser.waitFor(By.id("run-reason")).getText().startsWith("Too little data"));
        assertEquals("This run wrote no log: it ended before its training job started.",
                browser.waitFor(By.id("run-log-missing")).getText());
        browser.scrollTo(By.id("runs"));
        browser.screenshot("training-failed");
    }

    /** The newest project of the demo's loop (it has a trained, deployed model), as project-service lists it. */
    private static String demoProject() {
        return Users.call("olivia", "GET", "/projects?q=NCBI%20disease%20demo&sort=created,desc&size=1", null, 200);
    }

    /** Selects the field's text and types the new one, as a person would. */
    private static void replace(WebElement field, String text) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }
}
