package com.cspchannel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services share only the event contract (shared-events) and the plumbing (service-platform): no service
 * module depends on another service module, in its POM or in its code, and the plumbing holds no domain code.
 */
class ServiceIndependenceTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void noServiceModuleDeclaresADependencyOnAnotherServiceModule() throws Exception {
        List<Path> services = serviceModules();
        assertThat(services).as("service modules found under " + ROOT).isNotEmpty();
        List<String> violations = new ArrayList<>();
        for (Path pom : services) {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            NodeList dependencies = document.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                String artifact = dependency.getElementsByTagName("artifactId").item(0).getTextContent().trim();
                if (artifact.endsWith("-service")) {
                    violations.add(pom.getParent().getFileName() + " depends on " + artifact);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void noServiceCodeUsesAnotherServicesClasses() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.cspchannel");
        for (String service : List.of("partnership", "customer", "subscription", "notification")) {
            List<String> others = Stream.of("partnership", "customer", "subscription", "notification")
                    .filter(other -> !other.equals(service)).map(other -> "com.cspchannel." + other + "..").toList();
            noClasses().that().resideInAPackage("com.cspchannel." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void thePlatformAndTheContractHoldNoServiceCode() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.cspchannel");
        noClasses().that().resideInAnyPackage("com.cspchannel.platform..", "com.cspchannel.events..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cspchannel.partnership..",
                        "com.cspchannel.customer..", "com.cspchannel.subscription..", "com.cspchannel.notification..")
                .check(classes);
    }

    private static List<Path> serviceModules() throws IOException {
        try (Stream<Path> children = Files.list(ROOT)) {
            return children.filter(dir -> dir.getFileName().toString().endsWith("-service"))
                    .map(dir -> dir.resolve("pom.xml")).filter(Files::exists).sorted().toList();
        }
    }
}
