package com.cspchannel.system;

import com.cspchannel.client.customer.api.CustomersApi;
import com.cspchannel.client.customer.model.CreateCustomerRequest;
import com.cspchannel.client.customer.model.LineItemRequest;
import com.cspchannel.client.notification.api.NotificationsApi;
import com.cspchannel.client.partnership.api.ResellerAssociationsApi;
import com.cspchannel.client.partnership.api.ResellerReassignmentsApi;
import com.cspchannel.client.partnership.model.ComplianceRequest;
import com.cspchannel.client.partnership.model.DryRunView;
import com.cspchannel.client.partnership.model.JobView;
import com.cspchannel.client.partnership.model.ReassignmentRequest;
import com.cspchannel.client.subscription.api.SubscriptionsApi;
import com.cspchannel.client.subscription.model.SubscriptionView;
import com.cspchannel.client.subscription.model.SupportContactRequest;
import com.cspchannel.client.ApiClients;
import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static com.cspchannel.system.Clients.ok;
import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A provider moves what one reseller holds to another across the three services. A dry run lists exactly what the
 * run then moves or refuses, with the same codes (2203 for a target without an MPA). A job whose three services
 * are all killed with SIGKILL after it started (partnership-service at once, customer- and subscription-service
 * while they take up its items) still moves every item exactly once: each customer is associated with the target
 * once, each subscription's reseller of record changes once, each support contact and tenant-owner grant moves
 * once, and the job completes once.
 */
class ResellerReassignmentIT {

    private static final String AZURE_PLAN = "DZH318Z0BPS6:0001";
    private static final int CUSTOMERS = 10;
    private static final int AZURE_CUSTOMERS = 3;

    private final SystemStack stack = SystemStack.get();
    private final HttpApi partnerships = stack.api("partnership");

    private record Held(UUID customer, UUID basic) {
    }

    /** kind/customer/subscription=code (or "movable"), in the order listed. */
    private static List<String> verdicts(DryRunView dryRun) {
        return dryRun.getMoves().stream().map(i -> i.getKind().getValue() + "/" + i.getCustomerId() + "/"
                + i.getSubscriptionId() + "=" + (i.getMovable() ? "movable" : i.getCode())).toList();
    }

    /** The same for a job: what it recorded when it started (refused, or pending: movable). */
    private static List<String> verdicts(JobView job, boolean settled) {
        return job.getMoves().stream().map(i -> i.getKind().getValue() + "/" + i.getCustomerId() + "/"
                + i.getSubscriptionId() + "=" + (i.getOutcome().equals("refused") ? i.getCode()
                : settled && i.getOutcome().equals("moved") || !settled && i.getOutcome().equals("pending")
                ? "movable" : i.getOutcome())).toList();
    }

