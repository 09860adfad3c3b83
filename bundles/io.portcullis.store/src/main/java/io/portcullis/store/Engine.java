package io.portcullis.store;

/** The database engines Portcullis runs on. */
public enum Engine {
    /** Embedded H2, the default: a file database in the data folder. */
    H2,
    /** PostgreSQL, for production and for more than one node. */
    POSTGRESQL
}
