package io.jstan.broker.monitor;

/** jstan's own version, from the jar's manifest; the build's version when run from classes. */
final class JstanVersion {
    private static final String BUILD_VERSION = "0.1.0-SNAPSHOT";

    private JstanVersion() {
    }

    static String get() {
        String version = JstanVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : BUILD_VERSION;
    }
}
