package com.cspchannel.local;

import com.cspchannel.infra.DevTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The development tokens the stack prints and writes to {@code .local/tokens.env}: users of the demo provider
 * tenant, of the demo reseller tenant, and platform users. HS256, signed with {@link DevTokens#DEV_SECRET},
 * valid 12 hours.
 */
record TokenSet(DevTokens minter, Instant issuedAt, String providerAdmin, String providerSales,
                String providerHelpdesk, String resellerAdmin, String directoryAdmin, String operator) {

    static TokenSet mint(DevTokens minter) {
        return new TokenSet(minter, Instant.now(),
                minter.provider(LocalStack.DEMO_PROVIDER_TENANT, "GlobalAdmin"),
                minter.provider(LocalStack.DEMO_PROVIDER_TENANT, "SalesAgent"),
                minter.provider(LocalStack.DEMO_PROVIDER_TENANT, "HelpdeskAgent"),
                minter.reseller(LocalStack.DEMO_RESELLER_TENANT, "GlobalAdmin"),
                minter.platform("DirectoryAdmin"),
                minter.platform("Operator"));
    }

    /** Shell lines: {@code export NAME=value}, each preceded by a comment saying who it is. */
    List<String> shellLines() {
        return List.of(
                "# demo provider tenant",
                "export PROVIDER_TENANT_ID=" + LocalStack.DEMO_PROVIDER_TENANT,
                "# ... its GlobalAdmin, SalesAgent and HelpdeskAgent",
                "export PROVIDER_ADMIN_TOKEN=" + providerAdmin,
                "export PROVIDER_SALES_TOKEN=" + providerSales,
                "export PROVIDER_HELPDESK_TOKEN=" + providerHelpdesk,
                "# demo reseller tenant (Fabrikam in the demo data) and its GlobalAdmin",
                "export RESELLER_TENANT_ID=" + LocalStack.DEMO_RESELLER_TENANT,
                "export RESELLER_ADMIN_TOKEN=" + resellerAdmin,
                "# platform users: DirectoryAdmin (feeds the reseller directory) and Operator",
                "export DIRECTORY_ADMIN_TOKEN=" + directoryAdmin,
                "export OPERATOR_TOKEN=" + operator);
    }

    void write(Path file, List<String> extraLines) {
        List<String> lines = new ArrayList<>();
        lines.add("# Development tokens of the local stack, written " + issuedAt.truncatedTo(ChronoUnit.SECONDS)
                + ", valid until " + issuedAt.plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS) + ".");
        lines.add("# Load them into your shell with: source .local/tokens.env");
        lines.addAll(shellLines());
        lines.add("# service base URLs");
        lines.addAll(extraLines);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
