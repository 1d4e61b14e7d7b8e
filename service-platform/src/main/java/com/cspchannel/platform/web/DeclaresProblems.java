package com.cspchannel.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an annotation that lists, in its {@code value()}, the {@link com.cspchannel.platform.domain.ProblemCode}s a
 * controller method may answer beyond what its signature already says. Each service has one for its own enum of
 * codes (a Java annotation cannot take an interface), {@link PlatformProblems} is the platform's; the API document
 * lists them on the operation ({@link ProblemResponses}).
 */
@Documented
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DeclaresProblems {
}
