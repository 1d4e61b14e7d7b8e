package com.cspchannel.platform.consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many records a consumer group still has to read on its topics: the sum over partitions of the end offset
 * minus the group's committed offset (or the log start, where the group has committed nothing yet). Committed
 * offsets move only after the records' transaction committed, so a lag of 0 means every record was applied, by
 * whichever instance of the group read it.
 */
final class ConsumerLag implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 5;
    private final Admin admin;

    ConsumerLag(Admin admin) {
        this.admin = admin;
    }

    long of(String group, Collection<String> topics) throws ExecutionException, InterruptedException,
            TimeoutException {
        Set<TopicPartition> partitions = partitions(topics);
        if (partitions.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            long start = starts.get(partition).offset();
            OffsetAndMetadata done = committed.get(partition);
            long position = done == null ? start : Math.max(start, done.offset());
            lag += Math.max(0, ends.get(partition).offset() - position);
        }
        return lag;
    }

    /** The partitions of the topics that exist: a topic nobody has written to yet has nothing to read. */
    private Set<TopicPartition> partitions(Collection<String> topics) throws InterruptedException,
            ExecutionException, TimeoutException {
        Set<TopicPartition> partitions = new HashSet<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic
                : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                topic.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).partitions()
                        .forEach(info -> partitions.add(new TopicPartition(topic.getKey(), info.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(Set<TopicPartition> partitions,
                                                                                  OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        return admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Bounded: at shutdown the broker may be gone already, and pending requests must not hold the JVM. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
