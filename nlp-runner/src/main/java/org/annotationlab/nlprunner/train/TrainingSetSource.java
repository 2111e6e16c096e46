package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.annotationlab.training.contract.FailureReason;

/**
 * Resolves the {@code --training-set} argument to a local file: a path is used as is, an
 * {@code http(s)://} URL (annotation-service's export) is downloaded into the work directory.
 */
public final class TrainingSetSource {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private TrainingSetSource() {
    }

    /** The local file holding the data set; a URL is downloaded to {@code downloadTo}. */
    public static Path resolve(String location, Path downloadTo) throws TrainingFailure {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return download(location, downloadTo);
        }
        Path file = Path.of(location);
        if (!Files.isRegularFile(file)) {
            throw TrainingFailure.invalid("training set " + location + " is not a readable file");
        }
        return file;
    }

    /** The hex SHA-256 of a file's bytes, recorded so a run can be tied to its exact data. */
    public static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static Path download(String url, Path target) throws TrainingFailure {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            throw TrainingFailure.invalid("training set URL " + url + " is not valid: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 == 4) {
                    throw TrainingFailure.invalid("training set URL " + url + " answered HTTP " + response.statusCode());
                }
                if (response.statusCode() / 100 != 2) {
                    throw new TrainingFailure(FailureReason.JOB_FAILED,
                            "training set URL " + url + " answered HTTP " + response.statusCode());
                }
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new TrainingFailure(FailureReason.JOB_FAILED,
                    "cannot download the training set from " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingFailure(FailureReason.JOB_FAILED, "interrupted while downloading " + url, e);
        }
    }
}
