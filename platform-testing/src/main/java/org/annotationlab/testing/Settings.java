package org.annotationlab.testing;

/** Reads a test setting from a system property, then an environment variable, then a default. */
final class Settings {

    private Settings() {
    }

    static String get(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
