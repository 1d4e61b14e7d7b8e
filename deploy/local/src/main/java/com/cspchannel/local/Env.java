package com.cspchannel.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The settings the stack takes from environment variables, and the ports they name. */
final class Env {

    private Env() {
    }

    static int port(String name, int fallback) {
        return number(name, fallback);
    }

    static int number(String name, int fallback) {
        String value = System.getenv(name);
        if (isBlank(value)) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupFailure(name + "=" + value + " is not a number", "configuration", null);
        }
    }

    static String or(String name, String fallback) {
        String value = System.getenv(name);
        return isBlank(value) ? fallback : value;
    }

    static boolean isSet(String name) {
        return !isBlank(System.getenv(name));
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Fails early, naming the variable that moves the port, rather than with a bind error in a child's log. */
    static void requireFree(int port, String part, String envName) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StartupFailure("port " + port + " is already in use (another local stack still running? "
                    + "see: lsof -i :" + port + "). Stop that program or choose another port with " + envName + ".",
                    part, null);
        }
    }
}
