package com.cspchannel.events.partnership;

/** How many items of each kind a reassignment job moved. */
public record ReassignmentCounts(int customerAdmin, int tenantOwner, int resellerOfRecord, int supportContact) {
}
