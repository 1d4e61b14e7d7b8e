package com.cspchannel.benchmarks;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionQuantityChanged;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a realistic history for the reseller associations view straight onto the three topics, as the services'
 * relays publish it: CloudEvents binary-mode headers, the contract's JSON, record key = aggregate id (customer id,
 * subscription id, {@code provider:reseller}), so every aggregate's events stay in one partition, in order.
 *
 * <p>The history is consistent: it keeps the state of every partnership, customer and subscription and only
 * revokes what was granted, so it also knows the outcome the view must reach (interval rows opened, rows closed).
 * A small share of records is delivered a second time a little later (the relays are at least once), which the
 * view must skip by event id.
 */
final class RebuildEventGenerator {

    /** What was written, and what the view must contain afterwards. */
    static final class Produced {
        long events;
        long records;
        long duplicates;
        long opens;
        long closes;
        long payloadBytes;
        long recordBytes;
        double seconds;
        int providers;
        int resellers;
        int partnerships;
        int customers;
        int subscriptions;
        final Map<String, Long> perTopic = new TreeMap<>();
        final Map<String, Long> perType = new TreeMap<>();

        /** The view's expected outcome from {@link RebuildIntervalModel}: rows, closed rows, checksum. */
        long modelRows;
        long modelClosed;
        String modelChecksum;

        long openRows() {
            return opens - closes;
        }
    }

    private static final Instant BASE = Instant.parse("2024-01-01T08:00:00Z");
    private static final String[] OFFERS = {"CFQ7TTC0LH18:0001", "CFQ7TTC0LF8Q:0001", "CFQ7TTC0LDPB:0001",
            "CFQ7TTC0LHSF:0001"};
    private static final String[] OFFER_NAMES = {"Microsoft 365 Business Basic", "Microsoft 365 Business Premium",
            "Microsoft 365 E3", "Exchange Online (Plan 1)"};

    private final int events;
    private final int providers;
    private final int resellers;
    private final int partnersPerProvider;
    private final int maxCustomers;
    private final int maxSubscriptions;
    private final double duplicateShare;
    private final SplittableRandom random;
    private final long salt;

    // state
    private final boolean[][] partnershipActive;
    private final int[][] partnersOf;
    private final int[] customerProvider;
    private final int[] customerAdmin;
    private final int[] customerOwner;
    private final int[] subscriptionCustomer;
    private final int[] subscriptionRor;
    private final int[] subscriptionSupport;
    private final int[] subscriptionQuantity;
    private int customers;
    private int subscriptions;
    private long sequence;

    private final Produced produced = new Produced();
    private final RebuildIntervalModel model = new RebuildIntervalModel();
    private final ArrayDeque<long[]> dueDuplicates = new ArrayDeque<>();
    private final ArrayDeque<ProducerRecord<String, byte[]>> duplicateRecords = new ArrayDeque<>();

    RebuildEventGenerator(int events, int providers, int resellers, int partnersPerProvider, int maxCustomers,
                          int maxSubscriptions, double duplicateShare, long seed) {
        if (partnersPerProvider < 2 || partnersPerProvider > resellers) {
            throw new IllegalArgumentException("partners per provider must be between 2 and the number of resellers");
        }
        this.events = events;
        this.providers = providers;
        this.resellers = resellers;
        this.partnersPerProvider = partnersPerProvider;
        this.maxCustomers = maxCustomers;
        this.maxSubscriptions = maxSubscriptions;
        this.duplicateShare = duplicateShare;
        this.random = new SplittableRandom(seed);
        this.salt = random.nextLong();
        this.partnershipActive = new boolean[providers][partnersPerProvider];
        this.partnersOf = new int[providers][partnersPerProvider];
        for (int p = 0; p < providers; p++) {
            // distinct resellers per provider
            int[] all = new int[resellers];
            for (int r = 0; r < resellers; r++) {
                all[r] = r;
            }
            for (int j = 0; j < partnersPerProvider; j++) {
                int k = j + random.nextInt(resellers - j);
                int swap = all[j];
                all[j] = all[k];
                all[k] = swap;
                partnersOf[p][j] = all[j];
            }
        }
        this.customerProvider = new int[maxCustomers];
        this.customerAdmin = filled(maxCustomers);
        this.customerOwner = filled(maxCustomers);
        this.subscriptionCustomer = new int[maxSubscriptions];
        this.subscriptionRor = filled(maxSubscriptions);
        this.subscriptionSupport = filled(maxSubscriptions);
        this.subscriptionQuantity = new int[maxSubscriptions];
    }

