package org.vosuite.felis.parse;

/**
 * How a Felis file is read.
 *
 * @param idGeneration             fill in missing {@code @id}s as felis does (on by default, as in felis v30)
 * @param forceUnboundedArraysize  derive arraysize {@code *} instead of {@code N*} for string, unicode and binary
 * @param columnRefIndexIncrement  when &gt; 0, number imported columns' {@code tap:column_index} N, 2N, 3N… per
 *                                 table and resource
 */
public record ReadOptions(boolean idGeneration, boolean forceUnboundedArraysize, int columnRefIndexIncrement) {
    public static final ReadOptions DEFAULT = new ReadOptions(true, false, 0);

    public ReadOptions withForceUnboundedArraysize(boolean force) {
        return new ReadOptions(idGeneration, force, columnRefIndexIncrement);
    }
}
