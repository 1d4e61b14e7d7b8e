package com.cspchannel.platform.domain;

/**
 * A stable problem {@code code} with the HTTP status it is answered with. Each service states its codes once, as
 * an enum implementing this next to the rules that raise them; the API documents list them per operation from the
 * same constants, so a code cannot be answered under one name and documented under another.
 */
public interface ProblemCode {

    /** The {@code code} property of the problem details, e.g. {@code invitation-used} or Partner Center's {@code 2201}. */
    String code();

    /** The HTTP status it is answered with. */
    int status();
}