    /** Generates the history and sends it; returns what was sent. */
    Produced produce(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // what the services' relays use (csp-platform-defaults.properties)
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            Sender sender = record -> {
                produced.records++;
                produced.recordBytes += record.value().length + record.key().length();
                for (var header : record.headers()) {
                    produced.recordBytes += header.key().length() + header.value().length;
                }
                produced.perTopic.merge(record.topic(), 1L, Long::sum);
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            };
            // every provider starts with its partnerships
            for (int p = 0; p < providers && produced.events < events; p++) {
                for (int j = 0; j < partnersPerProvider && produced.events < events; j++) {
                    emit(sender, acceptPartnership(p, j));
                }
            }
            while (produced.events < events) {
                emit(sender, next());
            }
            while (!duplicateRecords.isEmpty()) {
                sendDuplicate(sender);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending failed: " + failure.get(), failure.get());
        }
        produced.seconds = (System.nanoTime() - started) / 1e9;
        model.finish();
        produced.modelRows = model.rows();
        produced.modelClosed = model.closed();
        produced.modelChecksum = model.checksum();
        produced.providers = providers;
        produced.resellers = resellers;
        produced.partnerships = providers * partnersPerProvider;
        produced.customers = customers;
        produced.subscriptions = subscriptions;
        return produced;
    }

    private interface Sender {
        void send(ProducerRecord<String, byte[]> record);
    }

    private record Keyed(String key, PublicEvent event, int opens, int closes) {
    }

    private void emit(Sender sender, Keyed keyed) {
        PublicEvent event = keyed.event();
        String type = EventCatalog.of(event).name();
        String topic = EventCatalog.topicOf(EventCatalog.of(event));
        byte[] value = EventCodec.encode(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, keyed.key(), value);
        CloudEventHeaders.of(event, sourceOf(topic), keyed.key()).toKafkaHeaders()
                .forEach((name, bytes) -> record.headers().add(name, bytes));
        sender.send(record);
        model.apply(event);
        produced.events++;
        produced.payloadBytes += value.length;
        produced.opens += keyed.opens();
        produced.closes += keyed.closes();
        produced.perType.merge(type.replaceFirst("^[a-z]+\\.", "").replaceFirst("\\.v\\d+$", ""), 1L, Long::sum);
        if (random.nextDouble() < duplicateShare) {
            // delivered again a little later: after later records of the same aggregate, often in the same poll
            dueDuplicates.add(new long[] {produced.events + 1 + random.nextInt(200)});
            duplicateRecords.add(record);
        }
        while (!dueDuplicates.isEmpty() && dueDuplicates.peek()[0] <= produced.events) {
            sendDuplicate(sender);
        }
    }

    private void sendDuplicate(Sender sender) {
        dueDuplicates.poll();
        ProducerRecord<String, byte[]> original = duplicateRecords.poll();
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(original.topic(), original.key(), original.value());
        original.headers().forEach(again.headers()::add);
        sender.send(again);
        produced.duplicates++;
    }

    private static String sourceOf(String topic) {
        return switch (topic) {
            case Topics.PARTNERSHIPS -> "partnership-service";
            case Topics.CUSTOMERS -> "customer-service";
            default -> "subscription-service";
        };
    }

    // ------------------------------------------------------------------------------------------------ the mix

    private Keyed next() {
        double r = random.nextDouble();
        if (r < 0.015) {
            int p = random.nextInt(providers);
            int j = random.nextInt(partnersPerProvider);
            return partnershipActive[p][j] ? removePartnership(p, j) : acceptPartnership(p, j);
        }
        if (r < 0.35 || customers == 0) {
            return customerEvent();
        }
        return subscriptionEvent();
    }

