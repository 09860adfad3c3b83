package io.portcullis.policy.internal.scan.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.function.Supplier;

/** Reaches {@code Socket} only through method references, which javac compiles to handles. */
public class UsesSocketMethodRef {

    interface IoFunction<T, R> {
        R apply(T value) throws IOException;
    }

    Supplier<Socket> factory() {
        return Socket::new;
    }

    IoFunction<Socket, InputStream> streams() {
        return Socket::getInputStream;
    }
}