    @Test
    void aDryRunMatchesTheRunAndASigkillOfEachServiceMidJobStillMovesEveryItemExactlyOnce() throws Exception {
        InvitedResellers invited = InvitedResellers.create(partnerships, 3);
        List<UUID> resellers = new ArrayList<>(invited.pla().keySet());
        UUID source = resellers.get(0);
        UUID target = resellers.get(1);
        UUID unsigned = resellers.get(2);
        for (UUID reseller : resellers) {
            assertThat(invited.accept(partnerships, reseller).status()).isEqualTo(201);
        }
        String admin = invited.admin();
        // the third reseller's MPA lapses: it may administer and support, not be reseller of record (2203)
        ok(() -> Clients.directory(TOKENS.platform("DirectoryAdmin")).changeCompliance(unsigned,
                new ComplianceRequest().mpaSignedRegions(List.of())
                        .programStatus(ComplianceRequest.ProgramStatusEnum.ACTIVE), null, null));

        List<Held> held = sourceHolds(invited, source, admin);
        ResellerAssociationsApi associations = Clients.associations(admin);
        await().atMost(Duration.ofSeconds(90)).until(() -> associations.associations(source, null, null, 0, 10, null)
                .getCounts().equals(counts(CUSTOMERS, AZURE_CUSTOMERS, CUSTOMERS, CUSTOMERS)));
        ResellerReassignmentsApi reassignments = new ResellerReassignmentsApi(ApiClients.partnership(
                Clients.baseUrl("partnership"), admin));

        // One customer to the reseller without an MPA: its dry run and run agree, including the refusal.
        ReassignmentRequest first = new ReassignmentRequest().sourceResellerTenantId(source)
                .targetResellerTenantId(unsigned).customerIds(List.of(held.get(0).customer()));
        DryRunView firstDryRun = ok(() -> reassignments.dryRunResellerReassignment(first, null));
        assertThat(verdicts(firstDryRun)).containsExactlyInAnyOrder(
                "customer_admin/" + held.get(0).customer() + "/null=movable",
                "tenant_owner/" + held.get(0).customer() + "/null=movable",
                "reseller_of_record/" + held.get(0).customer() + "/" + held.get(0).basic() + "=2203",
                "support_contact/" + held.get(0).customer() + "/" + held.get(0).basic() + "=movable");
        JobView firstJob = ok(() -> reassignments.startResellerReassignment(first, null, "first-" + source, null));
        assertThat(verdicts(firstJob, false)).isEqualTo(verdicts(firstDryRun));
        JobView firstDone = completed(reassignments, firstJob.getJobId());
        assertThat(verdicts(firstDone, true)).isEqualTo(verdicts(firstDryRun));
        assertThat(firstDone.getProgress().getDone()).isEqualTo(3);
        assertThat(firstDone.getProgress().getFailed()).isEqualTo(1);

        // Everything else to the target; every service is killed after the job started.
        ReassignmentRequest rest = new ReassignmentRequest().sourceResellerTenantId(source)
                .targetResellerTenantId(target);
        DryRunView dryRun = ok(() -> reassignments.dryRunResellerReassignment(rest, null));
        assertThat(dryRun.getRefused()).isZero();
        // the first customer's reseller of record stayed with the source (2203 for the other target)
        assertThat(dryRun.getMovable()).isEqualTo((CUSTOMERS - 1) * 3 + (AZURE_CUSTOMERS - 1) + 1);
        JobView started = ok(() -> reassignments.startResellerReassignment(rest, null, "rest-" + source, null));
        UUID job = started.getJobId();
        assertThat(verdicts(started, false)).isEqualTo(verdicts(dryRun));
        stack.service("partnership").kill();
        Thread.sleep(300);
        stack.service("customer").kill();
        stack.service("subscription").kill();
        List<CompletableFuture<Void>> restarts = List.of("partnership", "customer", "subscription").stream()
                .map(name -> CompletableFuture.runAsync(() -> stack.service(name).start()
                        .awaitReady(Duration.ofSeconds(240)))).toList();
        CompletableFuture.allOf(restarts.toArray(CompletableFuture[]::new)).get();

        // a client that lost the answer retries with its key: the same job
        assertThat(ok(() -> reassignments.startResellerReassignment(rest, null, "rest-" + source, null)).getJobId())
                .isEqualTo(job);
        JobView done = completed(reassignments, job);
        assertThat(verdicts(done, true)).isEqualTo(verdicts(dryRun));
        assertThat(done.getProgress().getFailed()).isZero();
        assertThat(done.getProgress().getDone()).isEqualTo(dryRun.getMovable());

        // Exactly once, in the services' own event stores.
        for (int i = 0; i < CUSTOMERS; i++) {
            Held h = held.get(i);
            assertThat(stack.storedEvents("customer", "ResellerAssociated", h.customer().toString())).isEqualTo(1);
            assertThat(stack.storedEvents("subscription", "ResellerOfRecordChanged", h.basic().toString()))
                    .as("reseller of record of " + h.basic()).isEqualTo(1);
            assertThat(stack.storedEvents("subscription", "SupportContactDesignated", h.basic().toString()))
                    .isEqualTo(2);
            if (i < AZURE_CUSTOMERS) {
                assertThat(stack.storedEvents("customer", "TenantOwnerGranted", h.customer().toString()))
                        .isEqualTo(2);
            }
        }
        assertThat(stack.storedEvents("partnership", "ReassignmentCompleted", job.toString())).isEqualTo(1);
        assertThat(stack.storedEvents("customer", "CustomerReassignmentProcessed", job.toString())).isEqualTo(1);
        assertThat(stack.storedEvents("subscription", "SubscriptionReassignmentProcessed", job.toString()))
                .isEqualTo(1);
        // and in the associations view, as ordinary changes: the target holds what the source held
        await().atMost(Duration.ofSeconds(90)).until(() -> associations.associations(target, null, null, 0, 10, null)
                .getCounts().equals(counts(CUSTOMERS - 1, AZURE_CUSTOMERS - 1, CUSTOMERS, CUSTOMERS - 1))
                && associations.associations(source, null, null, 0, 10, null).getCounts()
                .equals(counts(0, 0, 0, 0)));
        SubscriptionView moved = ok(() -> Clients.subscriptions(admin).subscription(held.get(1).customer(),
                held.get(1).basic(), null));
        assertThat(moved.getPartnerId()).isEqualTo(invited.pla().get(target));
        assertThat(moved.getSupportContact().getSupportTenantId()).isEqualTo(target);

        // One summary per reseller and job, not one message per item: the targets hear once of what they gained,
        // the source once per job of what it lost, and none of the jobs' moves notified anyone on its own.
        NotificationsApi sourceMail = Clients.notifications(TOKENS.reseller(source, "GlobalAdmin"));
        NotificationsApi targetMail = Clients.notifications(TOKENS.reseller(target, "GlobalAdmin"));
        NotificationsApi unsignedMail = Clients.notifications(TOKENS.reseller(unsigned, "GlobalAdmin"));
        await().atMost(Duration.ofSeconds(90)).until(() -> notified(targetMail, "reassignment_gained") == 1
                && notified(unsignedMail, "reassignment_gained") == 1 && notified(sourceMail, "reassignment_lost") == 2);
        // every move was published before its job's outcome, and the notification service has read them all by now
        stack.awaitConsumed("notification-service", "csp.customers.events");
        stack.awaitConsumed("notification-service", "csp.subscriptions.events");
        for (String perItem : List.of("reseller_associated", "reseller_of_record_gained", "support_contact_designated",
                "tenant_owner_granted")) {
            assertThat(notified(targetMail, perItem) + notified(unsignedMail, perItem)).as(perItem).isZero();
        }
        for (String perItem : List.of("delegated_admin_revoked", "reseller_of_record_lost", "support_contact_lost",
                "tenant_owner_revoked")) {
            assertThat(notified(sourceMail, perItem)).as(perItem).isZero();
        }
    }