    private Keyed customerEvent() {
        if (customers == 0 || (customers < maxCustomers && random.nextDouble() < 0.30)) {
            // a new customer: its reseller gets delegated administration
            int c = customers++;
            customerProvider[c] = random.nextInt(providers);
            return grantAdmin(c, partnerOf(customerProvider[c]));
        }
        int c = random.nextInt(customers);
        int provider = customerProvider[c];
        double r = random.nextDouble();
        if (r < 0.55) {
            if (customerAdmin[c] >= 0) {
                int reseller = customerAdmin[c];
                customerAdmin[c] = -1;
                return new Keyed(customerKey(c), new DelegatedAdminRevoked(eventId(), occurredAt(), customerId(c),
                        providerId(provider), resellerId(reseller), "admin@reseller.example",
                        random.nextBoolean() ? "customer moved to another reseller" : null), 0, 1);
            }
            return grantAdmin(c, partnerOf(provider));
        }
        if (r < 0.80) {
            if (customerOwner[c] >= 0) {
                int reseller = customerOwner[c];
                customerOwner[c] = -1;
                return new Keyed(customerKey(c), new TenantOwnerRevoked(eventId(), occurredAt(), customerId(c),
                        providerId(provider), resellerId(reseller), "admin@provider.example"), 0, 1);
            }
            int reseller = customerAdmin[c] >= 0 ? customerAdmin[c] : partnerOf(provider);
            customerOwner[c] = reseller;
            return new Keyed(customerKey(c), new TenantOwnerGranted(eventId(), occurredAt(), customerId(c),
                    providerId(provider), resellerId(reseller), "admin@provider.example"), 1, 0);
        }
        // not an association: the view reads and skips it
        int reseller = partnerOf(provider);
        return new Keyed(customerKey(c), new ResellerAssociated(eventId(), occurredAt(), customerId(c),
                providerId(provider), resellerId(reseller),
                customerAdmin[c] >= 0 && customerAdmin[c] != reseller ? resellerId(customerAdmin[c]) : null,
                "admin@provider.example"), 0, 0);
    }

    private Keyed grantAdmin(int c, int reseller) {
        customerAdmin[c] = reseller;
        return new Keyed(customerKey(c), new DelegatedAdminGranted(eventId(), occurredAt(), customerId(c),
                providerId(customerProvider[c]), resellerId(reseller), "sales@reseller.example"), 1, 0);
    }

    private Keyed subscriptionEvent() {
        if (subscriptions == 0 || (subscriptions < maxSubscriptions && random.nextDouble() < 0.40)) {
            int s = subscriptions++;
            int c = random.nextInt(customers);
            int provider = customerProvider[c];
            subscriptionCustomer[s] = c;
            subscriptionQuantity[s] = 1 + random.nextInt(300);
            int offer = random.nextInt(OFFERS.length);
            int reseller = random.nextDouble() < 0.85 ? (customerAdmin[c] >= 0 ? customerAdmin[c] : partnerOf(provider))
                    : -1;
            subscriptionRor[s] = reseller;
            return new Keyed(subscriptionKey(s), new SubscriptionCreated(eventId(), occurredAt(), subscriptionId(s),
                    orderId(s), customerId(c), providerId(provider), OFFERS[offer], OFFER_NAMES[offer],
                    subscriptionQuantity[s], reseller < 0 ? null : partnerIdOf(reseller),
                    reseller < 0 ? null : resellerId(reseller), "order-processor"), reseller < 0 ? 0 : 1, 0);
        }
        int s = random.nextInt(subscriptions);
        int c = subscriptionCustomer[s];
        int provider = customerProvider[c];
        double r = random.nextDouble();
        if (r < 0.30) {
            int from = subscriptionRor[s];
            int to = from >= 0 && random.nextDouble() < 0.10 ? -1 : otherPartnerOf(provider, from);
            subscriptionRor[s] = to;
            return new Keyed(subscriptionKey(s), new ResellerOfRecordChanged(eventId(), occurredAt(),
                    subscriptionId(s), customerId(c), providerId(provider), from < 0 ? null : partnerIdOf(from),
                    from < 0 ? null : resellerId(from), to < 0 ? null : partnerIdOf(to), to < 0 ? null : resellerId(to),
                    "admin@provider.example"), to < 0 ? 0 : 1, from < 0 ? 0 : 1);
        }
        if (r < 0.75) {
            int previous = subscriptionSupport[s];
            if (previous >= 0 && r >= 0.62) {
                subscriptionSupport[s] = -1;
                return new Keyed(subscriptionKey(s), new SupportContactReset(eventId(), occurredAt(),
                        subscriptionId(s), customerId(c), providerId(provider), resellerId(previous),
                        "admin@provider.example"), 0, 1);
            }
            int support = otherPartnerOf(provider, previous);
            subscriptionSupport[s] = support;
            return new Keyed(subscriptionKey(s), new SupportContactDesignated(eventId(), occurredAt(),
                    subscriptionId(s), customerId(c), providerId(provider), resellerId(support), partnerIdOf(support),
                    "Reseller " + support + " support", previous < 0 ? null : resellerId(previous),
                    "admin@provider.example"), 1, previous < 0 ? 0 : 1);
        }
        // not an association: the view reads and skips it
        int from = subscriptionQuantity[s];
        int to = Math.max(1, from + random.nextInt(21) - 10);
        subscriptionQuantity[s] = to;
        return new Keyed(subscriptionKey(s), new SubscriptionQuantityChanged(eventId(), occurredAt(), subscriptionId(s),
                customerId(c), providerId(provider), from, to, "admin@reseller.example"), 0, 0);
    }

