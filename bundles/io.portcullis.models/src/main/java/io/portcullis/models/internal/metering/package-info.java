/**
 * Metering of model calls: the platform's prices, each workspace's monthly budget and burst limits,
 * the reservation of a call's worst-case cost before it is made, its settlement at the usage the
 * provider reported, the append-only usage events, the sweeper of reservations a crashed call left,
 * and the REST routes of all these. Time is the database's (see {@link
 * io.portcullis.models.internal.metering.DbTime}), so several nodes agree on limits and periods.
 */
@NullMarked
package io.portcullis.models.internal.metering;

import org.jspecify.annotations.NullMarked;
