package com.cspchannel.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreePortsTest {

    @Test
    void thePortChosenIsFreeOnTheLoopbackInterfaceAndCanBeListenedOnAtOnce() throws IOException {
        int port = FreePorts.next();
        assertThat(port).isBetween(1024, 65535);
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
            // and it was really free: a second listener on it is refused while the first holds it
            assertThatThrownBy(() -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close())
                    .isInstanceOf(IOException.class);
            assertThat(FreePorts.next()).as("a port in use is not chosen").isNotEqualTo(port);
        }
    }
}
