package com.cspchannel.notification.web;

import com.cspchannel.platform.domain.DomainRuleViolation.Kind;
import com.cspchannel.platform.domain.ProblemCode;
import com.cspchannel.platform.web.DeclaresProblems;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The notification service's own problem codes; the platform's are in {@code PlatformProblem}. */
public enum NotificationProblem implements ProblemCode {
    NOTIFICATION_NOT_FOUND(Kind.NOT_FOUND, "notification-not-found");

    /** The codes of this enum a controller method may answer, listed on its operation in the API document. */
    @DeclaresProblems
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Raises {
        NotificationProblem[] value();
    }

    private final Kind kind;
    private final String code;

    NotificationProblem(Kind kind, String code) {
        this.kind = kind;
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return kind.status();
    }
}
