package org.bonelesion.stage;

/**
 * The stage a specimen's measurements support and the measurements that decided it.
 *
 * @param stage    the stage name (e.g. {@code 3-lytic}), or empty when no measurement the rules use was present
 * @param evidence the deciding comparisons, e.g. {@code "Ct.Perf.N = 1 >= 1"}, joined by {@code "; "}
 */
public record StageCall(String stage, String evidence) {}
