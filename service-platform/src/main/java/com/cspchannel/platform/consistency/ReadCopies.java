package com.cspchannel.platform.consistency;

import java.util.List;
import java.util.Map;

/**
 * The consumers whose applied events this service decides and answers on now, by the topic they read: the
 * copies a {@link ConsistencyToken} must have reached before a request runs. A consumer that builds a copy not
 * yet in use (a view being rebuilt) is not among them.
 */
public interface ReadCopies {

    /** The consumers, by topic, that the request to {@code path} is decided or answered on. */
    Map<String, List<String>> consumersByTopic(String path);
}
