package com.cspchannel.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/**
 * Approval testing: compares text with an approved file committed to the repository. A difference fails
 * and leaves a {@code .received} file beside the approved one; run the tests with {@code -Dapprove=true}
 * to accept the new text, then review the diff in version control.
 */
final class Approvals {

    private Approvals() {
    }

    static void verify(Path approved, String actual) throws IOException {
        String normalised = actual.strip() + "\n";
        if (Boolean.getBoolean("approve")) {
            Files.createDirectories(approved.getParent());
            Files.writeString(approved, normalised, StandardCharsets.UTF_8);
            return;
        }
        Path received = approved.resolveSibling(approved.getFileName().toString().replace(".json", ".received.json"));
        if (!Files.exists(approved)) {
            Files.writeString(received, normalised, StandardCharsets.UTF_8);
            fail("no approved file " + approved + "; wrote " + received + " (run with -Dapprove=true to accept)");
        }
        String expected = Files.readString(approved, StandardCharsets.UTF_8);
        if (!expected.equals(normalised)) {
            Files.writeString(received, normalised, StandardCharsets.UTF_8);
            fail("the public contract changed: " + approved + " differs from " + received
                    + "\nexpected:\n" + expected + "\nactual:\n" + normalised
                    + "\nIf the change is intended and compatible, run with -Dapprove=true and review the diff.");
        }
        Files.deleteIfExists(received);
    }
}