    private Keyed acceptPartnership(int p, int j) {
        partnershipActive[p][j] = true;
        int reseller = partnersOf[p][j];
        return new Keyed(partnershipKey(p, reseller), new PartnershipAccepted(eventId(), occurredAt(), providerId(p),
                resellerId(reseller), new UUID(salt ^ 0x1A, sequence), "admin@reseller.example",
                random.nextBoolean() ? "Europe" : "UnitedStates"), 1, 0);
    }

    private Keyed removePartnership(int p, int j) {
        partnershipActive[p][j] = false;
        int reseller = partnersOf[p][j];
        return new Keyed(partnershipKey(p, reseller), new PartnershipRemoved(eventId(), occurredAt(), providerId(p),
                resellerId(reseller), "admin@provider.example", "contract ended", true,
                "I attest in good faith that this removal has a legitimate business purpose."), 0, 1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private int partnerOf(int provider) {
        return partnersOf[provider][random.nextInt(partnersPerProvider)];
    }

    private int otherPartnerOf(int provider, int not) {
        int reseller;
        do {
            reseller = partnerOf(provider);
        } while (reseller == not);
        return reseller;
    }

    private UUID eventId() {
        return UUID.randomUUID();
    }

    private Instant occurredAt() {
        // strictly increasing across the whole history, so also per aggregate; ~20 s apart, millisecond precision
        long i = sequence++;
        return BASE.plusMillis(i * 20_000 + random.nextInt(20_000));
    }

    private UUID providerId(int p) {
        return new UUID(salt ^ 0x01L << 56, p);
    }

    private UUID resellerId(int r) {
        return new UUID(salt ^ 0x02L << 56, r);
    }

    private UUID customerId(int c) {
        return new UUID(salt ^ 0x03L << 56, c);
    }

    private UUID subscriptionId(int s) {
        return new UUID(salt ^ 0x04L << 56, s);
    }

    private UUID orderId(int s) {
        return new UUID(salt ^ 0x05L << 56, s);
    }

    private static String partnerIdOf(int reseller) {
        return Integer.toString(7_000_000 + reseller);
    }

    private String customerKey(int c) {
        return customerId(c).toString();
    }

    private String subscriptionKey(int s) {
        return subscriptionId(s).toString();
    }

    private String partnershipKey(int p, int reseller) {
        return providerId(p) + ":" + resellerId(reseller);
    }

    private static int[] filled(int size) {
        int[] array = new int[size];
        Arrays.fill(array, -1);
        return array;
    }
}
