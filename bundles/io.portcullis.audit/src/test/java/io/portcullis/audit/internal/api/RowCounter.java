package io.portcullis.audit.internal.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Wraps a data source and counts, for the queries on {@code audit.records}, how many ran and the most
 * rows any one of them returned: what proves that a reader pages instead of loading everything.
 */
final class RowCounter {

    final AtomicInteger recordQueries = new AtomicInteger();
    final AtomicLong maxRows = new AtomicLong();

    DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("prepareStatement") && ((String) args[0]).contains("FROM audit.records")) {
                return statement((PreparedStatement) result);
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement statement) {
        return proxy(PreparedStatement.class, statement, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("executeQuery")) {
                recordQueries.incrementAndGet();
                return rows((ResultSet) result);
            }
            return result;
        });
    }

    private ResultSet rows(ResultSet rows) {
        AtomicLong count = new AtomicLong();
        return proxy(ResultSet.class, rows, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
                maxRows.accumulateAndGet(count.incrementAndGet(), Math::max);
            }
            return result;
        });
    }

    @FunctionalInterface
    private interface Handler<T> {
        Object handle(T target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(RowCounter.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
