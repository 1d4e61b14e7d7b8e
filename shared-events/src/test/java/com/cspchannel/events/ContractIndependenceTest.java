package com.cspchannel.events;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ContractIndependenceTest {

    @Test
    void theContractUsesNoSpringNoAxonAndNoKafkaClasses() {
        noClasses().that().resideInAPackage("com.cspchannel.events..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.axonframework..", "org.apache.kafka..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.cspchannel.events"));
    }
}