    /** How many notifications of a type the caller's organisation received. */
    private static long notified(NotificationsApi mail, String type) {
        return ok(() -> mail.listNotifications(null, type, null, null, null, null)).getTotalCount();
    }

    private static Map<String, Long> counts(long admin, long tenantOwner, long resellerOfRecord, long support) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("partnership", 1L);
        counts.put("customer_admin", admin);
        counts.put("tenant_owner", tenantOwner);
        counts.put("reseller_of_record", resellerOfRecord);
        counts.put("support_contact", support);
        return counts;
    }

    private static JobView completed(ResellerReassignmentsApi reassignments, UUID job) {
        await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() ->
                reassignments.getResellerReassignment(job, null).getState().equals("completed"));
        return ok(() -> reassignments.getResellerReassignment(job, null));
    }

    /**
     * Customers of the source, each with a subscription naming it reseller of record and support contact; the first
     * few also with an Azure plan and a tenant-owner grant for it.
     */
    private List<Held> sourceHolds(InvitedResellers invited, UUID source, String admin) {
        String pla = invited.pla().get(source);
        HttpApi customersHttp = stack.api("customer");
        // customer-service learns the partnership from Kafka
        await().atMost(Duration.ofSeconds(60)).until(() -> customersHttp.post("/api/v1/customers/validation", admin,
                InvitedResellers.customerFor(source)).status() == 200);
        CustomersApi customers = Clients.customers(admin);
        SubscriptionsApi subscriptions = Clients.subscriptions(admin);
        List<Held> held = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            CreateCustomerRequest request = Clients.newCustomer(source, pla);
            if (i < AZURE_CUSTOMERS) {
                List<LineItemRequest> lines = new ArrayList<>(request.getOrder().getLineItems());
                lines.add(new LineItemRequest().offerId(AZURE_PLAN).quantity(1));
                request.getOrder().lineItems(lines);
            }
            UUID customer = ok(() -> customers.create(request, null, null, null)).getId();
            int lines = i < AZURE_CUSTOMERS ? 2 : 1;
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> subscriptions.subscriptions(customer,
                    null, null, 0, 10, null).getTotalCount() == lines);
            UUID basic = ok(() -> subscriptions.subscriptions(customer, pla, null, 0, 10, null)).getItems().get(0)
                    .getId();
            ok(() -> subscriptions.designate(customer, basic, new SupportContactRequest().supportTenantId(source)
                    .supportMpnId(pla).name("Source support"), null, null, null, null));
            if (i < AZURE_CUSTOMERS) {
                // customer-service learns the Azure plan from subscription-service's events
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> customers.grantTenantOwner(
                        customer, null, null, null).getTenantOwnerPartnerId() != null);
            }
            held.add(new Held(customer, basic));
        }
        return held;
    }
}
