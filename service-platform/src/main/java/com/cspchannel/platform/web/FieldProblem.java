package com.cspchannel.platform.web;

/** One invalid field of a request, in the {@code errors} list of a problem. */
public record FieldProblem(String field, String code, String message) {
}
