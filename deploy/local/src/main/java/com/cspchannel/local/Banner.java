package com.cspchannel.local;

import java.util.List;

/** What the stack prints once everything is ready: where each part is, the development tokens, a first request. */
final class Banner {

    private Banner() {
    }

    static String text(List<ServiceSpec> services, Infrastructure infrastructure, StackDirectory dir, TokenSet tokens,
                       List<String> seeded) {
        String rule = "=".repeat(100);
        String tokensFile = dir.display(dir.tokens());
        StringBuilder b = new StringBuilder("\n").append(rule).append('\n');
        b.append(" The local stack is running. Stop everything with Ctrl-C.\n\n");
        for (ServiceSpec service : services) {
            b.append(String.format(" %-22s %s%n", service.name(), service.baseUrl()));
            b.append(String.format("   %-20s %s/swagger-ui.html%n", "Swagger UI", service.baseUrl()));
            b.append(String.format("   %-20s %s/actuator/prometheus%n", "metrics", service.baseUrl()));
            b.append(String.format("   %-20s %s%n", "log", dir.display(dir.logOf(service))));
        }
        b.append(String.format(" %-22s %s  (topics %s)%n", "Kafka", infrastructure.bootstrapServers(),
                String.join(", ", Infrastructure.TOPICS)));
        if (infrastructure.broker() != null) {
            b.append(String.format("   %-20s %s%n", "log", dir.display(infrastructure.broker().logFile())));
        }
        b.append(String.format(" %-22s %s  (user %s%s)%n", "PostgreSQL", infrastructure.postgres().jdbcUrl("postgres"),
                infrastructure.postgres().user(), infrastructure.embeddedPostgres() ? ", embedded" : ""));
        if (infrastructure.mail() != null) {
            b.append(String.format(" %-22s smtp://127.0.0.1:%d, every notification is delivered here%n", "Mail",
                    infrastructure.mail().smtpPort()));
            b.append(String.format("   %-20s %s (one .eml file per mail: open it with any mail client)%n", "read them in",
                    dir.display(infrastructure.mailDirectory())));
            b.append(String.format("   %-20s imap://127.0.0.1:%d (user and password: the recipient's address)%n",
                    "or over IMAP", infrastructure.mail().imapPort()));
        }
        if (!seeded.isEmpty()) {
            b.append("\n Demo data (--seed-demo):\n");
            seeded.forEach(line -> b.append("   ").append(line).append('\n'));
        }
        b.append("\n Development tokens, valid 12 h (also in ").append(tokensFile)
                .append("; load them with: source ").append(tokensFile).append("):\n");
        tokens.shellLines().forEach(line -> b.append(" ").append(line).append('\n'));
        b.append("\n Try:\n");
        b.append("   source ").append(tokensFile).append('\n');
        b.append("   curl -H \"Authorization: Bearer $PROVIDER_ADMIN_TOKEN\" ").append(services.get(0).baseUrl())
                .append("/api/v1/partnerships\n");
        b.append(rule);
        return b.toString();
    }
}
