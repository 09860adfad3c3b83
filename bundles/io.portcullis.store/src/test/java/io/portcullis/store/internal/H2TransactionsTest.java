package io.portcullis.store.internal;

class H2TransactionsTest extends TransactionsContract {

    H2TransactionsTest() {
        super(TestDatabase.h2());
    }
}
