package io.portcullis.store.internal;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's log lines through SLF4J, with its errors demoted to DEBUG: every Flyway error also ends the
 * migration with an exception, which the extender logs as the one error line naming the bundle,
 * version, migration and reason. (Flyway's own line, "please restore backups", would be wrong on H2,
 * where the store has just restored the schema.) Public with a public constructor: Flyway instantiates
 * it by class name.
 */
public final class FlywayLogging implements LogCreator {

    @Override
    public Log createLogger(Class<?> type) {
        return new Forward(LoggerFactory.getLogger(type));
    }

    private record Forward(Logger logger) implements Log {

        @Override
        public boolean isDebugEnabled() {
            return logger.isDebugEnabled();
        }

        @Override
        public void debug(String message) {
            logger.debug(message);
        }

        @Override
        public void info(String message) {
            logger.info(message);
        }

        @Override
        public void warn(String message) {
            logger.warn(message);
        }

        @Override
        public void error(String message) {
            logger.debug(message);
        }

        @Override
        public void error(String message, Exception e) {
            logger.debug(message, e);
        }

        @Override
        public void notice(String message) {
            logger.info(message);
        }
    }
}
