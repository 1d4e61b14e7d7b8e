package com.cspchannel.local;

/** Command-line options of the stack. */
record Options(boolean seedDemo, boolean clean) {

    static final String USAGE = """
            usage: ./mvnw -q -pl deploy/local exec:exec [-Dstack.args="--seed-demo --clean"]
              --seed-demo  load demo data (provider, resellers, partnerships) through the APIs
              --clean      delete the stack's state first (.local and the services' databases)
            environment: KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), PARTNERSHIP_PORT (8081),
              KAFKA_BOOTSTRAP_SERVERS (use that broker), TOPIC_PARTITIONS (3), POSTGRES_URL, POSTGRES_USER,
              POSTGRES_PASSWORD, STARTUP_TIMEOUT_SECONDS (180), KAFKA_HEAP (512m), SERVICE_JAVA_OPTS
            see docs/local-stack.md""";

    /** Ends the JVM for --help (0) and unknown options (2): nothing has been started yet. */
    static Options parse(String[] args) {
        boolean seed = false;
        boolean clean = false;
        // one argument may hold several options ("--seed-demo --clean") when passed through Maven
        for (String option : String.join(" ", args).trim().split("\\s+")) {
            switch (option) {
                case "" -> { }
                case "--seed-demo" -> seed = true;
                case "--clean" -> clean = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> {
                    System.err.println("unknown option: " + option + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        return new Options(seed, clean);
    }
}
