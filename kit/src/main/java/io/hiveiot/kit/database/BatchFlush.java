package io.hiveiot.kit.database;

import org.jooq.DSLContext;

/**
 * What the writes of a batch accumulate, written once per batch just before its commit: one row holding what every
 * write of the batch added, say, instead of a row per write (the commit stays the unit of durability, so the
 * writes' futures still complete only after it). The writes add to the owner's accumulator; the
 * {@link SingleWriter} calls {@link #flush} after the writes of a transaction ran and {@link #discard} when writes
 * were rolled back. Called on the writer thread only, so the accumulator needs no lock.
 */
public interface BatchFlush {

    /**
     * Writes what was accumulated since the last flush or discard (nothing, when nothing was). Called before every
     * commit; when a batch is run again write by write after a failure, after each write inside its savepoint.
     *
     * @return what to do once this is committed, run on the writer thread before the writes' futures complete and
     *         never when the commit fails; or null. Throwing fails the writes whose work it held, as if one of
     *         them had thrown.
     */
    Runnable flush(DSLContext dsl);

    /** The writes since the last flush were rolled back: forget what they accumulated. */
    void discard();
}
