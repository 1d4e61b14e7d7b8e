package com.cspchannel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of docs/architecture.md: a service's code may depend on the event contract
 * (shared-events), the plumbing (service-platform), the shared domain rules and reference data (domain-rules) and
 * the shared partner directory view (partner-directory-view), and on nothing else of this project: never on
 * another service. The modules below the services hold no service code, and the contract and the rules hold no
 * framework code.
 */
class DependencyRuleTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("partnership", "customer", "subscription", "notification");
    /** What a service's main code may depend on, of this project's modules. */
    private static final Set<String> SHARED_MODULES = Set.of("shared-events", "service-platform", "domain-rules",
            "partner-directory-view");
    /** Test support a service's tests may use as well. */
    private static final Set<String> TEST_SUPPORT = Set.of("local-infra");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainCode() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.cspchannel");
    }

    @Test
    void aServiceDeclaresOnlyTheSharedModulesAndTestSupportAsItsDependencies() throws Exception {
        List<Path> services = serviceModules();
        assertThat(services).as("service modules found under " + ROOT).hasSize(SERVICES.size());
        List<String> violations = new ArrayList<>();
        for (Path pom : services) {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            NodeList dependencies = document.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                if (!"com.cspchannel".equals(text(dependency, "groupId"))) {
                    continue;
                }
                String artifact = text(dependency, "artifactId");
                boolean test = "test".equals(text(dependency, "scope"));
                boolean allowed = SHARED_MODULES.contains(artifact) || (test && TEST_SUPPORT.contains(artifact));
                if (!allowed) {
                    violations.add(pom.getParent().getFileName() + " depends on " + artifact
                            + (test ? " (test)" : ""));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void noServiceCodeUsesAnotherServicesClasses() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                    .map(other -> "com.cspchannel." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("com.cspchannel." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void theSharedModulesHoldNoServiceCode() {
        noClasses().that().resideInAnyPackage("com.cspchannel.platform..", "com.cspchannel.events..",
                        "com.cspchannel.rules..", "com.cspchannel.partnerdirectory..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream()
                        .map(service -> "com.cspchannel." + service + "..").toArray(String[]::new))
                .check(classes);
    }

    @Test
    void theDomainRulesArePlainJavaOverFactsTheCallerSupplies() {
        noClasses().that().resideInAPackage("com.cspchannel.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "org.apache.kafka..", "java.sql..", "com.cspchannel.platform..",
                        "com.cspchannel.partnerdirectory..")
                .check(classes);
    }

    private static String text(Element dependency, String tag) {
        NodeList nodes = dependency.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static List<Path> serviceModules() throws IOException {
        try (Stream<Path> children = Files.list(ROOT)) {
            return children.filter(dir -> dir.getFileName().toString().endsWith("-service"))
                    .map(dir -> dir.resolve("pom.xml")).filter(Files::exists).sorted().toList();
        }
    }
}
