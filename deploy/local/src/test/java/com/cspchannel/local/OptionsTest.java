package com.cspchannel.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack's options as they arrive: as separate arguments from a shell, or all in one from Maven
 * ({@code -Dstack.args="--seed-demo --clean"}), or none at all (an empty {@code stack.args}). (--help and unknown
 * options end the JVM before anything starts, so they are not run here.)
 */
class OptionsTest {

    @Test
    void noOptionsOrAnEmptyArgumentStartsAPlainStack() {
        assertThat(Options.parse(new String[0])).isEqualTo(new Options(false, false));
        assertThat(Options.parse(new String[] {""})).isEqualTo(new Options(false, false));
        assertThat(Options.parse(new String[] {"  "})).isEqualTo(new Options(false, false));
    }

    @Test
    void eachOptionSwitchesOnlyItself() {
        assertThat(Options.parse(new String[] {"--seed-demo"})).isEqualTo(new Options(true, false));
        assertThat(Options.parse(new String[] {"--clean"})).isEqualTo(new Options(false, true));
    }

    @Test
    void severalOptionsInOneArgumentAsMavenPassesThemAreEachRead() {
        assertThat(Options.parse(new String[] {"--seed-demo --clean"})).isEqualTo(new Options(true, true));
        assertThat(Options.parse(new String[] {" --clean   --seed-demo "})).isEqualTo(new Options(true, true));
        assertThat(Options.parse(new String[] {"--clean", "--seed-demo"})).isEqualTo(new Options(true, true));
    }
}
