package com.cspchannel.platform.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * UUID, instant and text path and query parameters are read as strictly as bodies ({@link StrictJson}): text
 * with a control character (PostgreSQL cannot store or compare NUL) is refused like one in a body. They are
 * editors, not converters, because a binder falls back to its lenient default editor when a converter refuses a
 * value; a refused value is a 400 {@code invalid-parameter} naming the parameter.
 */
@ControllerAdvice
public class StrictParameters {

    @InitBinder
    public void strictParameters(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, editor(StrictJson::uuid));
        binder.registerCustomEditor(Instant.class, editor(StrictJson::instant));
        binder.registerCustomEditor(String.class, editor(StrictJson::text));
    }

    private static PropertyEditorSupport editor(Function<String, ?> parse) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null || text.isEmpty() ? null : parse.apply(text));
            }
        };
    }
}
