package com.cspchannel.local;

import java.nio.file.Path;

/** Why the stack could not start: the part that failed and where its log is. */
final class StartupFailure extends RuntimeException {

    /** The part that failed (null: the one being started), its log (null: that part's), whether to show its end. */
    final String part;
    final Path log;
    final boolean tail;

    StartupFailure(String message) {
        this(message, null, null, false);
    }

    StartupFailure(String message, String part, Path log) {
        this(message, part, log, false);
    }

    StartupFailure(String message, String part, Path log, boolean tail) {
        super(message);
        this.part = part;
        this.log = log;
        this.tail = tail;
    }

    /** The message with those of its causes: what a failure of a library says is often in a cause. */
    static String messages(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage())
                    .append(')');
        }
        return text.toString();
    }
}
