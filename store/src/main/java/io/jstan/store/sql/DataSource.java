package io.jstan.store.sql;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code --sql_source} as nats-streaming-server's Go drivers read it, turned into a JDBC URL and
 * connection properties: for postgres (lib/pq) a {@code key=value} list or a {@code postgres://}
 * URL, for mysql (go-sql-driver) {@code [user[:password]@][tcp(host:port)|unix(path)]/dbname[?params]}.
 * A source that starts with {@code jdbc:} is taken as it is. Options the Go drivers know that have no
 * use here are accepted and ignored (listed in {@link #IGNORED_MYSQL}); any other is refused.
 */
public record DataSource(String jdbcUrl, Properties properties) {

    /** go-sql-driver options about Go types or connection details that the JDBC driver handles by itself. */
    static final Set<String> IGNORED_MYSQL = Set.of("charset", "collation", "parsetime", "loc", "allownativepasswords",
            "allowoldpasswords", "allowcleartextpasswords", "clientfoundrows", "columnswithalias", "interpolateparams",
            "multistatements", "maxallowedpacket", "rejectreadonly", "checkconnliveness");

    public DataSource {
        Properties copy = new Properties();
        copy.putAll(properties);
        properties = copy;
    }

    @Override
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** @throws IllegalArgumentException with what is wrong in the source, naming options not understood */
    public static DataSource parse(SqlDialect dialect, String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("the SQL store needs a data source (--sql_source)");
        }
        String trimmed = source.trim();
        if (trimmed.startsWith("jdbc:")) {
            return new DataSource(trimmed, new Properties());
        }
        return dialect == SqlDialect.POSTGRES ? postgres(trimmed) : mysql(trimmed);
    }

    private static DataSource postgres(String source) {
        Map<String, String> options = source.startsWith("postgres://") || source.startsWith("postgresql://")
                ? postgresUrl(source) : postgresKeyValues(source);
        String host = options.remove("host");
        String port = options.remove("port");
        String user = options.remove("user");
        String password = options.remove("password");
        String database = options.remove("dbname");
        if (host != null && host.startsWith("/")) {
            throw new IllegalArgumentException("postgres data source: Unix sockets (host=" + host + ") are not supported, use host and port");
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // lib/pq's default, where PostgreSQL's own clients prefer SSL without requiring it.
        properties.setProperty("sslmode", options.getOrDefault("sslmode", "require"));
        options.remove("sslmode");
        copy(options, "connect_timeout", properties, "connectTimeout");
        copy(options, "application_name", properties, "ApplicationName");
        copy(options, "sslcert", properties, "sslcert");
        copy(options, "sslkey", properties, "sslkey");
        copy(options, "sslrootcert", properties, "sslrootcert");
        refuseRest("postgres", options.keySet());
        String name = database != null ? database : user != null ? user : "";
        String url = "jdbc:postgresql://" + (host == null || host.isEmpty() ? "localhost" : host)
                + (port == null || port.isEmpty() ? "" : ":" + port) + "/" + name;
        return new DataSource(url, properties);
    }

    private static Map<String, String> postgresUrl(String source) {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("postgres data source: invalid URL: " + e.getMessage(), e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getRawUserInfo() != null) {
            String[] credentials = uri.getRawUserInfo().split(":", 2);
            options.put("user", decode(credentials[0]));
            if (credentials.length > 1) {
                options.put("password", decode(credentials[1]));
            }
        }
        if (uri.getHost() != null) {
            options.put("host", uri.getHost());
        }
        if (uri.getPort() > 0) {
            options.put("port", Integer.toString(uri.getPort()));
        }
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            options.put("dbname", decode(path.substring(1)));
        }
        options.putAll(query(uri.getRawQuery()));
        return options;
    }

    /** lib/pq's {@code key=value} list: values may be single-quoted, with backslash escapes. */
    private static Map<String, String> postgresKeyValues(String source) {
        Map<String, String> options = new LinkedHashMap<>();
        int i = 0;
        int length = source.length();
        while (i < length) {
            while (i < length && Character.isWhitespace(source.charAt(i))) {
                i++;
            }
            if (i == length) {
                break;
            }
            int equals = source.indexOf('=', i);
            if (equals < 0) {
                throw new IllegalArgumentException("postgres data source: missing \"=\" after \"" + source.substring(i).trim() + "\"");
            }
            String key = source.substring(i, equals).trim();
            i = equals + 1;
            while (i < length && Character.isWhitespace(source.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < length && source.charAt(i) == '\'') {
                i++;
                while (i < length && source.charAt(i) != '\'') {
                    if (source.charAt(i) == '\\' && i + 1 < length) {
                        i++;
                    }
                    value.append(source.charAt(i++));
                }
                if (i == length) {
                    throw new IllegalArgumentException("postgres data source: unterminated quoted value of " + key);
                }
                i++;
            } else {
                while (i < length && !Character.isWhitespace(source.charAt(i))) {
                    if (source.charAt(i) == '\\' && i + 1 < length) {
                        i++;
                    }
                    value.append(source.charAt(i++));
                }
            }
            options.put(key, value.toString());
        }
        return options;
    }

    private static DataSource mysql(String source) {
        int slash = source.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("mysql data source: missing \"/\" before the database name"
                    + " (expected user:password@tcp(host:port)/dbname)");
        }
        String before = source.substring(0, slash);
        String after = source.substring(slash + 1);
        int at = before.lastIndexOf('@');
        String credentials = at < 0 ? "" : before.substring(0, at);
        String address = at < 0 ? before : before.substring(at + 1);
        int question = after.indexOf('?');
        String database = question < 0 ? after : after.substring(0, question);
        Map<String, String> options = new LinkedHashMap<>();
        query(question < 0 ? null : after.substring(question + 1)).forEach((key, value) -> options.put(key.toLowerCase(), value));

        Properties properties = new Properties();
        if (!credentials.isEmpty()) {
            int colon = credentials.indexOf(':');
            properties.setProperty("user", colon < 0 ? credentials : credentials.substring(0, colon));
            if (colon >= 0) {
                properties.setProperty("password", credentials.substring(colon + 1));
            }
        }
        String hostPort = "127.0.0.1:3306";
        if (address.startsWith("unix(") && address.endsWith(")")) {
            properties.setProperty("localSocket", address.substring(5, address.length() - 1));
            hostPort = "localhost";
        } else if (address.startsWith("tcp(") && address.endsWith(")")) {
            String inner = address.substring(4, address.length() - 1);
            hostPort = inner.isEmpty() ? hostPort : inner.contains(":") ? inner : inner + ":3306";
        } else if (!address.isEmpty() && !address.equals("tcp")) {
            throw new IllegalArgumentException("mysql data source: unsupported address \"" + address
                    + "\" (expected tcp(host:port) or unix(/path/to/socket))");
        }
        String tls = options.remove("tls");
        if (tls != null) {
            properties.setProperty("sslMode", switch (tls) {
                case "true" -> "verify-full";
                case "skip-verify", "preferred" -> "trust";
                case "false" -> "disable";
                default -> throw new IllegalArgumentException("mysql data source: unsupported tls=" + tls
                        + " (expected true, false, skip-verify or preferred)");
            });
        }
        copyDuration(options, "timeout", properties, "connectTimeout");
        copyDuration(options, "readtimeout", properties, "socketTimeout");
        options.keySet().removeAll(IGNORED_MYSQL);
        refuseRest("mysql", options.keySet());
        return new DataSource("jdbc:mariadb://" + hostPort + "/" + database, properties);
    }

    private static Map<String, String> query(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            options.put(decode(equals < 0 ? pair : pair.substring(0, equals)), equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
        return options;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void copy(Map<String, String> options, String key, Properties properties, String property) {
        String value = options.remove(key);
        if (value != null) {
            properties.setProperty(property, value);
        }
    }

    /** A Go duration (such as 5s or 500ms) as the milliseconds the MariaDB driver takes. */
    private static void copyDuration(Map<String, String> options, String key, Properties properties, String property) {
        String value = options.remove(key);
        if (value == null) {
            return;
        }
        try {
            String iso = "PT" + value.toUpperCase().replace("MS", "").replace("US", "");
            Duration duration = value.endsWith("ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                    : Duration.parse(iso);
            properties.setProperty(property, Long.toString(duration.toMillis()));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("mysql data source: invalid duration " + key + "=" + value + " (such as 5s or 500ms)", e);
        }
    }

    private static void refuseRest(String driver, Set<String> rest) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException(driver + " data source: option" + (rest.size() > 1 ? "s " : " ")
                    + String.join(", ", new TreeSet<>(rest)) + " not understood by jstan");
        }
    }
}
