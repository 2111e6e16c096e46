package org.annotationlab.web.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest body a resource method accepts, when it is not {@code lab.http.body-limit} (1 MB):
 * imports and batch writes. {@link BodyLimits} refuses a larger one before reading it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BodyLimit {

    /** Megabytes (2^20 bytes). */
    int megabytes();
}
