package io.jstan.cli.options;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration keys of nats-server 2.9 and nats-streaming-server 0.25 that jstan cannot honour
 * yet. A file that sets one is refused rather than run with the setting silently dropped.
 */
final class UnsupportedConfigKeys {
    private static final Set<String> NATS = Set.of(
            // top level
            "accounts", "allow_non_tls", "client_advertise", "connect_error_reports",
            "default_js_domain", "disable_sublist_cache", "gateway", "http_base_path", "jetstream",
            "lame_duck_duration", "lame_duck_grace_period", "leaf", "leafnodes", "log_size_limit",
            "logfile_size_limit", "mappings", "maps", "max_sub_tokens", "max_subs", "max_subscription_tokens",
            "max_subscriptions", "max_traced_msg_len", "mqtt", "no_auth_user", "no_header_support",
            "no_sublist_cache", "no_sys_acc", "no_system", "no_system_account", "ocsp", "operator",
            "operators", "ports_file_dir", "prof_port", "reconnect_error_reports", "resolver",
            "account_resolver", "accounts_resolver", "resolver_pinned_accounts", "resolver_preload",
            "resolver_tls", "root", "root_operator", "root_operators", "roots", "server_tags", "store_dir",
            "storedir", "system", "system_account", "trace_verbose", "trusted", "trusted_keys", "websocket", "ws",
            // authorization { }
            "authorization.default_permission", "authorization.default_permissions",
            "authorization.permissions", "authorization.users",
            // cluster { }: route permissions, several users, tokens, pooling and compression of later nats-servers
            "cluster.permissions", "cluster.authorization.users", "cluster.authorization.token",
            "cluster.authorization.permissions", "cluster.pool_size", "cluster.accounts", "cluster.compression",
            "cluster.tls.cipher_suites", "cluster.tls.curve_preferences", "cluster.tls.insecure", "cluster.tls.pinned_certs",
            "cluster.tls.verify_and_map", "cluster.tls.verify_cert_and_check_known_urls",
            // tls { }
            "tls.cipher_suites", "tls.connection_rate_limit", "tls.curve_preferences", "tls.insecure",
            "tls.pinned_certs", "tls.verify_and_map", "tls.verify_cert_and_check_known_urls");

    /** Relative to the streaming block. */
    private static final Set<String> STREAMING = Set.of(
            // partitioning
            "partitioning",
            // credentials for the connection to NATS
            "credentials", "nkey_seed_file", "user", "username", "pass", "password", "token",
            // tls { } of the connection to NATS
            "tls.server_name", "tls.server_hostname", "tls.skip_verify", "tls.insecure",
            // the rest
            "discover_prefix");

    private static final Map<ConfigScope, Set<String>> KEYS = Map.of(ConfigScope.NATS, NATS, ConfigScope.STREAMING, STREAMING);

    private UnsupportedConfigKeys() {
    }

    /** {@code path}: lower case, dots between the names of nested maps, relative to the scope. */
    static boolean contains(ConfigScope scope, String path) {
        return KEYS.get(scope).contains(path);
    }

    static Set<String> all(ConfigScope scope) {
        return new TreeSet<>(KEYS.get(scope));
    }
}
