package com.cspchannel.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a missing promtool fails the build rather than skipping its tests: in CI, however the CI says so. */
class PromtoolTest {

    @Test
    void anyValueOfCiButFalseOrZeroIsACiRun() {
        assertThat(Promtool.inCi("true")).isTrue();
        assertThat(Promtool.inCi("TRUE")).isTrue();
        assertThat(Promtool.inCi("1")).isTrue();
        assertThat(Promtool.inCi("yes")).isTrue();
        assertThat(Promtool.inCi("woodpecker")).isTrue();
        // set but empty: an exported CI= is still a CI's doing
        assertThat(Promtool.inCi("")).isTrue();
    }

    @Test
    void outsideCiOrWithCiSwitchedOffTheTestsMaySkip() {
        assertThat(Promtool.inCi(null)).isFalse();
        assertThat(Promtool.inCi("false")).isFalse();
        assertThat(Promtool.inCi("False")).isFalse();
        assertThat(Promtool.inCi("0")).isFalse();
    }
}
