package dev.flowexec.sdk.sample.boot;

/**
 * What the shop posts: {@code {"id": "evt_1", "type": "order.paid", "order_id": "A-1001",
 * "customer_id": "cust-9"}}. The shop may deliver one event more than once; {@code id} stays the
 * same.
 */
record OrderEvent(String id, String type, String orderId, String customerId) {}
