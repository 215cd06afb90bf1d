package com.phala.cloud.contract;

/**
 * One difference between our contract and Phala's published document, at one place of the list
 * operation's tree.
 *
 * @param kind what differs: {@code added} (ours only), {@code missing} (published only), {@code
 *     type}, {@code nullable}, {@code required}, {@code default}, {@code enum}, {@code pattern} or
 *     {@code deprecated}
 * @param where the place, such as {@code CVMInfo.hourly_rate} or {@code parameter query user_id}
 * @param ours what our contract says there ({@code -} when it says nothing)
 * @param published what the published document says there ({@code -} when it says nothing)
 * @param source the {@code x-deviation} source key that documents it as deliberate; null when
 *     nothing does
 */
public record Finding(String kind, String where, String ours, String published, String source) {
  /** Whether our contract documents this difference as deliberate. */
  public boolean deliberate() {
    return source != null;
  }
}
