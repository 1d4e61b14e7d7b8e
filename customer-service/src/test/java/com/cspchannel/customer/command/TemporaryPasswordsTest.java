package com.cspchannel.customer.command;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TemporaryPasswordsTest {

    @RepeatedTest(20)
    void aTemporaryPasswordMeetsCommonComplexityRules() {
        String password = TemporaryPasswords.generate();
        assertThat(password).hasSize(16)
                .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
                .containsPattern("[!@#$%^&*\\-_=+?]")
                .doesNotContainPattern("[O0Il1]");
    }

    @Test
    void passwordsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(TemporaryPasswords.generate());
        }
        assertThat(seen).hasSize(1000);
    }
}
