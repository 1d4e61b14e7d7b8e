package com.cspchannel.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Platform codes a controller method may answer that its signature does not show, such as
 * {@link PlatformProblem#CONCURRENT_CHANGE} for a write that two clients may race on, or
 * {@link PlatformProblem#NOT_FOUND} for an aggregate that does not exist.
 */
@Documented
@DeclaresProblems
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlatformProblems {
    PlatformProblem[] value();
}
