package com.cspchannel.events.partnership;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A reseller's status in the CSP indirect-reseller program. Only an active reseller may transact. */
public enum ProgramStatus {
    @JsonProperty("active") ACTIVE,
    @JsonProperty("suspended") SUSPENDED
}
