package io.portcullis.egress.internal;

import io.portcullis.spi.net.AddressClass;
import io.portcullis.spi.net.AddressClass.Kind;
import io.portcullis.spi.net.AddressRanges;

/**
 * The class of an address the guard may connect to: its range ({@link AddressRanges}, the table the
 * policy API validates {@code private_cidrs} with), except that an address of the server itself is
 * never more open than loopback, whatever range it lies in.
 */
@FunctionalInterface
interface AddressClassifier {

    AddressClass classify(byte[] address);

    /** By range, with {@code own} addresses demoted to {@link Kind#HOST}. */
    static AddressClassifier of(OwnAddresses own) {
        return address -> {
            AddressClass byRange = AddressRanges.classify(address);
            if (byRange.kind() != Kind.FORBIDDEN && byRange.kind() != Kind.HOST && own.isOwn(byRange.address())) {
                return new AddressClass(Kind.HOST, "this server's own", byRange.address());
            }
            return byRange;
        };
    }
}
