package org.annotationlab.webui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for each test: Debian's Chromium, headless at 1280×800, driven through Debian's
 * chromedriver (both paths given, so Selenium Manager never tries to download one), against the
 * platform behind its gateway ({@code lab.ui.url}). A failing test leaves a screenshot and the
 * page's HTML under target/browser-failures; {@link #screenshot} keeps one for docs/ui.md.
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    public static final String URL = System.getProperty("lab.ui.url", "http://127.0.0.1:8080").replaceAll("/+$", "");
    private static final Path FAILURES = Path.of("target/browser-failures");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private WebDriver driver;

    @Override
    public void beforeEach(ExtensionContext context) {
        driver = chromium();
    }

    /** Selects the field's text and types the new one, as a person would. */
    static void replace(WebElement field, String text) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    /** Debian's headless Chromium at 1280×800, both paths given so Selenium never downloads a driver. */
    public static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("lab.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("lab.chromedriver", "/usr/bin/chromedriver"))).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            Optional<Throwable> failure = context.getExecutionException();
            if (failure.isPresent()) {
                String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
                Files.createDirectories(FAILURES);
                Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                        FAILURES.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(FAILURES.resolve(name + ".html"), driver.getPageSource());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the failing page: " + e);
        } finally {
            driver.quit();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens the UI and signs in on Keycloak's own login page; returns once the shell shows the user. */
    Browser signIn(String username) {
        driver.get(URL + "/");
        WebElement user = waitFor(By.id("username"));
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Users.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        waitFor(By.id("user-name"));
        return this;
    }

    Browser open(String hash) {
        driver.get(URL + "/#" + hash);
        return this;
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        waitUntil(Duration.ofSeconds(30), condition);
    }

    /** A longer wait, for what takes minutes (a training, a model server starting). */
    void waitUntil(Duration timeout, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    void scrollTo(By by) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(by));
    }

    /** Keeps a screenshot of the page as it is now, for docs/ui.md. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
