package com.cspchannel.platform.database;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Whether a failure says the database is away (down, restarting, unreachable, out of connections, or the
 * connection lost during the transaction) rather than that the request or record is wrong. Nothing was committed
 * that an idempotent retry would not find, so: an API request is answered 503 with {@code Retry-After} (the client
 * retries with the same Idempotency-Key), and a consumer's record is retried until the database is back, never sent
 * to the dead-letter topic, where it would be missing from the view for good.
 */
public final class DatabaseAway {

    private DatabaseAway() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    // a commit or rollback that failed: the connection broke under the transaction
                    || cause instanceof TransactionSystemException) {
                return true;
            }
            // PostgreSQL's classes 08 (connection exception) and 57P (shut down, restarting, cannot connect now)
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
