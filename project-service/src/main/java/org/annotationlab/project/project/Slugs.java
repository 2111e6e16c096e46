package org.annotationlab.project.project;

import java.text.Normalizer;
import java.util.Set;

/**
 * Project slugs: lower-case ASCII letters, digits and underscores, at most 40 characters, used in
 * model names ({@code <slug>_ner_v<n>}); a slug already taken gets {@code _2}, {@code _3}, ….
 */
public final class Slugs {

    static final int MAX_LENGTH = 40;

    private Slugs() {
    }

    public static String base(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "project" : slug;
    }

    /** The first of {@code base}, {@code base_2}, {@code base_3}, … not in {@code taken}. */
    public static String unique(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String suffix = "_" + n;
            String candidate = (base.length() + suffix.length() > MAX_LENGTH
                    ? base.substring(0, MAX_LENGTH - suffix.length()) : base) + suffix;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
