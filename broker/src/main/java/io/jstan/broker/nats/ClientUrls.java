package io.jstan.broker.nats;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The URLs ({@code host:port}) clients can reach this server at, as nats-server advertises them to
 * its routes: the listen host, or when it listens on every interface, each non-loopback address.
 */
final class ClientUrls {
    private ClientUrls() {
    }

    static List<String> of(String host, int port) {
        if (!isAnyAddress(host)) {
            return List.of(hostPort(host, port));
        }
        List<String> urls = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        urls.add(hostPort(address.getHostAddress(), port));
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: clients are told no address rather than a wrong one.
        }
        return urls;
    }

    private static boolean isAnyAddress(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
    }

    private static String hostPort(String host, int port) {
        int zone = host.indexOf('%');
        String bare = zone >= 0 ? host.substring(0, zone) : host;
        return (bare.contains(":") && !bare.startsWith("[") ? "[" + bare + "]" : bare) + ":" + port;
    }
}
