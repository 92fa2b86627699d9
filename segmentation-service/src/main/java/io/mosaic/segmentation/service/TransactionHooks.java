package io.mosaic.segmentation.service;

import com.arjuna.ats.jta.TransactionManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

/** Work that must only start once the current transaction has committed, such as a backfill of what it saved. */
final class TransactionHooks {
    private TransactionHooks() {}

    static void afterCommit(Runnable action) {
        try {
            TransactionManager.transactionManager().getTransaction().registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        action.run();
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("no transaction to wait for", e);
        }
    }
}
