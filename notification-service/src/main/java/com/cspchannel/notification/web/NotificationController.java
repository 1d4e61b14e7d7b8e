package com.cspchannel.notification.web;

import com.cspchannel.notification.catalogue.NotificationType;
import com.cspchannel.notification.catalogue.RecipientKind;
import com.cspchannel.notification.query.NotificationQueries;
import com.cspchannel.notification.query.NotificationStatus;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The delivery log: the notifications sent (or to be sent) to the caller's own tenant, never another's. */
@RestController
@RequestMapping("/api/v1/notifications")
@Validated
@Tag(name = "Notifications", description = "What was sent to your tenant by email, and where each delivery stands")
public class NotificationController {

    private final NotificationQueries queries;

    public NotificationController(NotificationQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(operationId = "listNotifications",
            summary = "List the notifications sent to your tenant, newest first (paginated)",
            description = "Provider users see their provider's notifications, reseller users their reseller's. "
                    + "Filters: recipient (email address), type, status (pending_address, pending, sent, failed, "
                    + "not_sent, uncertain).")
    public Page<NotificationView> list(Caller caller,
                                    @RequestParam(required = false) @Size(max = 320) String recipient,
                                    @RequestParam(required = false) NotificationType type,
                                    @RequestParam(required = false) NotificationStatus status,
                                    @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                    @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.list(scope(caller), new NotificationQueries.Filter(recipient, type, status), page, size)
                .map(NotificationView::of);
    }

    @GetMapping("/{notificationId}")
    @Operation(summary = "One notification sent to your tenant: subject, body, status and why")
    @NotificationProblem.Raises(NotificationProblem.NOTIFICATION_NOT_FOUND)
    public NotificationView get(Caller caller, @PathVariable UUID notificationId) {
        return queries.find(notificationId, scope(caller)).map(NotificationView::of)
                .orElseThrow(() -> new DomainRuleViolation(NotificationProblem.NOTIFICATION_NOT_FOUND,
                        "No notification " + notificationId + " was sent to your tenant."));
    }

    private static NotificationQueries.Scope scope(Caller caller) {
        caller.requireTenantUser();
        return new NotificationQueries.Scope(caller.isProvider() ? RecipientKind.provider : RecipientKind.reseller,
                caller.tenantId());
    }
}
