package org.plenum.server.core.db;

/**
 * One unit of database work as services hand it to stores: a transaction (from {@link Database#inTransaction} or the
 * ledger's write), a read-only snapshot, or {@link Database#auto()} (each statement on its own). Only store
 * implementations look inside ({@link Pg#sql}).
 */
public interface Tx {}
