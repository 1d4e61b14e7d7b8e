package com.cspchannel.partnership.query;

import java.util.List;

/** One page of a list, with the total so that clients can page through it. */
public record PageResult<T>(List<T> items, long totalCount, int page, int size) {
}
