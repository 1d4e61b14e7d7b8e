package com.cspchannel.platform.database;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are a database that is away (retried until it is back) and which are the record's. */
class DatabaseAwayTest {

    @Test
    void aConnectionRefusedOrTerminatedOrAServerStartingUpIsTheDatabaseAway() {
        // what the listener container hands the error handler when the transaction could not even begin
        assertThat(DatabaseAway.causedBy(new ListenerExecutionFailedException("listener failed",
                new BatchListenerFailedException("record 0 of the poll failed",
                        new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                                new PSQLException("Connection to 127.0.0.1:5432 refused",
                                        PSQLState.CONNECTION_UNABLE_TO_CONNECT)), 0)))).isTrue();
        assertThat(DatabaseAway.causedBy(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseAway.causedBy(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseAway.causedBy(new SQLException("the database system is starting up", "57P03"))).isTrue();
        // seen when PostgreSQL stopped in the middle of an acceptance: the rollback found the connection gone
        assertThat(DatabaseAway.causedBy(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aRecordThatBreaksAConstraintOrAHandlerBugIsNot() {
        assertThat(DatabaseAway.causedBy(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseAway.causedBy(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("handler bug")))).isFalse();
    }
}
