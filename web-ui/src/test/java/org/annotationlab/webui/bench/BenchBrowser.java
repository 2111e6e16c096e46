package org.annotationlab.webui.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.annotationlab.webui.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A benchmark's browser: the browser tests' Chromium (Debian's, headless at 1280×800, through Debian's
 * chromedriver) against the platform behind its gateway ({@code lab.ui.url}), signed in once on
 * Keycloak's login page. Times are never taken here: {@link PageClock} takes them inside the page.
 */
final class BenchBrowser implements AutoCloseable {

    static final String URL = Browser.URL;
    private static final String PASSWORD = "lab";

    private final ChromeDriver driver;

    BenchBrowser() {
        driver = Browser.chromium();
    }

    /** Opens the UI and signs in; returns once the shell shows the user. */
    BenchBrowser signIn(String username) {
        driver.get(URL + "/");
        waitFor(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        waitFor(By.id("user-name"));
        return this;
    }

    ChromeDriver driver() {
        return driver;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A Chrome DevTools command (the page's cache, scripts run in each new document). */
    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    org.openqa.selenium.WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Waits for a condition checked in the page; scripts failing while a document is replaced (a
     * redirect through Keycloak) count as not yet.
     */
    <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(20))
                .ignoring(WebDriverException.class)
                .until(condition::apply);
    }

    /** The location hash, e.g. {@code #/projects/…/tasks/…}. */
    String hash() {
        return (String) js("return location.hash");
    }

    /** Rows of the task list as they are now (their {@code data-task} ids). */
    @SuppressWarnings("unchecked")
    List<String> taskRows() {
        return (List<String>) js("return [...document.querySelectorAll('#tasks tbody tr')].map(r => r.dataset.task)");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
