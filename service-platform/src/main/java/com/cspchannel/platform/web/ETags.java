package com.cspchannel.platform.web;

import com.cspchannel.platform.domain.DomainRuleViolation;

/**
 * The aggregate version is the ETag ({@code "3"}); a client sends it back in {@code If-Match} to update only
 * what it read. A mismatch answers 412.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version named by an If-Match header, or null when the header is absent or {@code *}; an If-Match that
     * names no version of ours is a mismatch (412).
     */
    public static Long parseIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            // an ETag this service never issued cannot match the current one (RFC 9110: 412)
            throw new DomainRuleViolation(PlatformProblem.ETAG_MISMATCH,
                    "If-Match is not the current ETag: read the resource again and send its ETag.");
        }
    }
}
