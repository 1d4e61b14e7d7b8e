package com.cspchannel.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed Kubernetes model: fabric8's core and Prometheus Operator classes, Strimzi's KafkaTopic. The model classes
 * keep fields they do not know in {@code additionalProperties}, so a misspelt or misplaced field would go unnoticed;
 * here their any-setters are switched off and each unknown field is reported with its place, as the API server's
 * strict field validation does. Unknown fields are skipped rather than fatal so that one typo does not hide the
 * document's other problems; a wrongly typed value fails the parse.
 */
final class KubernetesModel {

    record Parsed(KubernetesResource resource, List<String> unknownFields) {
    }

    private final List<String> unknownFields = new ArrayList<>();
    private final KubernetesSerialization serialization;

    KubernetesModel() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated member) {
                        return Boolean.FALSE;
                    }
                })
                .addHandler(new DeserializationProblemHandler() {
                    @Override
                    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                                         JsonDeserializer<?> deserializer, Object bean, String name)
                            throws IOException {
                        // the context of the object holding the field: one up when its value opens an object or array
                        JsonStreamContext object = parser.currentToken().isStructStart()
                                ? parser.getParsingContext().getParent() : parser.getParsingContext();
                        String at = object.getParent().pathAsPointer().toString();
                        unknownFields.add("\"" + name + "\" at " + (at.isEmpty() ? "/" : at));
                        parser.skipChildren();
                        return true;
                    }
                });
        serialization = new KubernetesSerialization(mapper, true);
        serialization.registerKubernetesResource(KafkaTopic.class);
    }

    /** The model class of a kind, null when the model does not know that kind in that API version. */
    Class<? extends KubernetesResource> type(String apiVersion, String kind) {
        return serialization.getRegisteredKubernetesResource(apiVersion, kind);
    }

    synchronized Parsed parse(String yaml, Class<? extends KubernetesResource> type) {
        unknownFields.clear();
        KubernetesResource resource = serialization.unmarshal(yaml, type);
        return new Parsed(resource, List.copyOf(unknownFields));
    }
}
